"""Snippets the editors manage beside the course pages: audiences, programmes and
question banks."""

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, CompetenceTag, Programme, Question, QuestionBank
from .question_import_hooks import (
    QuestionBankEditView,
    QuestionBankIndexView,
    QuestionIndexView,
)


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "slug"]
    menu_order = 300
    add_to_admin_menu = True


class ProgrammeViewSet(SnippetViewSet):
    """Tracks of courses with their completion rule (courses/programmes.py)."""

    model = Programme
    icon = "list-ol"
    list_display = ["title", "audience", "rule"]
    search_fields = ["title"]
    menu_order = 305
    add_to_admin_menu = True


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    list_display = ["name", "description"]
    search_fields = ["name"]
    index_view_class = QuestionBankIndexView  # import/export buttons
    edit_view_class = QuestionBankEditView


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    list_display = ["__str__", "bank", "kind", "version", "in_use"]
    list_filter = ["bank", "kind", "in_use", "tags"]
    search_fields = ["text"]
    index_view_class = QuestionIndexView


class ReadOnlyForEditors(ModelPermissionPolicy):
    """Anyone in the admin may read the frameworks; only a superuser may change
    them (they follow the official texts: `manage.py load_competence_tags`)."""

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if action == "view":
            return user.is_superuser or user.has_perm("wagtailadmin.access_admin")
        return user.is_superuser


class CompetenceTagViewSet(SnippetViewSet):
    """The national frameworks ship as data; editors read them and pick from them."""

    model = CompetenceTag
    icon = "tag"
    list_display = ["code", "name", "parent", "framework"]
    list_filter = ["framework"]
    search_fields = ["code", "name"]
    inspect_view_enabled = True


class QuestionBankGroup(SnippetViewSetGroup):
    items = (QuestionBankViewSet, QuestionViewSet, CompetenceTagViewSet)
    menu_label = _("Question banks")
    menu_icon = "help"
    menu_order = 310


register_permission_policy(CompetenceTag, ReadOnlyForEditors(CompetenceTag))
register_snippet(AudienceViewSet)
register_snippet(ProgrammeViewSet)
register_snippet(QuestionBankGroup)
