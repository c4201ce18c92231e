"""Admin wiring: the search terms report, in the Reports menu, for editors."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import VIEW_PERMISSION, SearchTermsReport


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("search-terms/", SearchTermsReport.as_view(), name="search_terms_report"),
    ]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        _("Searches by visitors"),
        reverse("search_terms_report"),
        name="visitor-searches",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_permissions")
def register_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="search", codename=VIEW_PERMISSION.split(".")[1]
    )
