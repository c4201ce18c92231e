r"""The export of a statistics view's table: what is on screen, no personal data.

One row per unit (or class) of the view plus the total, from the very function that
draws the page (``dashboard.views.view_table``, same cache): file and screen always
agree. Columns are ``dashboard/columns.py``'s. A view's table has one row per child
unit or class — a few hundred at most — so the file is written at once, never as a
background job.

XLSX: a title block (title, each filter in words — the unit first —, when the
figures are as of and when they were exported), a header row, the rows, the total.
Numbers are numbers, with number formats that show them the Vietnamese way:

- counts: ``COUNT_FORMAT``. Its dots are literal characters, not Excel's thousands
  separator (which is the reader's locale's): 1654 shows "1.654" in Excel and
  LibreOffice in any locale (three sections: up to 999.999.999).
- percents: stored as fractions (2.9 % is 0.029, so formulas work), shown with
  ``PERCENT_FORMAT``, "2,9 %". A decimal comma cannot be a literal (the digits after
  it would not be decimals); the format's Vietnamese locale tag (LCID 0x042A) makes
  LibreOffice use ",", and Excel uses the reader's regional settings (Vietnamese
  Windows or Office: ",").

CSV, for machines: UTF-8 without a BOM (the first key reads "row", not
"\ufeffrow"), English keys, the unit's codes, plain numbers with "." decimals,
percents from 0 to 100, and the as-of time (ISO 8601) on every row.
"""

import csv
import io

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from people.spreadsheets import download, neutralise

from ..dashboard.columns import COLUMNS, PERCENT, values
from ..dashboard.views import view_table
from ..tree import UnitTree

COUNT_FORMAT = r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0"
PERCENT_FORMAT = r"[$-42A]0.0\ %"
CSV_KEYS = ["row", "code", "official_code", "name"]


def records(filters, table):
    """[(kind, code, official code, name, figures)] of the view's table, then the
    total; kind is unit, unit_direct (enrolled on the viewed unit itself), class or
    total. Classes carry the code of the unit they count under."""
    found = []
    for row in table.rows:
        if table.level == "units":
            unit, name = row["unit"], row["label"]
            kind = "unit_direct" if row.get("itself") else "unit"
            if row.get("itself"):
                name = f"{name} ({_('directly')})"
        else:
            unit, name, kind = filters.unit, row["label"], "class"
        found.append((kind, unit.code, _official_code(unit), name, row))
    unit = filters.unit
    total = table.summary | {"target": table.target}
    found.append(
        (
            "total",
            unit.code if unit else "",
            _official_code(unit),
            _("Total"),
            total,
        )
    )
    return found


def _official_code(unit):
    # The official code of Decision 19/2025/QĐ-TTg (provinces and communes only).
    return (unit.official_code or "") if unit else ""


def as_of(table):
    """When the figures were computed: the summary's refresh time, else now."""
    return timezone.localtime(table.as_of or timezone.now())


def title(table):
    if table.level == "classes":
        return _("Completion statistics by class")
    return _("Completion statistics by unit")


def title_block(filters, table, now=None):
    """[(label, value)] under the title: the filters in words, then the times."""
    now = timezone.localtime(now or timezone.now())
    return [(str(label), str(value)) for label, value in filters.describe()] + [
        (_("Figures as of"), as_of(table).strftime("%H:%M %d/%m/%Y")),
        (_("Exported on"), now.strftime("%H:%M %d/%m/%Y")),
    ]


def header(table):
    name = _("Class") if table.level == "classes" else _("Unit")
    return [_("Code"), _("Official code"), name] + [str(c.label) for c in COLUMNS]


# --- files --------------------------------------------------------------------


def xlsx_bytes(filters, table):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Statistics")[:31]
    sheet.append([neutralise(title(table))])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in title_block(filters, table):
        sheet.append([neutralise(label), neutralise(value)])
    sheet.append([])
    sheet.append([neutralise(h) for h in header(table)])
    heading_row = sheet.max_row
    bold = Font(bold=True)
    for cell in sheet[heading_row]:
        cell.font = bold
    for kind, code, official, name, row in records(filters, table):
        sheet.append([neutralise(code), neutralise(official), neutralise(name)])
        line = sheet.max_row
        for offset, (column, value) in enumerate(values(row), start=4):
            cell = sheet.cell(line, offset)
            if value is None:
                continue
            if column.kind == PERCENT:
                # 57.1 → 0.571, not 0.5710000000000001
                cell.value = round(value / 100, 6)
                cell.number_format = PERCENT_FORMAT
            else:
                cell.value, cell.number_format = value, COUNT_FORMAT
        if kind == "total":
            for cell in sheet[line]:
                cell.font = bold
    sheet.freeze_panes = sheet.cell(heading_row + 1, 4)
    for index, width in enumerate([12, 12, 40] + [14] * len(COLUMNS), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plain(column, value):
    """A CSV number: "." decimals, no grouping; percents with one decimal."""
    if value is None:
        return ""
    if column.kind == PERCENT:
        return f"{float(value):.1f}"
    return str(int(value))


def csv_text(filters, table):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_KEYS + [c.key for c in COLUMNS] + ["as_of"])
    stamp = as_of(table).isoformat(timespec="seconds")
    for kind, code, official, name, row in records(filters, table):
        writer.writerow(
            [kind, neutralise(code), neutralise(official), neutralise(name)]
            + [plain(column, value) for column, value in values(row)]
            + [stamp]
        )
    return buffer.getvalue()


def filename(filters):
    scope = slugify(filters.unit.code) if filters.unit else "tat-ca"
    return f"thong-ke-{scope}-{timezone.localtime():%Y%m%d-%H%M}"


def response(filters, kind):
    """The view's table as a download (``kind``: csv or xlsx)."""
    table = view_table(filters, UnitTree(), class_row=True)
    if kind == "csv":
        content = csv_text(filters, table).encode()
    else:
        content = xlsx_bytes(filters, table)
    return download(content, filename(filters), kind)
