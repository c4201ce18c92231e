"""Keep cached outlines and routes true to the page tree (courses/outline.py)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .outline import bump_tree_version


def _forget(sender, raw=False, **kwargs):
    if not raw:
        bump_tree_version()


def connect():
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
