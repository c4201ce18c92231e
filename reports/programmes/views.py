"""Programme statistics for department viewers and coordinators, per unit."""

from django.shortcuts import render

from ..access import report_viewer_required, scope_roots, units_under
from .queries import programme_figures


@report_viewer_required
def programmes(request):
    units = units_under(scope_roots(request.user))
    return render(
        request,
        "reports/programmes.html",
        {"figures": programme_figures(units)},
    )
