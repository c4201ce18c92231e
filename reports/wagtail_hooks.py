"""Wagtail finds hooks in each app's ``wagtail_hooks.py``: the reports' hooks, by
feature."""

from .dashboard import hooks as dashboard_hooks  # noqa: F401  (statistics panel)
from .item_analysis import hooks as item_analysis_hooks  # noqa: F401  (admin pages)
