"""The personal-data processing notice: read once at the first sign-in.

Anyone may read the notice (people:privacy, linked from every page's footer and
from the sign-in form). A person who signs in without having acknowledged the
current ``NOTICE_VERSION`` is sent to it before any other page, until they press
"I have read it"; the time is kept (NoticeAcknowledgement) and audited (CONSENT).
A new version of the text (change ``NOTICE_VERSION``) is shown once more to all.
The check costs one query at sign-in, none per page: the sign-in marks the session.
"""

from urllib.parse import urlencode

from django.contrib.auth import user_logged_in
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
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


class ProcessingNoticeMiddleware:
    """Sends a session marked at sign-in to the notice until it is acknowledged
    (after ForcePasswordChangeMiddleware: a new password comes first)."""

    allowed_url_names = ("people:privacy", "people:logout", "people:password_change")
    exempt_prefixes = ("/static/", "/ngon-ngu/", "/jsi18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY):
            user = getattr(request, "user", None)
            if user is None or not user.is_authenticated:
                session.pop(SESSION_KEY, None)
            elif not self._allowed(request.path):
                notice = reverse("people:privacy")
                if request.method == "GET":
                    query = urlencode({"next": request.get_full_path()})
                    return redirect(f"{notice}?{query}")
                return redirect(notice)
        return self.get_response(request)

    def _allowed(self, path):
        allowed = {reverse(name) for name in self.allowed_url_names}
        return path in allowed or path.startswith(self.exempt_prefixes)
