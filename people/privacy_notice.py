"""The personal-data processing notice: read once at the first sign-in.

Anyone may read the notice (people:privacy, linked from every page's footer and
from the sign-in form). A person who signs in without having acknowledged the
current ``NOTICE_VERSION`` finds its summary at the top of every page, with a link
to the whole text and an "I have read this notice" button, until they press it;
the time is kept (NoticeAcknowledgement) and audited (CONSENT), and the summary
never comes back. A new version of the text (change ``NOTICE_VERSION``) is shown
once more to all. The check costs one query at sign-in, none per page: the sign-in
marks the session. (A banner rather than a page in the way: a pupil who signed in
to take a timed quiz is not sent elsewhere first.)
"""

from django.contrib.auth import user_logged_in
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from . import audit
from .models import AuditEntry, NoticeAcknowledgement

NOTICE_VERSION = "2026-01"
SESSION_KEY = "privacy_notice_due"


def acknowledged_at(user):
    """When ``user`` acknowledged the current notice (None: not yet)."""
    return (
        NoticeAcknowledgement.objects.filter(user=user, version=NOTICE_VERSION)
        .values_list("acknowledged_at", flat=True)
        .first()
    )


@receiver(user_logged_in)
def mark_notice_due(sender, request, user, **kwargs):
    if not hasattr(request, "session") or not hasattr(request, "_messages"):
        return  # not a page request (a test client's login): no page to send to
    if acknowledged_at(user) is None:
        request.session[SESSION_KEY] = True


def acknowledge(user):
    """Keep the time ``user`` read the current notice (once) and audit it."""
    now = timezone.now()
    try:
        with transaction.atomic():
            NoticeAcknowledgement.objects.create(
                user=user, version=NOTICE_VERSION, acknowledged_at=now
            )
            audit.record(
                user,
                AuditEntry.Action.CONSENT,
                target_user=user,
                after={"notice": NOTICE_VERSION, "acknowledged_at": now.isoformat()},
            )
    except IntegrityError:
        pass  # a second tab or a double click: the first time stands


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target.startswith("/") else default


def notice_due(request):
    """Context processor: the banner of base.html asks for the notice to be read
    while the session that signed in has not acknowledged it."""
    session = getattr(request, "session", None)
    due = session is not None and bool(session.get(SESSION_KEY))
    return {"privacy_notice_due": due}
