"""Sign-in throttling with django-axes: a username is paused on one device after
``AXES_FAILURE_LIMIT`` wrong passwords, for ``AXES_COOLOFF_TIME``.

Locks are per username *and* address, never per address alone: a whole school signs in
from one address on exam day, and one pupil's typos must not lock out the class.
Attempts are counted for any username typed, existing or not, and the lockout page is
the same for both, so it does not tell whether an account exists.
"""

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
    """The key attempts are counted under: "Admin " and "admin" are one account."""
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get(field) or ""
    return username.strip().lower() or None


def lockout_message():
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return gettext(
        "Too many unsuccessful sign-in attempts. For your security, signing in "
        "with this username from this device is paused for %(minutes)d minutes. "
        "Please try again later, or ask your coordinator to reset your password."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page again, status 429, with the lockout message as its only error.

    Works for every login view that renders its form in a ``TemplateResponse``
    (the portal's, Wagtail's and Django's admin); anything else gets plain text.
    """
    message = lockout_message()
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
