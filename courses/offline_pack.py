"""A course "kept offline": what the service worker (site/templates/sw.js) stores.

The pack lists, for one enrolled learner and course, the lesson pages, the phone-size
renditions of their images, the practice quizzes and the learner's practice attempts
in progress (their questions can be answered offline), each with its size in bytes and
its revision. The browser shows the total before anything is downloaded, and on
reconnecting compares the revisions with those it kept: a page the editor has
published again is fetched again, one that left the course is dropped.

Online only, never in a pack: timed quizzes (the course has a time limit), exam
quizzes and quizzes with a class window (their answers count only inside the window),
documents and videos (they say so on the page). Sizes of pages are estimates (the
rendered body plus the layout around it); image sizes are the files' own.
"""

import os

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.templatetags.static import static
from django.urls import reverse
from wagtail.images.models import Filter

from people.models import Membership

from .models import LessonPage, QuizAttempt, QuizPage, QuizWindow
from .offline_sync import answers_may_wait
from .outline import course_outline

# What the lesson template's {% picture %} offers a phone: WebP at 360 and 720 px
# (a wider screen's 1080 px copy falls back to these offline, see sw.js).
PHONE_RENDITIONS = Filter.expand_spec("format-{webp}|width-{360,720}")
# The layout around a page's own text (header, footer, forms), measured on the demo
# lesson without its body: about 6 KiB of HTML.
LAYOUT_BYTES = 6 * 1024
# What the pages of a pack load (base layout, lesson, course, quiz and attempt pages);
# cached once for all courses. A name not in the static files is left out.
SHELL_ASSETS = (
    "css/site.css",
    "favicon.svg",
    "js/pwa.js",
    "js/offline-queue.js",
    "courses/video.js",
    "courses/offline-pack.js",
    "courses/quiz.js",
    "courses/quiz_focus.js",
)


def budget_bytes():
    """The most a browser keeps for all its offline courses together (0: off)."""
    return int(settings.OFFLINE_BUDGET_MIB * 1024 * 1024)


def windowed_quiz_ids(quiz_ids, user):
    """The quizzes a class of this learner has a window on: their answers count
    only inside it, so they are taken online."""
    if not quiz_ids:
        return set()
    class_ids = Membership.objects.filter(user=user, school_class__isnull=False).values(
        "school_class_id"
    )
    return set(
        QuizWindow.objects.filter(
            quiz_id__in=quiz_ids, school_class_id__in=class_ids
        ).values_list("quiz_id", flat=True)
    )


def _body_bytes(lesson):
    """The rendered body's size, cached per published revision."""
    key = f"courses:offline-bytes:{lesson.pk}:{lesson.live_revision_id}"
    size = cache.get(key)
    if size is None:
        html = "".join(str(block.render()) for block in lesson.body)
        size = len(html.encode()) + len(lesson.intro.encode())
        cache.set(key, size, 24 * 3600)
    return size


def _image_entries(lesson):
    entries = []
    for block in lesson.body:
        if block.block_type != "image" or not block.value.get("image"):
            continue
        renditions = block.value["image"].get_renditions(*PHONE_RENDITIONS)
        for rendition in renditions.values():
            try:
                size = rendition.file.size
            except OSError:  # the file went missing: the page shows its alt text
                continue
            entries.append(
                {
                    "url": rendition.url,
                    "kind": "image",
                    "bytes": size,
                    "revision": rendition.file.name,
                }
            )
    return entries


def _asset_bytes(name):
    path = finders.find(name)
    return os.path.getsize(path) if path else 0


def _page_entry(item, kind, page, extra_bytes=0):
    return {
        "url": item.url,
        "kind": kind,
        "title": item.title,
        "bytes": LAYOUT_BYTES + extra_bytes,
        # Compared on reconnect: a new publication gives a new revision id.
        "revision": str(page.live_revision_id or page.last_published_at or ""),
    }


def _open_attempt_entries(user, quizzes):
    """The learner's untimed practice attempts in progress: their pages hold the
    questions, to be answered offline and sent later (courses.offline_sync)."""
    attempts = QuizAttempt.objects.open().filter(
        enrolment__user=user,
        quiz_id__in=list(quizzes),
        deadline__isnull=True,
        window__isnull=True,
    )
    return [
        {
            "url": quizzes[attempt.quiz_id].url
            + quizzes[attempt.quiz_id].reverse_subpage("attempt", args=[attempt.pk]),
            "kind": "attempt",
            "bytes": LAYOUT_BYTES + len(str(attempt.snapshot).encode()),
            "revision": str(attempt.pk),  # dropped once submitted
        }
        for attempt in attempts.only("pk", "quiz_id", "snapshot")
    ]


def course_pack(course, user):
    """The pack of ``course`` for ``user`` (an active enrolment is checked by the
    caller): a dict ready for JSON."""
    items = course_outline(course)
    quiz_ids = [item.pk for item in items if item.is_quiz]
    lessons = LessonPage.objects.live().in_bulk(
        [item.pk for item in items if not item.is_quiz]
    )
    # Timed quizzes and exams (offline_sync's rule), and quizzes with a class window.
    quizzes = QuizPage.objects.live().in_bulk(quiz_ids)
    online_only = windowed_quiz_ids(quiz_ids, user) | {
        pk for pk, quiz in quizzes.items() if not answers_may_wait(quiz, course)
    }
    quizzes = {pk: q for pk, q in quizzes.items() if pk not in online_only}
    entries = [_page_entry(course, "course", course)]
    skipped = []
    for item in items:
        if item.pk in lessons:
            lesson = lessons[item.pk]
            entries.append(_page_entry(item, "lesson", lesson, _body_bytes(lesson)))
            entries.extend(_image_entries(lesson))
        elif item.pk in quizzes:
            quiz = quizzes[item.pk]
            entries.append(_page_entry(item, "quiz", quiz, len(quiz.intro.encode())))
        elif item.pk in online_only:
            skipped.append({"url": item.url, "title": item.title})
    entries.extend(_open_attempt_entries(user, quizzes))
    entries.append(
        {
            "url": reverse("courses:my_learning"),
            "kind": "page",
            "bytes": LAYOUT_BYTES,
            "revision": "",  # fetched again at every reconnect
        }
    )
    entries.extend(
        {
            "url": static(name),
            "kind": "asset",
            "bytes": _asset_bytes(name),
            "revision": static(name),  # hashed names in production
        }
        for name in SHELL_ASSETS
        if finders.find(name)
    )
    return {
        "course": course.pk,
        "title": course.title,
        "entries": entries,
        "online_only": skipped,
        # My learning's "continue" link redirects; offline it leads to the course page.
        "aliases": {course.url + course.reverse_subpage("resume"): course.url},
        "total_bytes": sum(entry["bytes"] for entry in entries),
        # What counts against the budget: the course's own pages and images (the
        # shared layout files and My learning are kept once for all courses).
        "course_bytes": sum(
            e["bytes"] for e in entries if e["kind"] not in ("asset", "page")
        ),
        "budget_bytes": budget_bytes(),
    }
