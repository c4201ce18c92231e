"""The certificate as a PDF: one A4 landscape page, laid out like an official paper.

Input is plain data (:class:`CertificateContent`, :class:`Artwork`), so the same
function serves the issuing task, the benchmark and the tests. Every string is
NFC-normalised and checked against the font before it is drawn
(:func:`people.pdf_fonts.drawable`): a character the font lacks (in a name stored
before names were checked) is substituted with a logged warning, so the certificate
is still issued rather than ending ``failed``.
"""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from people.pdf_fonts import BOLD, REGULAR, drawable, register_fonts

from .images import PreparedImage, draw_prepared
from .qr import draw_qr

# ASCII85 makes every binary stream a quarter larger; PDFs are not mailed as 7-bit
# text any more.
rl_config.useA85 = 0

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 56
RED = Color(0.647, 0.055, 0.055)
INK = Color(0.08, 0.09, 0.12)
GREY = Color(0.33, 0.35, 0.4)
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class CertificateContent:
    """Everything printed on one certificate, as frozen at issue."""

    holder_name: str
    date_of_birth: date | None
    unit: str
    course_title: str
    completed_on: date
    score: Decimal | None
    issuing_body: str
    superior_body: str
    place_name: str
    issued_on: date
    signer_title: str
    signer_name: str
    serial: str
    verification_code: str
    verify_url: str
    title: str = "GIẤY CHỨNG NHẬN"
    subtitle: str = "HOÀN THÀNH KHÓA TẬP HUẤN KỸ NĂNG SỐ"
    completion_wording: str = "Đã hoàn thành khóa học"


@dataclass(frozen=True)
class Artwork:
    """The template's prepared images; any of them may be missing."""

    background: PreparedImage | None = None
    logo: PreparedImage | None = None
    signature: PreparedImage | None = None
    frame: bool = True


def format_date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def official_date(place, value):
    """ "Thái Nguyên, ngày 05 tháng 3 năm 2026": days below 10 and months 1 and 2
    take a leading zero, as the rules for administrative documents ask."""
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    prefix = f"{place}, " if place else ""
    return f"{prefix}ngày {day} tháng {month} năm {value.year}"


def format_score(score):
    if score is None:
        return ""
    text = f"{Decimal(score).normalize():f}".replace(".", ",")
    return f"{text}/100"


def result_text(content):
    score = format_score(content.score)
    return f"Đạt – điểm bài kiểm tra: {score}" if score else "Đạt"


class _Writer:
    """Small helpers over a canvas: checked text, centred, shrunk to fit."""

    def __init__(self, canvas):
        self.canvas = canvas

    def width(self, text, font, size):
        return stringWidth(text, font, size)

    def fit(self, text, font, size, max_width, min_size):
        while size > min_size and self.width(text, font, size) > max_width:
            size -= 0.5
        return size

    def text(self, x, y, text, font, size, color=INK, align="left"):
        text = drawable(text, font)
        self.canvas.setFont(font, size)
        self.canvas.setFillColor(color)
        if align == "centre":
            self.canvas.drawCentredString(x, y, text)
        elif align == "right":
            self.canvas.drawRightString(x, y, text)
        else:
            self.canvas.drawString(x, y, text)
        return self.width(text, font, size)

    def centred_lines(self, x, y, text, font, size, max_width, leading, color=INK):
        """Wrap to at most two lines; returns the y below the last line."""
        text = drawable(text, font)
        lines = simpleSplit(text, font, size, max_width)
        if len(lines) > 2:
            size = self.fit(text, font, size, max_width * 2, size * 0.6)
            lines = simpleSplit(text, font, size, max_width)[:2]
        for line in lines:
            self.text(x, y, line, font, size, color, align="centre")
            y -= leading
        return y

    def rule(self, x1, x2, y, width=0.8, color=INK):
        self.canvas.setStrokeColor(color)
        self.canvas.setLineWidth(width)
        self.canvas.line(x1, y, x2, y)


def _frame(canvas):
    """A double border in the seal's red, drawn as sharp vector lines.

    A background picture is embedded at low resolution to keep the file small, so
    the frame that must look crisp in print is drawn here instead (templates whose
    picture has its own frame switch this off)."""
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(2.5)
    canvas.rect(22, 22, PAGE_WIDTH - 44, PAGE_HEIGHT - 44)
    canvas.setLineWidth(0.8)
    canvas.rect(29, 29, PAGE_WIDTH - 58, PAGE_HEIGHT - 58)


def _header(w, content, artwork):
    top = PAGE_HEIGHT - MARGIN - 8
    left_centre = MARGIN + 150
    right_centre = PAGE_WIDTH - MARGIN - 165
    column = 290

    # Issuing body, top left: the governing body, then the body in bold, underlined.
    y = top
    if content.superior_body:
        size = w.fit(content.superior_body.upper(), REGULAR, 11, column, 8)
        w.text(
            left_centre, y, content.superior_body.upper(), REGULAR, size, align="centre"
        )
        y -= 15
    body = content.issuing_body.upper()
    lines = simpleSplit(drawable(body, BOLD), BOLD, 11, column)[:2]
    for line in lines:
        w.text(left_centre, y, line, BOLD, 11, align="centre")
        y -= 15
    half = min(45, w.width(lines[-1], BOLD, 11) / 3) if lines else 45
    w.rule(left_centre - half, left_centre + half, y + 6, 0.7)  # 9 pt below the line
    w.text(left_centre, y - 12, f"Số: {content.serial}", REGULAR, 10.5, align="centre")

    # National title and motto, top right; the motto bold and underlined.
    w.text(right_centre, top, NATIONAL_TITLE, BOLD, 11.5, align="centre")
    motto_width = w.text(
        right_centre, top - 16, NATIONAL_MOTTO, BOLD, 12.5, align="centre"
    )
    w.rule(
        right_centre - motto_width / 2, right_centre + motto_width / 2, top - 21, 0.8
    )

    if artwork.logo is not None:
        draw_prepared(w.canvas, artwork.logo, PAGE_WIDTH / 2 - 27, top - 48, 54, 54)


def _body(w, content):
    centre = PAGE_WIDTH / 2
    text_width = PAGE_WIDTH - 2 * MARGIN - 60
    y = PAGE_HEIGHT - 178
    size = w.fit(content.title, BOLD, 40, text_width, 24)
    w.text(centre, y, content.title, BOLD, size, RED, align="centre")
    y -= 26
    y = w.centred_lines(centre, y, content.subtitle, BOLD, 14, text_width, 18, INK)
    y -= 14

    w.text(centre, y, "Chứng nhận", REGULAR, 13, GREY, align="centre")
    y -= 36
    name = content.holder_name
    size = w.fit(name, BOLD, 30, text_width, 16)
    w.text(centre, y, name, BOLD, size, RED, align="centre")
    y -= 26

    facts = []
    if content.date_of_birth:
        facts.append(f"Ngày sinh: {format_date(content.date_of_birth)}")
    if content.unit:
        facts.append(f"Đơn vị: {content.unit}")
    if facts:
        line = "     ·     ".join(facts)
        size = w.fit(line, REGULAR, 12.5, text_width, 9)
        w.text(centre, y, line, REGULAR, size, align="centre")
        y -= 24

    w.text(centre, y, f"{content.completion_wording}:", REGULAR, 12.5, align="centre")
    y -= 22
    y = w.centred_lines(centre, y, content.course_title, BOLD, 17, text_width, 21)
    y -= 2
    line = (
        f"Ngày hoàn thành: {format_date(content.completed_on)}"
        f"     ·     Kết quả: {result_text(content)}"
    )
    w.text(centre, y, line, REGULAR, 12, align="centre")


def _footer(w, content, artwork):
    # Verification, bottom left: the QR code, the code to type and where.
    qr_size = 84
    x, y = MARGIN + 6, MARGIN - 8
    draw_qr(w.canvas, content.verify_url, x, y, qr_size)
    text_x = x + qr_size + 10
    w.text(text_x, y + 54, "Tra cứu chứng nhận:", REGULAR, 8.5, GREY)
    url = content.verify_url
    w.text(text_x, y + 42, url, REGULAR, 7.5, GREY)
    w.text(text_x, y + 24, "Mã xác minh:", REGULAR, 8.5, GREY)
    w.text(text_x, y + 10, content.verification_code, BOLD, 12, INK)

    # Place and date, signer's title, signature, signer's name: bottom right.
    centre = PAGE_WIDTH - MARGIN - 165
    top = 178
    w.text(
        centre,
        top,
        official_date(content.place_name, content.issued_on),
        REGULAR,
        12,
        align="centre",
    )
    w.text(centre, top - 20, content.signer_title.upper(), BOLD, 12.5, align="centre")
    if artwork.signature is not None:
        draw_prepared(w.canvas, artwork.signature, centre - 80, top - 96, 160, 68)
    if content.signer_name:
        w.text(centre, top - 118, content.signer_name, BOLD, 13, align="centre")


def render_pdf(content, artwork=None):
    """The certificate's PDF as bytes (one A4 landscape page)."""
    artwork = artwork or Artwork()
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    canvas.setTitle(drawable(f"{content.title} – {content.holder_name}", REGULAR))
    canvas.setAuthor(drawable(content.issuing_body, REGULAR))
    canvas.setSubject(drawable(content.course_title, REGULAR))
    canvas.setCreator("Cổng tập huấn kỹ năng số")
    w = _Writer(canvas)
    if artwork.background is not None:
        draw_prepared(canvas, artwork.background, 0, 0, PAGE_WIDTH, PAGE_HEIGHT)
    if artwork.frame:
        _frame(canvas)
    _header(w, content, artwork)
    _body(w, content)
    _footer(w, content, artwork)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
