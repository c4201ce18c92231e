"""The straggler lists of a coordinator's or administrator's units, and sending
reminders from them. Thin views: rules.py, jobs.py and digest.py do the work.

Every list is built from the user's own units (``StragglerFilters``); posted
enrolment ids only narrow a list, so an id from elsewhere changes nothing.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import CoursePage, Notice
from people.models import Organisation

from ..access import own_reminder_job, reminder_sender_required
from ..tree import UnitTree
from . import digest as digests
from . import jobs, rules
from .effect import reminder_effect
from .filters import StragglerFilters

PER_PAGE = 50
REASON_PARAM = "ly-do"
MAX_TICKED = 500  # more than a page; the whole list goes by "remind all"


def _reason(data):
    raw = data.get(REASON_PARAM, "")
    return raw if raw in Notice.Kind.values else Notice.Kind.NOT_STARTED


def _list_url(filters, page=None):
    query = filters.as_query()
    url = f"{reverse('stragglers:list')}?{REASON_PARAM}={filters.reason}"
    return url + (f"&{query}" if query else "") + (f"&trang={page}" if page else "")


def _unit_choices(filters):
    """The user's top units and the children of the current one: enough to narrow
    a list step by step without listing a province's thousands of units."""
    base = filters.unit or (filters.roots[0] if len(filters.roots) == 1 else None)
    units = list(filters.roots)
    if base is not None:
        units += list(
            Organisation.objects.filter(
                path__startswith=base.path, depth__in=[base.depth, base.depth + 1]
            ).order_by("path")
        )
    seen, choices = set(), []
    for unit in units:
        if unit.pk not in seen:
            seen.add(unit.pk)
            choices.append(unit)
    return choices


@reminder_sender_required
def straggler_list(request):
    filters = StragglerFilters.for_user(request.user, _reason(request.GET), request.GET)
    tree = UnitTree()
    tabs = []
    for reason, label in Notice.Kind.choices:
        # Other tabs keep the unit and course, with their own default days.
        tab_filters = (
            filters
            if reason == filters.reason
            else StragglerFilters.for_user(
                request.user, reason, filters.params(days=None), filters.roots
            )
        )
        tabs.append(
            {
                "reason": reason,
                "label": label,
                "count": rules.stragglers(tab_filters, tree=tree).count(),
                "url": _list_url(tab_filters),
                "current": reason == filters.reason,
            }
        )
    paginator = Paginator(rules.page_rows(filters, tree=tree), PER_PAGE)
    # The current tab counted the list already: the paginator reuses it.
    paginator.__dict__["count"] = next(t["count"] for t in tabs if t["current"])
    page = paginator.get_page(request.GET.get("trang"))
    return render(
        request,
        "reports/stragglers/list.html",
        {
            "filters": filters,
            "tabs": tabs,
            "page": page,
            "units": _unit_choices(filters),
            "courses": CoursePage.objects.live().order_by("title"),
            "effect": reminder_effect(filters.scope_paths, filters.course, tree),
            "wants_digest": digests.wants_digest(request.user),
            "list_url": _list_url(filters, page.number),
        },
    )


def _ticked(values):
    """Ids as posted, whole positive numbers only (no more than MAX_TICKED)."""
    ids = []
    for raw in values[:MAX_TICKED]:
        raw = str(raw).strip()
        if raw.isdigit() and 0 < int(raw) < 2**62:
            ids.append(int(raw))
    return ids


@require_POST
@reminder_sender_required
def remind(request):
    reason = _reason(request.POST)
    filters = StragglerFilters.for_user(request.user, reason, request.POST)
    back = request.POST.get("trang")
    if filters.errors:
        for error in filters.errors:
            messages.error(request, error)
        return redirect(_list_url(filters))
    one = _ticked([request.POST.get("mot", "")])
    if one:
        outcome = jobs.send_one(filters, one[0])
        if outcome == "sent":
            messages.success(request, _("Reminder sent."))
        elif outcome == "capped":
            messages.warning(
                request, _("This learner was already reminded in the last 7 days.")
            )
        else:
            messages.error(request, _("That learner is not on this list."))
        return redirect(_list_url(filters, back))
    if request.POST.get("tat-ca"):
        job = jobs.create_job(filters)
    else:
        ids = _ticked(request.POST.getlist("hoc-vien"))
        if not ids:
            messages.error(request, _("Tick at least one learner, or remind them all."))
            return redirect(_list_url(filters, back))
        job = jobs.create_job(filters, ids)
    return redirect("stragglers:job", job_id=job.pk)


@reminder_sender_required
def job(request, job_id):
    return render(
        request,
        "reports/stragglers/job.html",
        {"job": own_reminder_job(request.user, job_id)},
    )


@require_POST
@reminder_sender_required
def digest(request):
    on = request.POST.get("bat") == "1"
    digests.set_preference(request.user, on)
    if on and not request.user.email:
        messages.warning(
            request,
            _("The weekly digest is on, but your account has no e-mail address."),
        )
    elif on:
        messages.success(request, _("You will get the weekly digest by e-mail."))
    else:
        messages.success(request, _("The weekly digest is off."))
    return redirect(reverse("stragglers:list"))
