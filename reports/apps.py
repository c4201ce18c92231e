from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Owns completion statistics: SQL aggregate queries, report pages and exports."""

    name = "reports"
    verbose_name = _("Statistics")
    default_auto_field = "django.db.models.BigAutoField"
