"""Certificates: records, PDF rendering, background issue and public verification."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Owns certificate records, their PDFs, the issuing tasks and verification."""

    name = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from courses.signals import course_completed, programme_completed

        from . import roles
        from .signals import on_course_completed, on_programme_completed

        course_completed.connect(
            on_course_completed, dispatch_uid="certificates.on_course_completed"
        )
        programme_completed.connect(
            on_programme_completed, dispatch_uid="certificates.on_programme_completed"
        )
        roles.connect(self)

        from courses.enrolment_badges import register as register_badge
        from people import retention
        from people.class_tabs import ClassTab
        from people.class_tabs import register as register_tab

        from .archives import delete_expired_archives
        from .enrolment_badge import CERTIFICATE_STATUS, PROGRAMME_CERTIFICATE_STATUS

        # A class's certificates as one ZIP (docs/privacy.md).
        retention.register(
            retention.Rule(
                "certificate_zips", "RETENTION_ARCHIVE_DAYS", delete_expired_archives
            )
        )

        register_badge(CERTIFICATE_STATUS)
        register_badge(PROGRAMME_CERTIFICATE_STATUS)
        register_tab(
            ClassTab(
                "certificates",
                _("Certificates"),
                "certificates:class_certificates",
                order=40,
            )
        )

        from people.signals import user_erased

        from . import personal_data

        personal_data.register_sections()
        user_erased.connect(
            personal_data.on_user_erased, dispatch_uid="certificates.on_user_erased"
        )
