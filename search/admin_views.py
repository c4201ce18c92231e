"""The editors' report of search terms: what people look for, and what finds nothing."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .stats import REPORT_DAYS, popular_terms, zero_result_terms

VIEW_PERMISSION = "search.view_searchtermday"


class SearchTermsReport(
    PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView
):
    permission_required = VIEW_PERMISSION
    raise_exception = True
    page_title = _("Search terms")
    header_icon = "search"
    template_name = "search/admin/search_terms.html"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse_lazy("search_terms_report"), "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            days=REPORT_DAYS,
            popular=list(popular_terms()),
            zero_results=list(zero_result_terms()),
        )
        return context
