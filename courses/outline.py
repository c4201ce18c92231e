"""A course's outline (its live, public lessons and quizzes in order), cached.

Every lesson, quiz and course page shows it, and building it costs three queries.
It changes only when pages are published, unpublished, moved or deleted, or view
restrictions change; those events bump one version number that is part of every
outline's cache key (courses/signal_handlers.py), so no stale outline survives them.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import Page

from .models import QuizPage

VERSION_KEY = "courses:outline-version"
TIMEOUT = 24 * 3600


class OutlineItem:
    """One lesson or quiz of a course; ``is_done`` is filled in per learner."""

    __slots__ = ("pk", "title", "url", "is_quiz", "required", "is_done")

    def __init__(self, pk, title, url, is_quiz, required):
        self.pk, self.title, self.url = pk, title, url
        self.is_quiz, self.required, self.is_done = is_quiz, required, False

    def __repr__(self):
        return f"<OutlineItem {self.pk} {self.title!r}>"


def tree_version():
    """A number that changes whenever the live page tree may have changed."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_tree_version():
    """Invalidate every cached outline and route at once."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _build(course):
    pages = list(
        Page.objects.child_of(course)
        .live()
        .public()
        .order_by("path")
        .only("pk", "title", "url_path", "path", "depth", "content_type_id")
    )
    quiz_type = ContentType.objects.get_for_model(QuizPage).pk
    quiz_ids = [p.pk for p in pages if p.content_type_id == quiz_type]
    required = (
        set(
            QuizPage.objects.filter(pk__in=quiz_ids, required=True).values_list(
                "pk", flat=True
            )
        )
        if quiz_ids
        else set()
    )
    return [
        (
            p.pk,
            p.title,
            p.get_url(),
            p.pk in quiz_ids,
            p.pk not in quiz_ids or p.pk in required,
        )
        for p in pages
    ]


def course_outline(course):
    key = f"courses:outline:{course.pk}:{tree_version()}"
    rows = cache.get(key)
    if rows is None:
        rows = _build(course)
        cache.set(key, rows, TIMEOUT)
    return [OutlineItem(*row) for row in rows]
