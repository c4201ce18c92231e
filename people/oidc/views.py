"""Start a sign-in or a link at the provider, and finish either when it returns.

All three answer 404 while no provider is configured. Sign-in starts with a plain
link (GET) from the sign-in page; linking starts with a form (POST) on the account
page, so another site cannot start it for a signed-in learner.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from . import linking, provider
from .backend import LINK_SESSION_KEY


class _Configured:
    get_settings = staticmethod(provider.setting)

    def dispatch(self, request, *args, **kwargs):
        if not provider.is_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _refuse(request, reason, to):
    messages.error(request, linking.message_for(reason))
    return redirect(to)


class SignInStartView(_Configured, OIDCAuthenticationRequestView):
    """To the provider's sign-in, with a fresh state, nonce and PKCE challenge."""

    linking = False
    failure_to = "people:login"

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # settings are read per request, not here

    def get(self, request):
        if request.user.is_authenticated and not self.linking:
            return redirect(settings.LOGIN_REDIRECT_URL)
        if not self.linking:
            request.session.pop(LINK_SESSION_KEY, None)
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.setting(
                "OIDC_OP_AUTHORIZATION_ENDPOINT"
            )
        except provider.Unreachable:
            return _refuse(request, "unreachable", self.failure_to)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class LinkStartView(SignInStartView):
    """The signed-in learner links their own identity (account page's button)."""

    http_method_names = ["post"]
    linking = True
    failure_to = "people:password_change"

    def post(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(resolve_url("people:password_change"))
        request.session[LINK_SESSION_KEY] = request.user.pk
        return self.get(request)


class CallbackView(_Configured, OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back (``redirect_uri``)."""

    def get(self, request):
        user = request.user
        self.linking = (
            user.is_authenticated and request.session.get(LINK_SESSION_KEY) == user.pk
        )
        if request.GET.get("error"):  # cancelled at the provider: stay signed in
            states = request.session.get("oidc_states", {})
            if states.pop(request.GET.get("state"), None) is not None:
                request.session.modified = True
            request.oidc_refusal = "cancelled"
            return self.login_failure()
        try:
            return super().get(request)
        except SuspiciousOperation:  # a state this browser never started
            request.oidc_refusal = "session"
            return self.login_failure()

    def login_failure(self):
        request = self.request
        reason = getattr(request, "oidc_refusal", None) or "session"
        request.session.pop(LINK_SESSION_KEY, None)
        if self.linking:
            return _refuse(request, reason, "people:password_change")
        return _refuse(request, reason, "people:login")

    def login_success(self):
        request = self.request
        request.session.pop(LINK_SESSION_KEY, None)
        if not self.linking:
            return super().login_success()
        name = getattr(request, "oidc_name", "") or request.user.get_full_name()
        messages.success(
            request,
            _("Your account is now linked to the %(provider)s identity of %(name)s.")
            % {"provider": settings.OIDC_PROVIDER_NAME, "name": name},
        )
        return redirect(resolve_url("people:password_change"))


def sign_in_context():
    """What the sign-in and account pages show of the provider: nothing when off."""
    return (
        {"oidc_provider_name": settings.OIDC_PROVIDER_NAME}
        if provider.is_enabled()
        else {}
    )


def allow_link_form(response):
    """The account page's link form redirects to the provider: let its CSP allow
    that origin as a form target (the discovered one, if it can be read)."""
    try:
        origin = provider.authorization_origin()
    except provider.Unreachable:
        return response
    response._csp_update = {"form-action": [origin]}
    return response
