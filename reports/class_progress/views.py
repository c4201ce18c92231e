"""The coordinator's class progress table, on screen and as CSV/XLSX."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate
from courses.models import ClassEnrolment, CoursePage
from people.spreadsheets import csv_bytes, download, xlsx_bytes

from .. import statuses
from ..access import coordinated_class, coordinator_required
from .queries import STATUSES, class_progress


def issued_certificate_codes(enrolment_ids):
    """{enrolment id: verification code} of issued certificates, in one query."""
    if not enrolment_ids:
        return {}
    return dict(
        Certificate.objects.filter(
            enrolment_id__in=enrolment_ids, status=Certificate.Status.ISSUED
        ).values_list("enrolment_id", "verification_code")
    )


def _status_label(row):
    """The class table's word for a student (reports/statuses.py): started means
    any lesson done or quiz submitted here."""
    if row.enrolment_id is None:
        return statuses.label(statuses.NOT_ENROLLED)
    if row.completed_at:
        return statuses.label(statuses.COMPLETED)
    if row.items_done or row.best_score is not None:
        return statuses.label(statuses.IN_PROGRESS)
    return statuses.label(statuses.NOT_STARTED)


@coordinator_required
def progress(request, class_id, export=None):
    school_class = coordinated_class(request.user, class_id)
    courses = list(
        CoursePage.objects.live()
        .filter(class_enrolments__school_class=school_class)
        .order_by("path")
    )
    course = None
    if courses:
        wanted = request.GET.get("khoa-hoc")
        course = next((c for c in courses if str(c.pk) == wanted), courses[0])
        if wanted and str(course.pk) != wanted:
            raise Http404
    status = request.GET.get("trang-thai")
    status = status if status in STATUSES else None
    rows, total = class_progress(school_class, course, status) if course else ([], 0)
    rows = list(rows)
    codes = issued_certificate_codes([r.enrolment_id for r in rows if r.completed_at])
    for row in rows:
        row.status_label = _status_label(row)
        code = codes.get(row.enrolment_id)
        row.certificate_url = (
            reverse("certificates:download", args=[code]) if code else ""
        )
    if export and course:
        header = [
            _("No."),
            _("Full name"),
            _("Username"),
            _("Date of birth"),
            _("Done"),
            _("Total"),
            _("Best score (%)"),
            _("Completed on"),
            _("Status"),
        ]
        table = [
            [
                n,
                r.full_name,
                r.username,
                r.date_of_birth,
                r.items_done,
                total,
                float(r.best_score) if r.best_score is not None else None,
                r.completed_at,
                str(r.status_label),
            ]
            for n, r in enumerate(rows, start=1)
        ]
        name = f"tien-do-{school_class.name}-{course.slug}"
        if export == "csv":
            return download(csv_bytes(header, table), name, "csv")
        notes = [
            f"{_('Class')}: {school_class.name} ({school_class.school_year}) – "
            f"{school_class.organisation.name}",
            f"{_('Course')}: {course.title}",
            f"{_('Exported on')}: {timezone.localtime():%d/%m/%Y %H:%M}",
        ]
        return download(
            xlsx_bytes(school_class.name, header, table, notes), name, "xlsx"
        )
    return render(
        request,
        "reports/class_progress.html",
        {
            "school_class": school_class,
            "courses": courses,
            "course": course,
            "rows": rows,
            "total": total,
            "status": status,
            "statuses": [(key, statuses.LABELS[key]) for key in STATUSES],
            "class_enrolments": ClassEnrolment.objects.filter(
                school_class=school_class
            ),
        },
    )
