from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The wiring, installed last: `config` may import every app, no app imports it.

    Holds what belongs to the whole site rather than one room: patches to upstream
    code applied at start-up and the `runstack` command of `make run`.
    """

    name = "config"
    verbose_name = "Config"

    def ready(self):
        from .upstream_fixes import apply

        apply()  # Wagtail admin code that crashes on hand-made posts
