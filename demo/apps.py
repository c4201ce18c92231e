from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Owns the Vietnamese demo content and ``manage.py load_demo``.

    Above every other app (it fills them all) and imported by none: the demo is
    data for a fresh install, the tests and the benchmarks, never part of the site.
    """

    name = "demo"
    verbose_name = _("Demo content")
