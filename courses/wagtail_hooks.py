"""Snippets the editors manage beside the course pages."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Audience


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "slug"]
    menu_order = 300
    add_to_admin_menu = True


register_snippet(AudienceViewSet)
