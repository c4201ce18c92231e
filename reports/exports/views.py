"""Downloads of a statistics view: its table, and the learner list behind it.

The table (``table``): what the view shows, one row per unit or class and the total,
for everyone who sees the view (reports/exports/unit_table.py).

The learner list with personal data (``start``): for coordinators and superusers
only (reports/access.py), each download logged (reports/exports/personal.py); direct
for small lists, a background job for big ones. Jobs belong to the user who asked:
anyone else gets a 404.

A filter the user may not use (another school's id, a malformed date) is refused
with a message instead of silently exporting something else.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ..access import (
    may_export_personal_data,
    own_export_job,
    own_export_jobs,
    report_viewer_required,
)
from ..filters import ReportFilters
from ..models import ExportJob
from . import files as exports
from . import queries, unit_table
from .personal import NOT_ALLOWED, log_download, personal_filters


def _filename(kind):
    return f"danh-sach-hoc-vien-{timezone.localtime().strftime('%Y%m%d-%H%M')}.{kind}"


def _refused(request, errors, bad_format=False, status=400):
    return render(
        request,
        "reports/exports/refused.html",
        {"errors": errors, "bad_format": bad_format},
        status=status,
    )


def _format(request, default):
    kind = request.GET.get("format", default)
    return kind if kind in ExportJob.Format.values else None


@report_viewer_required
def table(request):
    """The view's table as XLSX or CSV, with the view's filters (GET)."""
    kind = _format(request, "xlsx")
    filters = ReportFilters.from_request(request)
    if filters.errors or kind is None:
        return _refused(request, filters.errors, bad_format=kind is None)
    return unit_table.response(filters, kind)


@login_required
@require_http_methods(["GET", "POST"])
@report_viewer_required
def start(request):
    """GET with the view's filters and ``format``: the learner list, or a page
    offering to prepare it in the background (POST) when it is large."""
    if not may_export_personal_data(request.user):
        return _refused(request, [NOT_ALLOWED], status=403)
    kind = _format(request, "csv")
    filters = personal_filters(request.user, request.GET)
    if filters.errors or kind is None:
        return _refused(request, filters.errors, bad_format=kind is None)
    total = queries.export_count(filters)
    if exports.needs_job(kind, total):
        if request.method == "POST":
            job = exports.create_job(filters, kind, total)
            return redirect("reports_exports:job", job_id=job.pk)
        return render(
            request,
            "reports/exports/confirm.html",
            {"filters": filters, "kind": kind, "total": total},
        )
    log_download(filters, kind, total)
    header, rows = queries.export_rows(filters)
    iterator = rows.iterator(chunk_size=exports.CHUNK)
    if kind == "csv":
        response = StreamingHttpResponse(
            exports.csv_chunks(header, iterator),
            content_type=exports.CONTENT_TYPES["csv"],
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
        return response
    return FileResponse(
        exports.xlsx_file(filters, header, iterator),
        as_attachment=True,
        filename=_filename("xlsx"),
        content_type=exports.CONTENT_TYPES["xlsx"],
    )


@report_viewer_required
def job(request, job_id):
    return render(
        request,
        "reports/exports/job.html",
        {"job": own_export_job(request.user, job_id)},
    )


@report_viewer_required
def download(request, job_id):
    export = own_export_job(request.user, job_id)
    if export.status != ExportJob.Status.DONE or not export.file:
        raise Http404
    # The file holds personal data: the right to it is checked again, and logged.
    if not may_export_personal_data(request.user):
        return _refused(request, [NOT_ALLOWED], status=403)
    filters = personal_filters(request.user, export.filters.get("params", {}))
    if filters.errors:
        return _refused(request, filters.errors)
    log_download(filters, export.format, export.total, job=export)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.filename,
        content_type=exports.CONTENT_TYPES[export.format],
    )


@report_viewer_required
def job_list(request):
    exports.purge_expired()
    jobs = own_export_jobs(request.user)[:20]
    return render(request, "reports/exports/list.html", {"jobs": jobs})
