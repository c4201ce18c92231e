"""Targets page: department viewers set completion targets for their area."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Audience, CoursePage
from people.models import Membership, Organisation

from .filters import scope_roots
from .models import Target
from .views import may_set_targets, report_viewer_required

VIEWER = (Membership.Role.VIEWER,)


def _units(user):
    condition = Q(pk__in=[])
    for root in scope_roots(user):
        condition |= Q(path__startswith=root.path)
    return Organisation.objects.filter(condition, succeeded_by__isnull=True)


def _may_target_province(user):
    """Only someone who sees a whole root unit may set a target with no unit."""
    return user.is_superuser or any(r.depth == 1 for r in scope_roots(user))


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["course", "audience", "organisation", "rate"]
        labels = {"organisation": gettext_lazy("unit")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["course"].empty_label = _("All courses")
        self.fields["audience"].queryset = Audience.objects.all()
        self.fields["audience"].empty_label = _("All audiences")
        self.fields["organisation"].queryset = _units(user).order_by("path")
        self.fields["organisation"].empty_label = _("Whole province")

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not _may_target_province(self.user):
            self.add_error("organisation", _("Choose a unit in your area."))
        same = Target.objects.filter(
            course=data.get("course"),
            audience=data.get("audience"),
            organisation=data.get("organisation"),
        ).exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError(
                _("This course, audience and unit already have a target.")
            )
        return data


def _visible_targets(user):
    units = _units(user)
    condition = Q(organisation__in=units)
    if _may_target_province(user):
        condition |= Q(organisation__isnull=True)
    return Target.objects.filter(condition).select_related(
        "course", "audience", "organisation"
    )


@report_viewer_required
def targets(request):
    if not may_set_targets(request.user):
        raise PermissionDenied
    editing = None
    if request.method == "POST" and request.POST.get("delete"):
        target = _visible_targets(request.user).filter(pk=_int(request.POST["delete"]))
        if not target.exists():
            raise Http404
        target.delete()
        messages.success(request, _("Target removed."))
        return redirect("reports:targets")
    if request.GET.get("sua") or request.POST.get("id"):
        editing = (
            _visible_targets(request.user)
            .filter(pk=_int(request.GET.get("sua") or request.POST.get("id")))
            .first()
        )
        if editing is None:
            raise Http404
    form = TargetForm(
        request.POST if request.method == "POST" else None,
        instance=editing,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        target = form.save(commit=False)
        target.set_by, target.updated_at = request.user, timezone.now()
        target.save()
        messages.success(request, _("Target saved."))
        return redirect("reports:targets")
    return render(
        request,
        "reports/targets.html",
        {
            "form": form,
            "editing": editing,
            "targets": _visible_targets(request.user).order_by(
                "course__title", "audience__name", "organisation__path"
            ),
        },
    )


def _int(raw):
    try:
        return int(raw)
    except (TypeError, ValueError):
        return 0
