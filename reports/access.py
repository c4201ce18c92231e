"""Who may see which unit, class, quiz, target and export: the one home of the
reports' access rules, used by every feature.

Statistics are for department viewers and coordinators (their units and everything
below), and for superusers (every unit). Stragglers and reminders are for
coordinators and department administrators (their units and everything below).
Targets are set by viewers only. Item analysis is for editors who may edit the
quiz. A class's progress is for its coordinators. An export job is its
requester's alone.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.models import QuizPage
from people.coordinator_views import coordinator_required  # noqa: F401  (re-exported)
from people.models import Membership, Organisation, SchoolClass
from people.scope import class_for_coordinator, scope_paths

from .models import ExportJob, ReminderJob, Target

# --- statistics: units and classes ----------------------------------------------


def scope_roots(user):
    """The top units the user may see: their viewer/coordinator units, or every
    root for a superuser. Units under another of the user's units are left out."""
    if user.is_superuser:
        return list(Organisation.get_root_nodes())
    return _top_units(sorted(set(scope_paths(user))))


def _top_units(paths):
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


def unit_in_scope(raw, roots):
    """The unit with id ``raw`` if it lies in ``roots``, else None."""
    unit = by_id(Organisation.objects.all(), raw)
    if unit is None or not within(unit.path, roots):
        return None
    return unit


def class_in_scope(raw, roots):
    """The class with id ``raw`` if its unit lies in ``roots``, else None."""
    school_class = by_id(SchoolClass.objects.select_related("organisation"), raw)
    if school_class is None or not within(school_class.organisation.path, roots):
        return None
    return school_class


def units_under(roots):
    """The current units (not merged away) in or under ``roots``."""
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(path__startswith=root.path)
    return Organisation.objects.filter(condition, succeeded_by__isnull=True)


def may_view_reports(user):
    return user.is_authenticated and (user.is_superuser or bool(scope_paths(user)))


def report_viewer_required(view):
    """Signed in (else the login page) and a viewer or coordinator (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_view_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


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
    return _top_units(sorted(set(scope_paths(user, REMINDER_ROLES))))


def reminder_sender_required(view):
    """Signed in (else the login page) and a coordinator or administrator (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not straggler_roots(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


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
