"""Organisations and classes in the Wagtail admin; the audit log, read-only."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AuditEntry, Organisation, SchoolClass, UnitEvent
from .models.organisations import placement_problem
from .unit_events import EventRefused, event_problems, record_event


class OrganisationForm(WagtailAdminModelForm):
    """Treebeard nodes are placed with add_child/move, so the parent is a form field.
    The successor of a merged unit is not typed here: it follows from the merge
    recorded under "Merges and splits" (people/unit_events.py)."""

    parent = forms.ModelChoiceField(
        label=_("parent unit"),
        queryset=Organisation.objects.order_by("path"),
        required=False,
        help_text=_("Leave empty only for the province itself."),
    )

    class Meta:
        model = Organisation
        fields = [
            "code",
            "official_code",
            "name",
            "kind",
            "school_level",
            "active_from",
            "active_until",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()
            self.fields["parent"].queryset = Organisation.objects.exclude(
                path__startswith=self.instance.path
            ).order_by("path")

    def clean(self):
        data = super().clean()
        parent = data.get("parent")
        message = placement_problem(
            data.get("kind"), data.get("school_level"), parent.kind if parent else None
        )
        if message:
            self.add_error("parent", message)
        return data

    def save(self, commit=True):
        unit, parent = self.instance, self.cleaned_data.get("parent")
        if unit.pk is None:
            if parent is None:
                return Organisation.add_root(instance=unit)
            return Organisation.objects.get(pk=parent.pk).add_child(instance=unit)
        unit.save()
        current = unit.get_parent()
        if parent is not None and (current is None or current.pk != parent.pk):
            unit.move(Organisation.objects.get(pk=parent.pk), pos="sorted-child")
        return unit


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "code", "official_code", "kind", "active_until"]
    list_filter = ["kind", "school_level"]
    search_fields = ["name", "code", "official_code"]
    ordering = ["path"]
    inspect_view_enabled = True
    # Not treebeard's path, depth and numchild: they mean nothing to an administrator.
    inspect_view_fields = [
        "name",
        "code",
        "official_code",
        "kind",
        "school_level",
        "active_from",
        "active_until",
        "succeeded_by",
        "ended_by",
        "started_by",
    ]

    def get_form_class(self, for_update=False):
        return OrganisationForm


class UnitEventForm(WagtailAdminModelForm):
    """Checked and applied by people/unit_events.py: the old units end the day
    before the date, the successors start on it, a merged unit follows its
    successor."""

    class Meta:
        model = UnitEvent
        fields = ["kind", "date", "decision", "predecessors", "successors"]

    def clean(self):
        data = super().clean()
        if not self.errors:
            for problem in event_problems(
                data["kind"],
                data["date"],
                data["predecessors"],
                data["successors"],
                self.instance,
            ):
                self.add_error(None, problem)
        return data

    def save(self, commit=True):
        data = self.cleaned_data
        try:
            return record_event(
                data["kind"],
                data["date"],
                data["predecessors"],
                data["successors"],
                data["decision"],
                event=self.instance,
            )
        except EventRefused as error:  # checked in clean(); a race lands here
            raise forms.ValidationError(str(error)) from error


class UnitEventViewSet(ModelViewSet):
    model = UnitEvent
    icon = "resubmit"
    menu_label = _("Merges and splits")
    menu_order = 315
    add_to_admin_menu = True
    list_display = ["__str__", "decision"]
    list_filter = ["kind"]
    ordering = ["-date"]
    inspect_view_enabled = True
    inspect_view_fields = ["kind", "date", "decision", "predecessors", "successors"]

    def get_form_class(self, for_update=False):
        return UnitEventForm


class SchoolClassViewSet(SnippetViewSet):
    model = SchoolClass
    icon = "group"
    menu_label = _("Classes")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "school_year", "organisation"]
    list_filter = ["school_year"]
    search_fields = ["name"]


register_snippet(SchoolClassViewSet)


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet("organisations")


@hooks.register("register_admin_viewset")
def register_unit_event_viewset():
    return UnitEventViewSet("unit_events")


class AuditLogPolicy(ModelPermissionPolicy):
    """The audit log is read by superusers only and written by people/audit.py
    alone: nobody adds, edits or deletes an entry in the admin."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action == "view"


register_permission_policy(AuditEntry, AuditLogPolicy(AuditEntry))


class AuditEntryViewSet(ModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 330
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["created_at", "action", "actor", "target_user", "organisation"]
    list_filter = ["action"]
    ordering = ["-created_at"]
    form_fields = ["action"]  # required by ModelViewSet; the policy allows no form


@hooks.register("register_admin_viewset")
def register_audit_log_viewset():
    return AuditEntryViewSet("audit-log")
