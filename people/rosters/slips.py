"""Login slips: one per student, ten per A4 page, with cut lines.

A slip is the only place a temporary password is ever written in clear; to print
one again the coordinator resets the password (people.password_resets). Stored
names, classes and units are drawn with ``drawable``: a name saved before
people/names.py refused undrawable characters still gets its slip.
"""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..pdf_fonts import drawable, printable, register_fonts
from ..text import vietnamese_sort_key

COLUMNS, ROWS = 2, 5  # 10 slips per page
MARGIN = 10 * mm


@dataclass
class Slip:
    full_name: str
    class_name: str
    school: str
    username: str
    password: str


def sort_slips(slips):
    """Class by class, then by given name the Vietnamese way."""
    return sorted(slips, key=lambda s: (s.class_name, vietnamese_sort_key(s.full_name)))


def render_slips(slips, *, site_url, portal_name):
    """The slips as PDF bytes, in the order given (see sort_slips)."""
    fonts = register_fonts()
    regular, bold = fonts["Regular"], fonts["Bold"]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(_("Login slips"))
    width, height = A4
    cell_w = (width - 2 * MARGIN) / COLUMNS
    cell_h = (height - 2 * MARGIN) / ROWS
    labels = {
        "class": printable(_("Class"), regular),
        "school": printable(_("Unit"), regular),
        "username": printable(_("Username"), regular),
        "password": printable(_("Temporary password"), regular),
        "note": printable(
            _("You will choose your own password at first sign-in."), regular
        ),
        "site": printable(_("Sign in at"), regular),
    }
    portal = drawable(portal_name, bold)
    per_page = COLUMNS * ROWS
    for index, slip in enumerate(slips):
        if index and index % per_page == 0:
            _cut_lines(canvas, width, height, cell_w, cell_h)
            canvas.showPage()
        position = index % per_page
        x = MARGIN + (position % COLUMNS) * cell_w
        y = height - MARGIN - (position // COLUMNS + 1) * cell_h
        _draw_slip(canvas, slip, x, y, cell_w, cell_h, labels, portal, site_url, fonts)
    if slips:
        _cut_lines(canvas, width, height, cell_w, cell_h)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _cut_lines(canvas, width, height, cell_w, cell_h):
    canvas.saveState()
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.4)
    canvas.setStrokeGray(0.55)
    for column in range(COLUMNS + 1):
        x = MARGIN + column * cell_w
        canvas.line(x, MARGIN, x, height - MARGIN)
    for row in range(ROWS + 1):
        y = MARGIN + row * cell_h
        canvas.line(MARGIN, y, width - MARGIN, y)
    canvas.restoreState()


def _draw_slip(canvas, slip, x, y, w, h, labels, portal, site_url, fonts):
    regular, bold = fonts["Regular"], fonts["Bold"]
    pad = 5 * mm
    left, top = x + pad, y + h - pad
    canvas.setFont(bold, 8.5)
    canvas.drawString(left, top - 3 * mm, portal)
    canvas.setFont(bold, 12.5)
    canvas.drawString(left, top - 10 * mm, drawable(slip.full_name, bold))
    canvas.setFont(regular, 8.5)
    canvas.drawString(
        left,
        top - 15 * mm,
        f"{labels['class']}: {drawable(slip.class_name, regular)} · "
        f"{labels['school']}: {drawable(slip.school, regular)}"[:95],
    )
    canvas.setFont(regular, 9)
    canvas.drawString(left, top - 22 * mm, f"{labels['username']}:")
    canvas.drawString(left, top - 29 * mm, f"{labels['password']}:")
    canvas.setFont("Courier-Bold", 13)  # fixed width: l/1 and O/0 stay apart
    canvas.drawString(left + 38 * mm, top - 22 * mm, slip.username)
    canvas.drawString(left + 38 * mm, top - 29 * mm, slip.password)
    canvas.setFont(regular, 8)
    canvas.drawString(left, top - 36 * mm, f"{labels['site']}: {site_url}")
    canvas.setFont(fonts["Italic"], 7.5)
    canvas.drawString(left, top - 41 * mm, labels["note"])
