"""Wagtail hooks of item analysis, imported by reports/wagtail_hooks.py.

Adds the admin URLs, a "Item analysis" entry in the Reports menu, and a button on
each quiz page (listing "more" menu and page header) for editors who may edit it.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from courses.models import QuizPage

from ..access import can_analyse_any, may_analyse
from . import urls


@hooks.register("register_admin_urls")
def register_item_analysis_urls():
    return [path("phan-tich-cau-hoi/", include(urls))]


class _ItemAnalysisMenuItem(MenuItem):
    def is_shown(self, request):
        return can_analyse_any(request.user)


@hooks.register("register_reports_menu_item")
def item_analysis_menu_item():
    return _ItemAnalysisMenuItem(
        _("Item analysis"),
        reverse("reports_item_analysis:index"),
        icon_name="help",
        order=900,
    )


def _quiz_button(page, user, priority):
    if page.specific_class is QuizPage and may_analyse(user, page):
        yield Button(
            _("Item analysis"),
            reverse("reports_item_analysis:quiz", args=[page.pk]),
            icon_name="help",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def item_analysis_listing_button(page, user, next_url=None):
    yield from _quiz_button(page, user, 55)


@hooks.register("register_page_header_buttons")
def item_analysis_header_button(page, user, view_name, next_url=None):
    yield from _quiz_button(page, user, 66)
