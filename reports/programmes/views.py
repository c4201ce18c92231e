"""Programme statistics for department viewers and coordinators, per unit."""

from django.db.models import Q
from django.shortcuts import render

from people.models import Organisation

from ..access import report_viewer_required, scope_roots
from .queries import programme_figures


@report_viewer_required
def programmes(request):
    # Units that merged away keep their own row: their learners still count.
    area = Q(pk__in=[])
    for root in scope_roots(request.user):
        area |= Q(path__startswith=root.path)
    units = Organisation.objects.filter(area)
    return render(
        request,
        "reports/programmes.html",
        {"figures": programme_figures(units)},
    )
