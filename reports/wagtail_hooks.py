"""Wagtail finds hooks in each app's ``wagtail_hooks.py``: the reports' hooks, by
feature."""

from wagtail import hooks

from .dashboard import hooks as dashboard_hooks  # noqa: F401  (statistics panel)
from .item_analysis import hooks as item_analysis_hooks  # noqa: F401  (admin pages)
from .populations.admin_views import PopulationViewSet


@hooks.register("register_admin_viewset")
def register_population_viewset():
    return PopulationViewSet("populations")
