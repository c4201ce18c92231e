"""When is a course complete, and how far along is each learner: the one home of both.

A course is complete when every live lesson is marked done and every live, required
quiz has a passed attempt. Completion is recorded once (a conditional UPDATE) and
announced once with ``course_completed``, after the transaction commits.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils import timezone

from . import xapi_statements
from .models import Enrolment, LessonPage, LessonProgress, QuizAttempt, QuizPage
from .signals import course_completed


def course_items(course):
    """Live lesson ids and live required quiz ids of a course (two small queries)."""
    lessons = set(
        LessonPage.objects.live().child_of(course).values_list("pk", flat=True)
    )
    quizzes = set(
        QuizPage.objects.live()
        .child_of(course)
        .filter(required=True)
        .values_list("pk", flat=True)
    )
    return lessons, quizzes


def is_complete(enrolment, lessons=None, quizzes=None):
    if lessons is None or quizzes is None:
        lessons, quizzes = course_items(enrolment.course)
    done = set(
        LessonProgress.objects.filter(
            enrolment=enrolment, lesson_id__in=lessons
        ).values_list("lesson_id", flat=True)
    )
    passed = set(
        QuizAttempt.objects.filter(
            enrolment=enrolment, quiz_id__in=quizzes, passed=True
        ).values_list("quiz_id", flat=True)
    )
    return done >= lessons and passed >= quizzes


FINISHED_TIMEOUT = 3600


def _finished_key(enrolment_id):
    return f"courses:finished:{enrolment_id}"


def finished_items(enrolment):
    """Ids of the lessons done and quizzes passed in this enrolment.

    Every lesson and quiz page shows them, and they change only when the learner
    finishes something, which always goes through ``update_completion``: cached
    until then (one query otherwise; page ids never collide).
    """
    key = _finished_key(enrolment.pk)
    found = cache.get(key)
    if found is None:
        lessons = (
            LessonProgress.objects.filter(enrolment=enrolment)
            .order_by()
            .values_list("lesson_id", flat=True)
        )
        quizzes = (
            QuizAttempt.objects.filter(enrolment=enrolment, passed=True)
            .order_by()
            .values_list("quiz_id", flat=True)
        )
        found = frozenset(lessons.union(quizzes))
        cache.set(key, found, FINISHED_TIMEOUT)
    return found


def _forget_finished(enrolment_id):
    """Drop the cached finished items now and again at commit, so that no reader
    caches what the transaction is about to change."""
    key = _finished_key(enrolment_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def update_completion(enrolment, now=None):
    """Record completion if the rule is met; True only for the call that recorded it.

    Called after every lesson done and quiz submitted.
    """
    _forget_finished(enrolment.pk)
    if enrolment.completed_at is not None or not is_complete(enrolment):
        return False
    now = now or timezone.now()
    recorded = Enrolment.objects.filter(
        pk=enrolment.pk, completed_at__isnull=True
    ).update(completed_at=now, status=Enrolment.Status.COMPLETED)
    if not recorded:
        return False
    enrolment.completed_at, enrolment.status = now, Enrolment.Status.COMPLETED
    enrolment_pk = enrolment.pk
    transaction.on_commit(
        lambda: course_completed.send(
            sender=Enrolment, enrolment=Enrolment.objects.get(pk=enrolment_pk)
        )
    )
    return True


def mark_lesson_done(enrolment, lesson, now=None):
    """Idempotent: a second click changes nothing. Returns True if newly marked."""
    now = now or timezone.now()
    return bool(mark_lessons_done(enrolment, {lesson: now}, now))


def mark_lessons_done(enrolment, done, now=None):
    """Mark lessons done: ``done`` is {lesson page: when}, one lesson from the
    lesson page or many from an offline sync (courses/offline_sync.py): one
    insert and one completion check for all. Idempotent: a lesson already done
    keeps its first time. Returns the lessons newly marked; what must happen once
    per lesson done happens for those."""
    now = now or timezone.now()
    with transaction.atomic():
        already = set(
            LessonProgress.objects.filter(
                enrolment=enrolment, lesson_id__in=[lesson.pk for lesson in done]
            ).values_list("lesson_id", flat=True)
        )
        created = [lesson for lesson in done if lesson.pk not in already]
        if created:
            LessonProgress.objects.bulk_create(
                [
                    LessonProgress(
                        enrolment=enrolment, lesson=lesson, completed_at=done[lesson]
                    )
                    for lesson in created
                ],
                ignore_conflicts=True,
            )
            Enrolment.mark_started(enrolment.pk, min(done[x] for x in created))
            update_completion(enrolment, now)
            for lesson in created:
                xapi_statements.lesson_done(enrolment, lesson, done[lesson])
        return created


def progress_by_enrolment(enrolments):
    """{enrolment id: (done, total)} for many enrolments in four aggregate queries.

    Totals count the live lessons and live required quizzes of each course; done
    counts those a learner has finished. Courses are siblings in the page tree, so a
    lesson's course is the prefix of its path.
    """
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    course_paths = {e.course_id: e.course.path for e in enrolments}
    prefix_length = len(next(iter(course_paths.values())))
    by_path = {path: course_id for course_id, path in course_paths.items()}
    in_courses = Q()
    for path in course_paths.values():
        in_courses |= Q(path__startswith=path)

    totals = dict.fromkeys(course_paths, 0)
    for model, extra in ((LessonPage, Q()), (QuizPage, Q(required=True))):
        rows = (
            model.objects.live()
            .filter(in_courses, extra)
            .annotate(course_path=Substr("path", 1, prefix_length))
            .values("course_path")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            course_id = by_path.get(row["course_path"])
            if course_id is not None:
                totals[course_id] += row["n"]

    ids = [e.pk for e in enrolments]
    lessons_done = dict(
        LessonProgress.objects.filter(enrolment_id__in=ids, lesson__live=True)
        .values("enrolment_id")
        .annotate(n=Count("pk"))
        .values_list("enrolment_id", "n")
    )
    quizzes_passed = dict(
        QuizAttempt.objects.filter(
            enrolment_id__in=ids, passed=True, quiz__live=True, quiz__required=True
        )
        .values("enrolment_id")
        .annotate(n=Count("quiz_id", distinct=True))
        .values_list("enrolment_id", "n")
    )
    return {
        e.pk: (
            lessons_done.get(e.pk, 0) + quizzes_passed.get(e.pk, 0),
            totals[e.course_id],
        )
        for e in enrolments
    }
