"""Targets page: department viewers set completion targets for their area."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import may_set_targets, report_viewer_required, visible_targets
from .forms import TargetForm


@report_viewer_required
def targets(request):
    if not may_set_targets(request.user):
        raise PermissionDenied
    editing = None
    if request.method == "POST" and request.POST.get("delete"):
        target = visible_targets(request.user).filter(pk=_int(request.POST["delete"]))
        if not target.exists():
            raise Http404
        target.delete()
        messages.success(request, _("Target removed."))
        return redirect("reports:targets")
    if request.GET.get("sua") or request.POST.get("id"):
        editing = (
            visible_targets(request.user)
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
            "targets": visible_targets(request.user).order_by(
                "course__title", "audience__name", "organisation__path"
            ),
        },
    )


def _int(raw):
    try:
        return int(raw)
    except (TypeError, ValueError):
        return 0
