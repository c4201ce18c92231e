"""Downloads of a statistics view: direct for small ones, a background job for big ones.

Who: signed-in statistics viewers and coordinators (``reports.access``); the rows
are always limited to the user's area by ``ReportFilters`` and ``export_rows``. A
filter the user may not use (another school's id, a malformed date) is refused with
a message instead of silently exporting something else. Jobs belong to the user who
asked: anyone else gets a 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ..access import own_export_job, own_export_jobs, report_viewer_required
from ..filters import ReportFilters
from ..models import ExportJob
from . import files as exports
from . import queries


def _filename(kind):
    return f"thong-ke-{timezone.localtime().strftime('%Y%m%d-%H%M')}.{kind}"


@login_required
@require_http_methods(["GET", "POST"])
@report_viewer_required
def start(request):
    """GET with the view's filters and ``format``: the file, or a page offering to
    prepare it in the background (POST) when it is large."""
    kind = request.GET.get("format", "csv")
    if kind not in ExportJob.Format.values:
        kind = None
    filters = ReportFilters.from_request(request)
    if filters.errors or kind is None:
        return render(
            request,
            "reports/exports/refused.html",
            {"errors": filters.errors, "bad_format": kind is None},
            status=400,
        )
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
