"""Keep cached outlines and routes true to the page tree (courses/outline.py), and
the "quiz failed and not retried" marks true to each course's attempt limit."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .outline import bump_tree_version


def _forget(sender, raw=False, **kwargs):
    if not raw:
        bump_tree_version()


def _attempt_limit_changes(sender, instance, raw=False, update_fields=None, **kw):
    """Publishing a course with another attempt limit changes which failed quizzes
    still have attempts left: refresh its enrolments after the commit."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and "attempt_limit" not in update_fields:
        return  # a draft saved: the live limit is unchanged
    stored = list(
        sender.objects.filter(pk=instance.pk).values_list("attempt_limit", flat=True)
    )
    if stored and stored[0] != instance.attempt_limit:
        from .tasks import refresh_course_failures

        course_id = instance.pk
        transaction.on_commit(lambda: refresh_course_failures.delay(course_id))


def _erased(sender, user, **kwargs):
    """An erased person's enrolments changed for readers of what changed (the API's
    ``updated_since``): their holder is now anonymous."""
    from django.utils import timezone

    from .models import Enrolment

    Enrolment.objects.filter(user=user).update(updated_at=timezone.now())


def connect():
    from .models import CoursePage

    pre_save.connect(
        _attempt_limit_changes,
        sender=CoursePage,
        dispatch_uid="courses-attempt-limit-failures",
    )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_forget, dispatch_uid=f"courses-outline-{signal!r}")
    post_delete.connect(_forget, sender=Page, dispatch_uid="courses-outline-page-del")
    for signal in (post_save, post_delete):
        signal.connect(
            _forget,
            sender=PageViewRestriction,
            dispatch_uid=f"courses-outline-restriction-{signal!r}",
        )
    from people.transfers import learner_moved

    from .transfers import follow_move

    learner_moved.connect(follow_move, dispatch_uid="courses-follow-learner-move")
    from people.signals import user_erased

    user_erased.connect(_erased, dispatch_uid="courses-enrolments-erased")
