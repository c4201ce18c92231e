"""Coordinator pages: classes, members, roster import, login slips. Thin views.

Every object comes through people.scope, so an id from another unit is a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access_log, consent, students
from .consent import declared_basis
from .coordinator_forms import (
    AddStudentForm,
    RosterBasisForm,
    RosterUploadForm,
    current_school_year,
)
from .guards import role_required
from .models import Membership, Organisation, RosterImport, User
from .password_resets import SlipFailed, refusal_message, reset_refusals
from .scope import (
    class_for_coordinator,
    classes_in_scope,
    is_coordinator,
    organisations_in_scope,
)
from .sweeps import hand_over
from .tasks import apply_roster_task, read_roster_task

COORDINATOR = (Membership.Role.COORDINATOR,)


# Signed in and coordinator somewhere; others get a 404, not a hint.
coordinator_required = role_required(is_coordinator)


def _units_for_rosters(user):
    return organisations_in_scope(user, COORDINATOR).filter(
        kind__in=[Organisation.Kind.SCHOOL, Organisation.Kind.ONE_STOP_OFFICE]
    )


@coordinator_required
def home(request):
    year = request.GET.get("nam-hoc") or current_school_year()
    classes = (
        classes_in_scope(request.user, COORDINATOR)
        .filter(school_year=year)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )
    classes = classes.annotate(
        learners=Count(
            "memberships", filter=Q(memberships__role=Membership.Role.LEARNER)
        )
    )
    years = (
        classes_in_scope(request.user, COORDINATOR)
        .order_by("-school_year")
        .values_list("school_year", flat=True)
        .distinct()
    )
    imports = RosterImport.objects.filter(
        organisation__in=organisations_in_scope(request.user, COORDINATOR)
    ).select_related("organisation")[:5]
    return render(
        request,
        "people/coordinator/home.html",
        {"classes": classes, "year": year, "years": list(years), "imports": imports},
    )


@coordinator_required
def class_detail(request, class_id):
    school_class = class_for_coordinator(request.user, class_id)
    return _class_page(request, school_class, AddStudentForm())


def _class_page(request, school_class, form, status=200):
    """The class page; members the coordinator may not reset carry the reason."""
    members = list(students.class_members(school_class))
    refusals = reset_refusals(request.user, members)
    for member in members:
        member.reset_refusal = refusals.get(member.pk)
    return render(
        request,
        "people/coordinator/class_detail.html",
        {"school_class": school_class, "members": members, "form": form},
        status=status,
    )


def _pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@coordinator_required
@require_POST
def add_student(request, class_id):
    """Create one student's account and hand back their login slip."""
    school_class = class_for_coordinator(request.user, class_id)
    form = AddStudentForm(request.POST)
    if not form.is_valid():
        return _class_page(request, school_class, form, status=400)
    student = form.save(commit=False)
    try:
        pdf = students.add_student(school_class, student, actor=request.user)
    except SlipFailed:
        messages.error(
            request,
            _(
                "The login slip could not be printed, so the account was not "
                "created. Please try again."
            ),
        )
        return redirect("coordinator:class", class_id=school_class.pk)
    return _pdf_response(pdf, f"phieu-{student.username}.pdf")


@coordinator_required
def learner_page(request, class_id, user_id):
    """One learner of the class: account facts and the legal basis for their data."""
    school_class = class_for_coordinator(request.user, class_id)
    learner = get_object_or_404(students.class_members(school_class), pk=user_id)
    # A staff view of a person's data: the access log says who looked.
    access_log.log_views(
        request.user,
        [learner],
        access_log.PERSON_PAGE,
        organisation=school_class.organisation,
        class_id=school_class.pk,
    )
    return render(
        request,
        "people/coordinator/student.html",
        {
            "school_class": school_class,
            "learner": learner,
            "consent": consent.status_of(learner),
            "guardian_age": settings.GUARDIAN_CONSENT_AGE,
        },
    )


@coordinator_required
@require_POST
def remove_student(request, class_id, user_id):
    """Take a student out of the class; the account and its results stay."""
    school_class = class_for_coordinator(request.user, class_id)
    student = get_object_or_404(students.class_members(school_class), pk=user_id)
    Membership.objects.filter(
        user=student, school_class=school_class, role=Membership.Role.LEARNER
    ).delete()
    messages.success(
        request, _("%(name)s was removed from the class.") % {"name": student.full_name}
    )
    return redirect("coordinator:class", class_id=school_class.pk)


@coordinator_required
@require_POST
def reset_passwords(request, class_id):
    """New temporary passwords and slips: for one student, or for every student of
    the class who has never signed in (lost slips)."""
    school_class = class_for_coordinator(request.user, class_id)
    user_id = None
    if request.POST.get("user"):
        try:
            user_id = int(request.POST["user"])
        except ValueError:
            raise Http404 from None
    try:
        reset = students.reset_passwords(
            school_class, actor=request.user, user_id=user_id
        )
    except User.DoesNotExist:
        raise Http404 from None
    if not reset.chosen:
        messages.info(request, _("Every student of this class has already signed in."))
    for student, reason in reset.refused:
        messages.error(request, refusal_message(student, reason))
    if reset.slips_failed:
        messages.error(
            request,
            _(
                "The login slips could not be printed, so no password was changed. "
                "Please try again."
            ),
        )
    if reset.pdf is None:
        return redirect("coordinator:class", class_id=school_class.pk)
    done = reset.students
    name = done[0].username if len(done) == 1 else slugify(school_class.name)
    return _pdf_response(reset.pdf, f"phieu-{name}.pdf")


@coordinator_required
def roster_upload(request):
    units = _units_for_rosters(request.user)
    form = RosterUploadForm(
        request.POST or None, request.FILES or None, organisations=units
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = RosterImport(
            organisation=form.cleaned_data["organisation"],
            school_year=form.cleaned_data["school_year"],
            default_class_name=form.cleaned_data["default_class_name"],
            created_by=request.user,
            filename=upload.name[:255],
        )
        job.file.save(f"roster-{request.user.pk}", upload, save=False)
        job.save()
        transaction.on_commit(lambda: hand_over(job, read_roster_task))
        return redirect("coordinator:import", import_id=job.pk)
    return render(request, "people/coordinator/roster_upload.html", {"form": form})


def _import_or_404(user, import_id):
    job = (
        RosterImport.objects.filter(
            pk=import_id, organisation__in=organisations_in_scope(user, COORDINATOR)
        )
        .select_related("organisation")
        .first()
    )
    if job is None:
        raise Http404
    return job


def _basis_form(job, data=None):
    return RosterBasisForm(
        data, possible_minors=job.preview.get("possible_minors", 0), prefix="basis"
    )


def _import_page(request, job, basis_form=None, status=200):
    return render(
        request,
        "people/coordinator/roster_import.html",
        {
            "job": job,
            "basis_form": basis_form or _basis_form(job),
            "guardian_age": settings.GUARDIAN_CONSENT_AGE,
            "slip_days": settings.RETENTION_SLIP_DAYS,
        },
        status=status,
    )


@coordinator_required
def roster_import(request, import_id):
    job = _import_or_404(request.user, import_id)
    return _import_page(request, job)


@coordinator_required
def roster_import_status(request, import_id):
    job = _import_or_404(request.user, import_id)
    return JsonResponse(
        {"status": job.status, "percent": job.percent, "running": job.is_running}
    )


@coordinator_required
@require_POST
def roster_confirm(request, import_id):
    from .rosters.importing import start_applying

    job = _import_or_404(request.user, import_id)
    if job.status != RosterImport.Status.PREVIEW:
        messages.info(request, _("This list is already being applied or was applied."))
        return redirect("coordinator:import", import_id=job.pk)
    form = _basis_form(job, request.POST)
    if not form.is_valid():
        return _import_page(request, job, form, status=400)
    if start_applying(job, declared_basis(form.cleaned_data, request.user)):
        transaction.on_commit(lambda: hand_over(job, apply_roster_task))
    else:
        messages.info(request, _("This list is already being applied or was applied."))
    return redirect("coordinator:import", import_id=job.pk)


def _private_file(field, filename, content_type):
    if not field:
        raise Http404
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )


@coordinator_required
def roster_error_rows(request, import_id):
    job = _import_or_404(request.user, import_id)
    return _private_file(job.error_rows, f"dong-loi-{job.pk}.csv", "text/csv")


@coordinator_required
def roster_slips(request, import_id):
    job = _import_or_404(request.user, import_id)
    response = _private_file(
        job.slips, f"phieu-dang-nhap-{job.pk}.pdf", "application/pdf"
    )
    # The file names every student of the import: the access log says who took it.
    slip_users = (job.result or {}).get("slip_users", [])
    access_log.log_views(
        request.user,
        [User(pk=pk) for pk in slip_users] or [None],  # an older import: one entry
        access_log.LOGIN_SLIPS,
        organisation=job.organisation,
        roster_import=job.pk,
    )
    return response
