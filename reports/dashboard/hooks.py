"""Wagtail admin: a statistics summary on the dashboard for department users."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from ..access import may_view_reports
from ..filters import ReportFilters
from . import queries
from .views import cached, figures_source


class StatisticsPanel(Component):
    name = "reports_statistics"
    order = 150
    template_name = "reports/admin_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        filters = ReportFilters.for_user(self.user, {})
        # The summary tables when they may answer (a whole province is too big to
        # count live on every admin visit), as on the dashboard itself.
        state = queries.summary_state(filters)
        return {
            "title": _("Completion statistics"),
            "area": ", ".join(r.name for r in filters.roots),
            "summary": cached(
                filters,
                f"summary:{figures_source(state)}",
                lambda: queries.summary(filters, summarised=state is not None),
            ),
            "url": reverse("reports:dashboard"),
        }


@hooks.register("construct_homepage_panels")
def add_statistics_panel(request, panels):
    if may_view_reports(request.user):
        panels.append(StatisticsPanel(request.user))
