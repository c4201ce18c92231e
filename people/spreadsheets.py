"""CSV and XLSX downloads that open cleanly in Excel, and cannot carry formulas.

CSV is UTF-8 with a BOM (Excel otherwise guesses a legacy code page and garbles
Vietnamese); any cell starting with = + - @ (or a tab/CR) is prefixed with an
apostrophe so a name like "=HYPERLINK(...)" stays text (CSV/formula injection).
"""

import csv
import io
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if value.tzinfo else value
    return neutralise(value)


def csv_bytes(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow(
            [v.strftime("%d/%m/%Y") if isinstance(v, date) else _cell(v) for v in row]
        )
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def xlsx_bytes(title, header, rows, notes=()):
    """One sheet: a few note lines (what the table shows, filters, date), then it."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    for note in notes:
        sheet.append([neutralise(note)])
    if notes:
        sheet.append([])
    sheet.append([neutralise(h) for h in header])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime | date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(content, filename, kind):
    types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = HttpResponse(content, content_type=types[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response
