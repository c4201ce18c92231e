"""The department administrator's pages, under /nhan-su/: find people, give and take
away coordinator and viewer roles, move learners, read the audit log. Thin views:
the rules live in people/appointments.py and people/transfers.py.

Every id in a URL goes through people.admin_scope (404 outside the subtree); ids in
forms are limited to the subtree by the forms and checked again by the services.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access_log, admin_scope, audit, consent
from .admin_forms import (
    AppointForm,
    AuditFilterForm,
    MoveForm,
    RemoveRoleForm,
    SearchForm,
)
from .appointments import ChangeRefused, appoint, remove
from .guards import role_required
from .models import Membership, Transfer
from .scope import scope_paths
from .text import clean_text, fold
from .transfers import learner_places, move_learner

PEOPLE_PER_PAGE = 25
ENTRIES_PER_PAGE = 50


# Signed in and department administrator somewhere; others get a 404.
administrator_required = role_required(admin_scope.is_department_admin)


def _in_subtree(user, field="organisation__path"):
    condition = Q(pk__in=[])
    for path in scope_paths(user, admin_scope.ADMINISTRATOR):
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def _memberships_here(user):
    """Memberships on the user's subtree only: roles elsewhere are not theirs to see."""
    return (
        Membership.objects.filter(_in_subtree(user))
        .select_related("organisation", "school_class")
        .order_by("role", "organisation__name")
    )


@administrator_required
def people(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = admin_scope.search(request.user, query).prefetch_related(
        Prefetch(
            "memberships",
            queryset=_memberships_here(request.user),
            to_attr="places_here",
        )
    )
    page = Paginator(results, PEOPLE_PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "people/department/people.html",
        {"form": form, "page": page, "query_string": _query_string(request)},
    )


def _query_string(request):
    """The page's GET filters, for pagination links ("q=…&", or "")."""
    params = request.GET.copy()
    params.pop("trang", None)
    return params.urlencode() + "&" if params else ""


def _role_label(value):
    try:
        return Membership.Role(value).label
    except ValueError:
        return value


def _person_page(
    request, person, *, status=200, appoint_form=None, error=None, log_view=False
):
    user = request.user
    if error:
        messages.error(request, error)
    memberships = list(_memberships_here(user).filter(user=person))
    if log_view:
        # The page shows personal data (birth date, masked ID, places): logged,
        # about the person's unit here, so that its administrators read the entry.
        # A refused change shows the page again: the same visit, not logged twice.
        access_log.log_views(
            user,
            [person],
            access_log.PERSON_PAGE,
            organisation=memberships[0].organisation if memberships else None,
        )
    transfers = (
        Transfer.objects.filter(user=person)
        .filter(
            _in_subtree(user, "from_organisation__path")
            | _in_subtree(user, "to_organisation__path")
        )
        .select_related(
            "from_organisation", "from_class", "to_organisation", "to_class", "moved_by"
        )
    )
    return render(
        request,
        "people/department/person.html",
        {
            "person": person,
            "roles": [m for m in memberships if m.role in admin_scope.APPOINTABLE],
            "other_roles": [
                m for m in memberships if m.role == Membership.Role.ADMINISTRATOR
            ],
            "places": [m for m in memberships if m.role == Membership.Role.LEARNER],
            "transfers": transfers,
            "consent": consent.status_of(person),
            "guardian_age": settings.GUARDIAN_CONSENT_AGE,
            "appoint_form": appoint_form or AppointForm(units=admin_scope.units(user)),
        },
        status=status,
    )


@administrator_required
def person(request, user_id):
    person = admin_scope.person_for(request.user, user_id)
    return _person_page(request, person, log_view=True)


@administrator_required
@require_POST
def appoint_role(request, user_id):
    person = admin_scope.person_for(request.user, user_id)
    form = AppointForm(request.POST, units=admin_scope.units(request.user))
    if not form.is_valid():
        return _person_page(request, person, status=400, appoint_form=form)
    unit, role = form.cleaned_data["organisation"], form.cleaned_data["role"]
    try:
        membership = appoint(request.user, person, unit, role)
    except ChangeRefused as refused:
        return _person_page(request, person, status=400, appoint_form=form,
                            error=str(refused))  # fmt: skip
    messages.success(
        request,
        _("%(name)s is now %(role)s of %(unit)s.")
        % {
            "name": person.full_name or person.username,
            "role": membership.get_role_display().lower(),
            "unit": unit.name,
        },
    )
    return redirect("people_admin:person", user_id=person.pk)


@administrator_required
@require_POST
def remove_role(request, user_id):
    person = admin_scope.person_for(request.user, user_id)
    form = RemoveRoleForm(request.POST)
    if not form.is_valid():
        return _person_page(
            request, person, status=400, error=_("Choose the role to remove.")
        )
    try:
        unit, coordinators_left = remove(
            request.user, person, form.cleaned_data["membership"]
        )
    except ChangeRefused as refused:
        return _person_page(request, person, status=400, error=str(refused))
    messages.success(request, _("The role was removed."))
    if not coordinators_left:
        messages.warning(
            request,
            _("%(unit)s has no coordinator now.") % {"unit": unit.name},
        )
    return redirect("people_admin:person", user_id=person.pk)


def _unit_from(request, data):
    """The destination unit named in ``data`` if it is in the subtree, else None."""
    try:
        unit_id = int(data.get("organisation") or 0)
    except ValueError:
        return None
    if unit_id <= 0 or unit_id > 2**63 - 1:
        return None
    return admin_scope.units(request.user).filter(pk=unit_id).first()


@administrator_required
def move(request, user_id):
    """Move a learner: GET picks the destination unit, POST moves (all or nothing)."""
    person = admin_scope.person_for(request.user, user_id)
    places = learner_places(person).filter(_in_subtree(request.user))
    data = request.POST if request.method == "POST" else request.GET
    unit = _unit_from(request, data)
    form = MoveForm(
        data if request.method == "POST" else None,
        places=places,
        units=admin_scope.units(request.user),
        unit=unit,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                move_learner(
                    request.user,
                    person,
                    form.cleaned_data["place"].pk,
                    form.cleaned_data["organisation"],
                    form.cleaned_data["school_class"],
                )
            except ChangeRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request,
                    _("%(name)s was moved to %(unit)s.")
                    % {
                        "name": person.full_name or person.username,
                        "unit": form.cleaned_data["organisation"].name,
                    },
                )
                return redirect("people_admin:person", user_id=person.pk)
        status = 400
    return render(
        request,
        "people/department/move.html",
        {"person": person, "form": form, "unit": unit, "has_places": places.exists()},
        status=status,
    )


@administrator_required
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    entries = audit.entries_for(request.user).select_related(
        "actor", "target_user", "organisation", "other_organisation"
    )
    if form.is_valid():
        if form.cleaned_data["hanh_dong"]:
            entries = entries.filter(action=form.cleaned_data["hanh_dong"])
        query = clean_text(form.cleaned_data["q"])
        if query:
            entries = entries.filter(
                Q(target_user__search_name__contains=fold(query))
                | Q(target_user__username__icontains=query)
                | Q(actor__username__icontains=query)
            )
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("trang"))
    for entry in page.object_list:
        for facts in (entry.before, entry.after):
            if isinstance(facts, dict) and facts.get("role"):
                facts["role_label"] = _role_label(facts["role"])
            if isinstance(facts, dict) and facts.get("what"):
                facts["what_label"] = access_log.label(facts["what"])
    return render(
        request,
        "people/department/audit.html",
        {"form": form, "page": page, "query_string": _query_string(request)},
    )
