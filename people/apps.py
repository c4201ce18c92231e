from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Owns users, organisations, classes and roles."""

    name = "people"
    verbose_name = _("People and organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            consent,  # noqa: F401  (forgets an erased user's consent records)
            password_resets,  # noqa: F401  (the notice at sign-in)
            privacy_notice,  # noqa: F401  (the processing notice at first sign-in)
            retention,  # noqa: F401  (people's retention rules)
            signals,  # noqa: F401  (connects the receivers)
        )
        from .class_tabs import ClassTab, register

        register(ClassTab("members", _("Students"), "coordinator:class", order=10))

        from .personal_data import register_people_sections

        register_people_sections()
