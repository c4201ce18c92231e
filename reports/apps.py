from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Owns completion statistics: SQL aggregate queries, report pages and exports."""

    name = "reports"
    verbose_name = _("Statistics")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from people import retention
        from people.class_tabs import ClassTab, register

        from .exports.files import delete_expired_files

        # Learner lists with personal data (docs/privacy.md).
        retention.register(
            retention.Rule("exports", "RETENTION_EXPORT_DAYS", delete_expired_files)
        )

        register(
            ClassTab("progress", _("Progress"), "class_progress:progress", order=30)
        )
