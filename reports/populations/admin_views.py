"""Populations in the Wagtail admin: typed in one by one, or a CSV uploaded.

Scoped like the department administrator's people pages (reports/access.py): the
listing shows the units of the user's subtree only, the form offers only those
units, and another unit's population by id is a 404.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from ..access import may_declare_populations, population_in_scope, population_units
from ..models import Population
from .declaring import UploadForm, apply_upload


class PopulationPolicy(ModelPermissionPolicy):
    """Department administrators and superusers; each row within their units."""

    def user_has_permission(self, user, action):
        return may_declare_populations(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return may_declare_populations(user) and population_in_scope(user, instance)

    def instances_user_has_permission_for(self, user, action):
        if not may_declare_populations(user):
            return Population.objects.none()
        return Population.objects.filter(organisation__in=population_units(user))


register_permission_policy(Population, PopulationPolicy(Population))


class PopulationForm(WagtailAdminModelForm):
    class Meta:
        model = Population
        fields = [
            "organisation",
            "audience",
            "school_year",
            "headcount",
            "counted_from_rosters",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["organisation"].queryset = population_units(
                self.for_user
            ).order_by("path")

    def save(self, commit=True):
        self.instance.updated_by = self.for_user
        self.instance.updated_at = timezone.now()
        return super().save(commit)


class ScopedObjectMixin:
    def get_object(self, queryset=None):
        found = super().get_object(queryset)
        if not population_in_scope(self.request.user, found):
            raise Http404
        return found


class PopulationIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(organisation__in=population_units(self.request.user))
        )

    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Import from a CSV file"),
                reverse("populations:import"),
                icon_name="upload",
                priority=60,
            ),
        ]


class PopulationEditView(ScopedObjectMixin, EditView):
    pass


class PopulationDeleteView(ScopedObjectMixin, DeleteView):
    pass


class PopulationImportView(WagtailAdminTemplateMixin, TemplateView):
    """One step, all or nothing: every problem listed, or every row saved."""

    page_title = gettext_lazy("Import populations")
    header_icon = "upload"
    template_name = "reports/populations/import.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_declare_populations(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=UploadForm()))

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        problems = apply_upload(request, form)
        if problems is None:
            return redirect("populations:index")
        return self.render_to_response(
            self.get_context_data(form=form, problems=problems)
        )


class PopulationViewSet(ModelViewSet):
    model = Population
    icon = "group"
    menu_label = gettext_lazy("Populations")
    menu_order = 315
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = [
        "organisation",
        "audience",
        "school_year",
        "headcount",
        "counted_from_rosters",
    ]
    list_filter = ["school_year", "audience", "counted_from_rosters"]
    search_fields = ["organisation__name", "organisation__code"]
    ordering = ["organisation__path", "audience__name", "-school_year"]
    index_view_class = PopulationIndexView
    edit_view_class = PopulationEditView
    delete_view_class = PopulationDeleteView

    def get_form_class(self, for_update=False):
        return PopulationForm

    @property
    def import_view(self):
        return PopulationImportView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", self.import_view, name="import"),
        ]
