from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Installed only for its template library (``{% load figures %}``), which every
    app's templates may load because core sits below them all."""

    name = "core"
    verbose_name = _("Core")
