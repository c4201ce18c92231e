"""Work done without a connection, arriving: "lesson done" and practice-quiz answers
that the browser queued (site/static/js/offline-queue.js) and sends when it can.

The server is the record. Each item is checked as the online request would be
(a live lesson or quiz of a course the learner is still enrolled in and may open;
for answers, an untimed practice attempt in progress, still open for the class,
answers that match its questions) and applied through the same code
(courses.completion, courses.quiz). What the course no longer accepts is refused
with a message the learner sees: nothing is dropped in silence.

Idempotent: each item is first claimed by inserting its browser id, unique per
learner, in the transaction that applies it. A replay, or two copies of one batch
racing, find the rows claimed by another request and answer "duplicate".
A batch costs a fixed number of queries, plus a few per course whose lessons it
marks and per quiz attempt it submits.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageViewRestriction

from . import quiz as quiz_engine
from .completion import mark_lessons_done
from .exam_windows import is_exam, quiz_open_for
from .models import CoursePage, Enrolment, LessonPage, QuizAttempt, QuizPage
from .models import SyncedItem as Row

MAX_ITEMS = 100
MAX_AGE = timedelta(days=365)  # older device times are taken as the arrival time
SAVED, DUPLICATE, REFUSED = "saved", "duplicate", "refused"

UNREADABLE = _("This item could not be read; nothing was saved.")
GONE = _("This lesson or quiz is no longer on the site; it was not recorded.")
NOT_ENROLLED = _(
    "You are no longer enrolled in this course, so what you did offline was not "
    "recorded."
)
RESTRICTED = _("You may not open this page, so it was not recorded.")
ONLINE_ONLY = _(
    "Timed quizzes and exams can only be taken with a connection; the answers given "
    "offline were not recorded."
)
NO_ATTEMPT = _(
    "This quiz has no attempt in progress for these answers (it may have been "
    "submitted elsewhere); they were not recorded."
)


class BadBatch(ValueError):
    """The body is not a list of items we accept."""


@dataclass
class Item:
    sent_id: object
    client_id: uuid.UUID | None = None
    kind: str = ""
    page_id: int | None = None
    answers: object = None
    at: datetime | None = None
    status: str | None = None
    message: object = ""
    page: object = None
    course: object = None
    enrolment: object = None
    row_id: int | None = field(default=None, repr=False)

    def refuse(self, message):
        self.status, self.message = REFUSED, message

    def result(self):
        return {"id": self.sent_id, "status": self.status, "message": self.message}


def items_of(payload):
    """The items of a request body ({"items": [...]}), read but not yet checked."""
    if not isinstance(payload, dict) or not isinstance(payload.get("items"), list):
        raise BadBatch
    if len(payload["items"]) > MAX_ITEMS:
        raise BadBatch
    return [_read(raw) for raw in payload["items"]]


def _read(raw):
    if not isinstance(raw, dict):
        return Item(sent_id=None, status=REFUSED, message=UNREADABLE)
    sent_id = raw.get("id")
    item = Item(
        sent_id=sent_id if isinstance(sent_id, str) and len(sent_id) <= 64 else None
    )
    key = {"lesson_done": "lesson", "practice_answers": "quiz"}.get(raw.get("kind"))
    page_id = raw.get(key) if key else None
    try:
        item.client_id = uuid.UUID(item.sent_id)
    except (TypeError, ValueError, AttributeError):
        item.refuse(UNREADABLE)
        return item
    if type(page_id) is not int or not 0 < page_id < 2**31:
        item.refuse(UNREADABLE)
        return item
    item.kind, item.page_id = raw["kind"], page_id
    item.answers = raw.get("answers")
    item.at = _device_time(raw.get("at"))
    return item


def _device_time(text):
    """The device's clock, if readable and within the last year, never later than
    now (else None: the arrival time is used). A phone's clock can be anything."""
    try:
        at = parse_datetime(text) if isinstance(text, str) and len(text) < 40 else None
        if at is not None and timezone.is_naive(at):
            at = timezone.make_aware(at)
        now = timezone.now()
        if at is not None and now - MAX_AGE <= at <= now + timedelta(days=1):
            return min(at, now)
    except (ValueError, OverflowError):
        pass
    return None


def sync(request, items, now=None):
    """Apply the items for the signed-in learner; each gets its status and message."""
    now = now or timezone.now()
    user = request.user
    seen = set()
    for item in items:
        if item.status is None and item.client_id in seen:
            item.status = DUPLICATE
        seen.add(item.client_id)
    fresh = [item for item in items if item.status is None]
    if not fresh:
        return items
    with transaction.atomic():
        token = uuid.uuid4()
        Row.objects.bulk_create(
            [
                Row(
                    user=user,
                    client_id=item.client_id,
                    kind=item.kind,
                    done_at=item.at,
                    received_at=now,
                    batch=token,
                )
                for item in fresh
            ],
            ignore_conflicts=True,
        )
        claimed = dict(
            Row.objects.filter(user=user, batch=token).values_list("client_id", "pk")
        )
        for item in fresh:
            item.row_id = claimed.get(item.client_id)
            if item.row_id is None:
                item.status = DUPLICATE
        todo = [item for item in fresh if item.status is None]
        _find(request, todo)
        _apply_lessons([i for i in todo if i.kind == "lesson_done"], now)
        for item in todo:
            if item.kind == "practice_answers" and item.status is None:
                _apply_answers(item, now)
        Row.objects.bulk_update(
            [
                Row(
                    pk=item.row_id,
                    status=item.status,
                    message=str(item.message)[:300],
                    page_id=item.page.pk if item.page else None,
                )
                for item in todo
            ],
            ["status", "message", "page"],
        )
    return items


def _find(request, items):
    """Attach each item's page, course and enrolment, or refuse it (five queries)."""
    pages = {}  # (kind, id): a lesson id sent as a quiz's is not found, and so on
    for kind, model in (("lesson_done", LessonPage), ("practice_answers", QuizPage)):
        ids = {i.page_id for i in items if i.kind == kind}
        pages |= {(kind, p.pk): p for p in model.objects.filter(pk__in=ids)}
    courses = {
        c.path: c
        for c in CoursePage.objects.filter(
            path__in={p.path[: -CoursePage.steplen] for p in pages.values()}
        )
    }
    enrolments = {
        e.course_id: e
        for e in Enrolment.objects.active().filter(
            user=request.user, course__in=courses.values()
        )
    }
    allowed = _may_open(request, pages.values())
    for item in items:
        page = pages.get((item.kind, item.page_id))
        course = courses.get(page.path[: -CoursePage.steplen]) if page else None
        if page is None or course is None or not (page.live and course.live):
            item.refuse(GONE)
            continue
        item.page, item.course = page, course
        item.enrolment = enrolments.get(course.pk)
        if item.enrolment is None:
            item.refuse(NOT_ENROLLED)
        elif not allowed[page.pk]:
            item.refuse(RESTRICTED)
        else:
            item.enrolment.course = course


def _may_open(request, pages):
    """{page id: whether Wagtail's view restrictions let this request see it}, the
    restrictions of every page and its ancestors read in one query."""
    pages = list(pages)
    step = CoursePage.steplen
    prefixes = {
        page.path[:end]
        for page in pages
        for end in range(step, len(page.path) + 1, step)
    }
    restrictions = list(
        PageViewRestriction.objects.filter(page__path__in=prefixes).select_related(
            "page"
        )
    )
    return {
        page.pk: all(
            r.accept_request(request)
            for r in restrictions
            if page.path.startswith(r.page.path)
        )
        for page in pages
    }


def _apply_lessons(items, now):
    """Per enrolment, every lesson at its (device) time, never in the future."""
    by_enrolment = {}
    for item in items:
        if item.status is not None:
            continue
        enrolment = item.enrolment
        at = min(item.at or now, now)
        at = max(at, enrolment.enrolled_at)
        done = by_enrolment.setdefault(enrolment.pk, (enrolment, {}))[1]
        done[item.page] = min(at, done.get(item.page, at))
        item.status = SAVED
    for enrolment, done in by_enrolment.values():
        mark_lessons_done(enrolment, done, now)


def answers_may_wait(quiz, course, attempt=None):
    """Whether a quiz's answers may be given offline and sent later: untimed
    practice, outside a class window. Timed quizzes and exams stay online-only."""
    if is_exam(quiz) or course.time_limit_minutes:
        return False
    return attempt is None or not (attempt.deadline or attempt.window_id)


def _apply_answers(item, now):
    """Submit the learner's attempt in progress with the answers given offline, as
    the quiz's submit button would; only for untimed practice outside a window."""
    quiz, course, enrolment = item.page, item.course, item.enrolment
    attempt = QuizAttempt.objects.open().filter(enrolment=enrolment, quiz=quiz).first()
    if not answers_may_wait(quiz, course, attempt):
        item.refuse(ONLINE_ONLY)
        return
    if attempt is None:
        item.refuse(NO_ATTEMPT)
        return
    attempt.enrolment, attempt.quiz = enrolment, quiz
    quiz_engine.enforce_window(attempt, quiz_open_for, now)
    try:
        if attempt.is_submitted:  # closed for the class meanwhile
            raise quiz_engine.refusal(attempt, now)
        if not isinstance(item.answers, dict):
            raise quiz_engine.InvalidAnswer
        quiz_engine.submit_attempt(attempt, item.answers, now)
    except quiz_engine.QuizError as error:
        item.refuse(error.message)
        return
    item.status = SAVED
