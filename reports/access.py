"""Who may see which unit, class, quiz, target and export: the one home of the
reports' access rules, used by every feature.

Statistics are for department viewers and coordinators (their units and everything
below, and the units that merged or split into those), and for superusers (every
unit). Targets are set by viewers only. Populations are declared by department
administrators for their subtree (like the people pages), by superusers anywhere.
Stragglers and reminders are for coordinators and department administrators (their
units and everything below). Item analysis is for editors who may edit the quiz. A
class's progress is for its coordinators. An export job is its requester's alone.

Personal data: the table of a statistics view (counts per unit or class) may be
exported by everyone who sees the view. The list of learners behind it (names,
student codes, dates, scores) is for coordinators — who enrol, follow and remind
those learners — over the units they coordinate, and for superusers. Department
viewers report figures upward and get figures only: the province's counts need no
names (the least personal data that does the job). Every such download is logged
(reports/exports/personal.py).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.models import QuizPage
from people import admin_scope
from people.coordinator_views import coordinator_required  # noqa: F401  (re-exported)
from people.models import Membership, Organisation, SchoolClass
from people.scope import class_for_coordinator, scope_paths
from people.unit_events import successors_of

from .models import ExportJob, ReminderJob, Target

# --- statistics: units and classes ----------------------------------------------


def scope_roots(user):
    """The top units the user may see: their viewer/coordinator units, or every
    root for a superuser. Units under another of the user's units are left out."""
    if user.is_superuser:
        return list(Organisation.get_root_nodes())
    return _tops(scope_paths(user))


def _tops(paths):
    """The units of ``paths`` that are not under another of them."""
    paths = sorted(set(paths))
    tops = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return list(Organisation.objects.filter(path__in=tops).order_by("path"))


def within(path, roots):
    """Whether a unit path lies in (or is) one of ``roots``."""
    return any(path.startswith(root.path) for root in roots)


def by_id(queryset, raw):
    """The row of ``queryset`` whose id ``raw`` names, or None when there is none or
    ``raw`` is no id (forged ids never reach the database as an overflow)."""
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    if pk <= 0 or pk > 2**62:
        return None
    return queryset.filter(pk=pk).first()


def unit_visible(unit, roots):
    """Whether ``unit`` lies in ``roots``, or it (or a unit above it) ended — merged
    or split — into a unit that does: a successor's viewers see the history of
    what it took over."""
    if within(unit.path, roots):
        return True
    step = Organisation.steplen
    ended = Organisation.objects.filter(
        Q(succeeded_by__isnull=False) | Q(active_until__isnull=False),
        path__in=[unit.path[:i] for i in range(step, len(unit.path) + 1, step)],
    )
    return any(within(s.path, roots) for u in ended for s in successors_of(u))


def unit_in_scope(raw, roots):
    """The unit with id ``raw`` if it is visible from ``roots``, else None."""
    unit = by_id(Organisation.objects.all(), raw)
    if unit is None or not unit_visible(unit, roots):
        return None
    return unit


def class_in_scope(raw, roots):
    """The class with id ``raw`` if its unit is visible from ``roots``, else None."""
    school_class = by_id(SchoolClass.objects.select_related("organisation"), raw)
    if school_class is None or not unit_visible(school_class.organisation, roots):
        return None
    return school_class


def personal_data_roots(user):
    """The top units whose learners' personal data the user may export (see the
    module's docstring): coordinated units, or every root for a superuser."""
    if user.is_superuser:
        return list(Organisation.get_root_nodes())
    return _tops(scope_paths(user, (Membership.Role.COORDINATOR,)))


def may_export_personal_data(user):
    return user.is_authenticated and (
        user.is_superuser or bool(scope_paths(user, (Membership.Role.COORDINATOR,)))
    )


def units_under(roots):
    """The current units (not merged away) in or under ``roots``."""
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(path__startswith=root.path)
    return Organisation.objects.filter(condition, succeeded_by__isnull=True)


def may_view_reports(user):
    return user.is_authenticated and (user.is_superuser or bool(scope_paths(user)))


def signed_in_and(may):
    """A view decorator: signed in (else the login page) and ``may(user)`` (else
    403)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not may(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Signed in, and a viewer or coordinator.
report_viewer_required = signed_in_and(may_view_reports)


def coordinated_class(user, class_id):
    """The class, if ``user`` coordinates it (else 404)."""
    return class_for_coordinator(user, class_id)


# --- stragglers and reminders ---------------------------------------------------

REMINDER_ROLES = (Membership.Role.COORDINATOR, Membership.Role.ADMINISTRATOR)


def straggler_roots(user):
    """The top units whose learners the user may list and remind: where they
    coordinate or administer (a viewer only looks), every root for a superuser."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Organisation.get_root_nodes())
    return _tops(scope_paths(user, REMINDER_ROLES))


# Signed in, and a coordinator or administrator.
reminder_sender_required = signed_in_and(straggler_roots)


def own_reminder_job(user, job_id):
    """The user's own reminder job; anyone else's is a 404."""
    return get_object_or_404(ReminderJob, pk=job_id, requested_by=user)


# --- targets ----------------------------------------------------------------------


def may_set_targets(user):
    """Department viewers (and superusers) set targets; coordinators do not."""
    return user.is_superuser or bool(scope_paths(user, (Membership.Role.VIEWER,)))


def may_target_province(user):
    """Only someone who sees a whole root unit may set a target with no unit."""
    return user.is_superuser or any(r.depth == 1 for r in scope_roots(user))


def target_units(user):
    """The units a target may name."""
    return units_under(scope_roots(user))


def visible_targets(user):
    condition = Q(organisation__in=target_units(user))
    if may_target_province(user):
        condition |= Q(organisation__isnull=True)
    return Target.objects.filter(condition).select_related(
        "course", "audience", "organisation"
    )


# --- populations ------------------------------------------------------------------


def may_declare_populations(user):
    return user.is_active and (
        user.is_superuser or admin_scope.is_department_admin(user)
    )


def population_units(user):
    """The units whose populations the user may declare."""
    if user.is_superuser:
        return Organisation.objects.all()
    return admin_scope.units(user)


def population_in_scope(user, population):
    return population_units(user).filter(pk=population.organisation_id).exists()


# The site's populations page (reports/populations/site_views.py).
population_declarer_required = signed_in_and(may_declare_populations)


# --- exports ----------------------------------------------------------------------


def own_export_jobs(user):
    return ExportJob.objects.filter(requested_by=user)


def own_export_job(user, job_id):
    """The user's own job; anyone else's is a 404."""
    return get_object_or_404(ExportJob, pk=job_id, requested_by=user)


# --- item analysis ------------------------------------------------------------------


def editable_quizzes(user):
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return QuizPage.objects.filter(pk__in=editable.values("pk"))


def can_analyse_any(user):
    return PagePermissionPolicy().user_has_permission(user, "change")


def may_analyse(user, page):
    """A quiz's analysis is for those who may edit the quiz."""
    return page.permissions_for_user(user).can_edit()
