"""Wagtail's /admin/password_reset/ with the portal's queued, rate-limited reset
(people/password_reset.py). Routed in config/urls.py ahead of Wagtail's admin."""

from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views.account import PasswordResetView

from .password_reset import QueuedResetFormMixin, RateLimitedResetMixin


class QueuedAdminPasswordResetForm(QueuedResetFormMixin, PasswordResetForm):
    reset_kind = "admin"


class AdminPasswordResetView(RateLimitedResetMixin, PasswordResetView):
    def get_form_class(self):
        return QueuedAdminPasswordResetForm
