"""The learner list with personal data (reports/exports/personal.py): CSV streamed
row by row, XLSX in write-only mode.

Rows come from ``reports.exports.queries.export_rows`` (already scoped to the user)
and are read with a chunked iterator, so memory stays flat whatever the size: the
CSV is a generator handed to ``StreamingHttpResponse``; the XLSX is written row by
row by openpyxl's write-only workbook into a temporary file. Text cells go through
``people.spreadsheets.neutralise`` (no formulas). Exports above the limits below run
as an ``ExportJob`` in Celery.
"""

import csv
import logging
import tempfile
from datetime import date, datetime
from decimal import Decimal

from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from people.retention import delete_files
from people.spreadsheets import neutralise

from ..access import may_export_personal_data
from ..models import ExportJob
from . import queries
from .personal import NOT_ALLOWED, personal_filters

logger = logging.getLogger(__name__)


class ExportRefused(Exception):
    """The filters are no longer allowed for the user (their area changed)."""


# Above these many rows the file is written in the background (an ExportJob).
CSV_STREAM_LIMIT = 50_000
XLSX_DIRECT_LIMIT = 5_000
CHUNK = 2_000
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def needs_job(kind, count):
    return count > (CSV_STREAM_LIMIT if kind == "csv" else XLSX_DIRECT_LIMIT)


def text_value(value):
    """A cell as CSV text: dates dd/mm/yyyy in local time, no formulas."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return neutralise(str(value))


class _Echo:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, value):
        return value


def csv_chunks(header, rows, on_progress=None):
    """Yield the CSV as UTF-8 bytes (BOM first), a chunk of rows at a time."""
    writer = csv.writer(_Echo())
    yield (
        "\ufeff".encode()
        + writer.writerow([neutralise(str(h)) for h in header]).encode()
    )
    lines, done = [], 0
    for row in rows:
        lines.append(writer.writerow([text_value(v) for v in row]))
        done += 1
        if len(lines) == CHUNK:
            yield "".join(lines).encode()
            lines = []
            if on_progress:
                on_progress(done)
    if lines:
        yield "".join(lines).encode()
    if on_progress:
        on_progress(done)


def notes(filters, now=None):
    """The header block of an XLSX: what, for whom, filtered how, when."""
    now = timezone.localtime(now or timezone.now())
    lines = [
        _("Learner list with personal data"),
        _("Contains personal data: keep it safe and do not pass it on."),
        _("Exported on %(when)s") % {"when": now.strftime("%d/%m/%Y %H:%M")},
    ]
    lines += [f"{label}: {value}" for label, value in filters.describe()]
    return lines


def _xlsx_value(sheet, value):
    """Plain values where possible: a styled cell costs far more in openpyxl."""
    if isinstance(value, str):
        return neutralise(value)  # a plain string not starting with "=" stays text
    if isinstance(value, datetime):
        cell = WriteOnlyCell(
            sheet, value=timezone.localtime(value).replace(tzinfo=None)
        )
        cell.number_format = "DD/MM/YYYY HH:MM"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    return value


def write_xlsx(target, header, rows, note_lines, on_progress=None):
    """Write one sheet (note lines, a blank line, the table) into ``target``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Statistics")[:31])
    for line in note_lines:
        sheet.append([WriteOnlyCell(sheet, value=neutralise(str(line)))])
    sheet.append([])
    bold = Font(bold=True)
    titles = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=neutralise(str(title)))
        cell.font = bold
        titles.append(cell)
    sheet.append(titles)
    done = 0
    for row in rows:
        sheet.append([_xlsx_value(sheet, v) for v in row])
        done += 1
        if on_progress and done % CHUNK == 0:
            on_progress(done)
    if on_progress:
        on_progress(done)
    workbook.save(target)


def xlsx_file(filters, header, rows):
    """A finished XLSX in a temporary file (rewound), for a direct download."""
    target = tempfile.TemporaryFile()
    write_xlsx(target, header, rows, notes(filters))
    target.seek(0)
    return target


# --- background jobs --------------------------------------------------------


def purge_expired(now=None):
    """Delete export jobs (and their files) older than their lifetime; returns how
    many jobs went."""
    from ..models.exports import export_lifetime

    cutoff = (now or timezone.now()) - export_lifetime()
    old = ExportJob.objects.filter(created_at__lt=cutoff)
    count = old.count()
    delete_expired_files(cutoff)
    return count


def delete_expired_files(cutoff):
    """The retention rule of exports (people/retention.py): jobs asked for before
    ``cutoff`` go with their files; returns the names of the files deleted."""
    old = ExportJob.objects.filter(created_at__lt=cutoff)
    return delete_files(old, ("file",), delete_rows=True)


def create_job(filters, kind, total):
    """Save the job and queue its task once the row is committed (or return the
    same export already under way)."""
    from .sweeps import hand_over

    purge_expired()
    # A double click finds the job the first click started.
    running = ExportJob.objects.filter(
        requested_by=filters.user,
        filters=filters.to_dict(),
        format=kind,
        status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING],
    ).first()
    if running:
        return running
    job = ExportJob.objects.create(
        requested_by=filters.user,
        filters=filters.to_dict(),
        language=translation.get_language() or "vi",
        format=kind,
        total=total,
    )
    transaction.on_commit(lambda: hand_over(job))
    return job


def run_job(job_id):
    """Write the job's file in chunks, recording progress; safe to run twice."""
    updated = ExportJob.objects.filter(
        pk=job_id, status=ExportJob.Status.QUEUED
    ).update(status=ExportJob.Status.RUNNING, started_at=timezone.now())
    if not updated:
        return  # a duplicate delivery, or already done
    job = ExportJob.objects.get(pk=job_id)

    def progress(done):
        ExportJob.objects.filter(pk=job.pk).update(processed=done)

    try:
        with translation.override(job.language):
            # The filters are checked again: the user's area may have changed.
            filters = personal_filters(job.requested_by, job.filters.get("params", {}))
            if not may_export_personal_data(job.requested_by):
                raise ExportRefused(str(NOT_ALLOWED))
            if filters.errors:
                raise ExportRefused(" ".join(str(e) for e in filters.errors))
            header, rows = queries.export_rows(filters)
            total = queries.export_count(filters)
            ExportJob.objects.filter(pk=job.pk).update(total=total)
            with tempfile.TemporaryFile() as target:
                iterator = rows.iterator(chunk_size=CHUNK)
                if job.format == ExportJob.Format.CSV:
                    for chunk in csv_chunks(header, iterator, progress):
                        target.write(chunk)
                else:
                    write_xlsx(target, header, iterator, notes(filters), progress)
                target.seek(0)
                job.file.save(job.filename, File(target), save=False)
    except ExportRefused as error:
        _fail(job, str(error))
        return
    except Exception:
        logger.exception("export %s failed", job.pk)
        _fail(job, _("Something went wrong while writing the file. Please try again."))
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        file=job.file.name,
        status=ExportJob.Status.DONE,
        finished_at=timezone.now(),
    )


def _fail(job, message):
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.FAILED, error=message, finished_at=timezone.now()
    )
