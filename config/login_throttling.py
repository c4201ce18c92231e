"""Sign-in throttling with django-axes, wired: the gate backend, the page shown
while a sign-in waits, and the middleware that shows it.

The rules (one count per account, short growing waits for learners, a pause for
staff, known devices counted apart) are in people/sign_in_throttle.py. Locks are
never per address alone: a whole school signs in from one address on exam day.
Attempts are counted for any username typed, existing or not, and the waiting page
is the same for both, so it does not tell whether an account exists.
"""

import math

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.forms.utils import ErrorDict
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext


class ThrottledSignInBackend(AxesStandaloneBackend):
    """Axes' gate, first in ``AUTHENTICATION_BACKENDS``; it logs no one in.

    A check without a request (``manage.py`` commands, the test client's ``login``)
    has no client to throttle: it passes through to the next backend instead of
    raising, as axes' own backend would.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def normalised_username(request, credentials):
    """The key attempts are counted under: the account's username for its username
    or e-mail, in any case and spacing ("Admin ", "admin@x.vn" and "admin" are one)."""
    from people.sign_in_throttle import identity_and_account

    return identity_and_account(request, credentials)[0] or None


def lockout_message(seconds=None):
    """What a waiting sign-in is told: seconds for a short wait, else minutes."""
    if seconds is None:
        seconds = settings.AXES_COOLOFF_TIME.total_seconds()
    if seconds <= 90:
        return gettext(
            "Too many unsuccessful sign-in attempts. Please wait %(seconds)d "
            "seconds, then try again. If you have forgotten your password, ask "
            "your coordinator."
        ) % {"seconds": seconds}
    return gettext(
        "Too many unsuccessful sign-in attempts. For your security, signing in "
        "with this username from this device is paused for %(minutes)d minutes. "
        "Please try again later, or ask your coordinator to reset your password."
    ) % {"minutes": max(1, math.ceil(seconds / 60))}


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page again, status 429, with the lockout message as its only error.

    Works for every login view that renders its form in a ``TemplateResponse``
    (the portal's, Wagtail's and Django's admin); anything else gets plain text.
    """
    message = lockout_message(getattr(request, "sign_in_wait_seconds", None))
    form = None
    if isinstance(original_response, TemplateResponse):
        form = (original_response.context_data or {}).get("form")
    if form is None:
        return HttpResponse(
            message, status=429, content_type="text/plain; charset=utf-8"
        )
    form._errors = ErrorDict()
    form._errors["__all__"] = form.error_class([message])
    original_response.status_code = 429
    original_response.content = original_response.rendered_content
    return original_response
