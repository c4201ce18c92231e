"""Sign-in, sign-out and password views: Django's, with our forms and templates."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from . import consent, privacy_notice
from .forms import ForcedPasswordChangeForm, SignInForm
from .oidc import linking as oidc_linking
from .oidc.views import allow_link_form, sign_in_context
from .password_reset import QueuedPasswordResetForm, RateLimitedResetMixin


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "people/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **sign_in_context()}


class SignOutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ForcedPasswordChangeForm
    template_name = "people/password_change.html"
    success_url = "/"

    def get_context_data(self, **kwargs):
        context = {**super().get_context_data(**kwargs), **sign_in_context()}
        if context.get("oidc_provider_name"):
            context["oidc_link"] = oidc_linking.link_of(self.request.user)
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context.get("oidc_provider_name") and not context.get("oidc_link"):
            allow_link_form(response)
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


class PasswordResetView(RateLimitedResetMixin, auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "people/password_reset.html"
    email_template_name = "people/email/password_reset.txt"
    subject_template_name = "people/email/password_reset_subject.txt"
    success_url = reverse_lazy("people:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "people/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_complete")

    def form_valid(self, form):
        form.user.must_change_password = False
        return super().form_valid(form)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "people/password_reset_complete.html"


@require_http_methods(["GET", "HEAD", "POST"])
def privacy(request):
    """The processing notice for anyone; for a signed-in person also what is
    recorded about the basis for their data, and the button that acknowledges it."""
    user = request.user
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        privacy_notice.acknowledge(user)
        request.session.pop(privacy_notice.SESSION_KEY, None)
        return redirect(privacy_notice.safe_next(request, reverse("people:privacy")))
    context = {
        "retention": retention_days(),
        "guardian_age": settings.GUARDIAN_CONSENT_AGE,
        "next": privacy_notice.safe_next(request, ""),
        "hide_privacy_banner": True,  # this page is the notice itself
    }
    if user.is_authenticated:
        context["acknowledged_at"] = privacy_notice.acknowledged_at(user)
        context["consent"] = consent.status_of(user)
    return render(request, "people/privacy.html", context)


def retention_days():
    """The retention settings the notice quotes, by name."""
    return {
        "roster_files": settings.RETENTION_ROSTER_FILE_DAYS,
        "slips": settings.RETENTION_SLIP_DAYS,
        "exports": settings.RETENTION_EXPORT_DAYS,
        "archives": settings.RETENTION_ARCHIVE_DAYS,
    }
