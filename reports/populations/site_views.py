"""Populations on the site, for department administrators (and superusers), who
have no Wagtail admin: the units of their subtree with each audience's figure for
a school year, a form per unit and year, and the CSV upload.

Scope comes from reports/access.py (``population_units``): another unit's id is a
404. The listing is a fixed number of queries whatever the number of units.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from courses.models import Audience
from people.coordinator_forms import current_school_year
from people.models import Organisation

from ..access import by_id, population_declarer_required, population_units
from ..filters import is_school_year
from ..models import Population
from .declaring import UnitPopulationForm, UploadForm, apply_upload

PER_PAGE = 50


def school_year_of(request):
    """The chosen school year (?nam-hoc=2026-2027), else the current one — the
    statistics' default (populations.headcounts.school_year)."""
    raw = request.GET.get("nam-hoc", "")
    return raw if is_school_year(raw) else current_school_year()


def year_choices(year):
    """The current school year, two before it and one after, and the chosen one."""
    start = int(current_school_year()[:4])
    years = {f"{y}-{y + 1}" for y in range(start - 2, start + 2)} | {year}
    return sorted(years, reverse=True)


def _units(request):
    """The user's current units, under the chosen unit if any (a unit outside the
    user's area is a 404)."""
    units = population_units(request.user).filter(succeeded_by__isnull=True)
    chosen = None
    if request.GET.get("don-vi"):
        chosen = by_id(units, request.GET["don-vi"])
        if chosen is None:
            raise Http404
        units = units.filter(path__startswith=chosen.path)
    return units, chosen


def _table(page_units, audiences, year):
    """A row per unit: its figure per audience (a Population or None)."""
    found = {}
    for row in Population.objects.filter(
        organisation_id__in=[u.pk for u in page_units], school_year=year
    ):
        found[(row.organisation_id, row.audience_id)] = row
    return [
        {"unit": unit, "figures": [found.get((unit.pk, a.pk)) for a in audiences]}
        for unit in page_units
    ]


@population_declarer_required
def population_list(request):
    year = school_year_of(request)
    units, chosen = _units(request)
    upload, problems = UploadForm(), []
    if request.method == "POST":
        upload = UploadForm(request.POST, request.FILES)
        problems = apply_upload(request, upload)
        if problems is None:
            return redirect(request.get_full_path())
    audiences = list(Audience.objects.order_by("name"))
    page = Paginator(
        units.order_by("path").only("pk", "name", "code", "kind", "depth", "path"),
        PER_PAGE,
    ).get_page(request.GET.get("trang"))
    filters = {"nam-hoc": year}
    if chosen is not None:
        filters["don-vi"] = chosen.pk
    return render(
        request,
        "reports/populations/site_list.html",
        {
            "tab": "populations",
            "year": year,
            "years": year_choices(year),
            "chosen": chosen,
            "unit_choices": population_units(request.user)
            .filter(succeeded_by__isnull=True)
            .exclude(kind=Organisation.Kind.SCHOOL)
            .order_by("path")
            .only("pk", "name", "depth"),
            "audiences": audiences,
            "rows": _table(page.object_list, audiences, year),
            "page": page,
            "query_string": urlencode(filters) + "&",
            "year_query": urlencode({"nam-hoc": year}),
            "upload": upload,
            "problems": problems,
        },
        status=400 if problems else 200,
    )


@population_declarer_required
def population_edit(request, unit_id):
    current = population_units(request.user).filter(succeeded_by__isnull=True)
    unit = by_id(current, unit_id)
    if unit is None:
        raise Http404
    year = school_year_of(request)
    audiences = list(Audience.objects.order_by("name"))
    declared = {
        row.audience_id: row
        for row in Population.objects.filter(organisation=unit, school_year=year)
    }
    form = UnitPopulationForm(
        request.POST if request.method == "POST" else None,
        unit=unit,
        year=year,
        audiences=audiences,
        declared=declared,
    )
    back = "{}?{}".format(
        reverse("populations_site:list"), urlencode({"nam-hoc": year})
    )
    if request.method == "POST" and form.is_valid():
        form.save(request.user)
        messages.success(
            request,
            _("Populations of %(unit)s for %(year)s saved.")
            % {"unit": unit.name, "year": year},
        )
        return redirect(back)
    return render(
        request,
        "reports/populations/site_edit.html",
        {"tab": "populations", "unit": unit, "year": year, "form": form, "back": back},
        status=400 if form.is_bound else 200,
    )
