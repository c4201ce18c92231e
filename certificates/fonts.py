"""The certificate's typeface: Be Vietnam Pro, shipped as a Python dependency.

ReportLab's built-in fonts (Helvetica, Vera) have no glyphs for most Vietnamese
letters and silently draw boxes instead, so the font comes from the
``fontpkg-be-vietnam-pro`` package (OFL) and every string is checked against the
font's character map before it is drawn.

The faces are loaded once per process without their hinting instructions
(fontTools): hints only help screens at small sizes, and they made up a third of the
font bytes embedded in every certificate.
"""

import io
import logging
import unicodedata
from functools import cache

from fontpkg_be_vietnam_pro import ROOT as FONT_ROOT
from fontTools import subset
from fontTools.ttLib import TTFont as FontToolsFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Names of our own: people.pdf_fonts registers the hinted faces as BeVietnamPro-*.
REGULAR = "Certificate-BeVietnamPro"
BOLD = "Certificate-BeVietnamPro-Bold"
# fontTools reports every table it touches at INFO level.
logging.getLogger("fontTools").setLevel(logging.WARNING)
_FILES = {
    REGULAR: "BeVietnamPro-Regular.ttf",
    BOLD: "BeVietnamPro-Bold.ttf",
}


class MissingGlyphError(ValueError):
    """The font cannot draw some character: refuse rather than print a box."""

    def __init__(self, font_name, characters):
        self.font_name = font_name
        self.characters = characters
        listed = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in characters)
        super().__init__(f"font {font_name} has no glyph for {listed}")


def _without_hinting(path):
    """The font at ``path`` with every glyph but no hinting, as TrueType bytes."""
    font = FontToolsFont(path)
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    out.seek(0)
    return out


@cache
def register_fonts():
    """Register the faces with ReportLab once per process."""
    for name, filename in _FILES.items():
        data = _without_hinting(FONT_ROOT / "files" / filename)
        pdfmetrics.registerFont(TTFont(name, data))
    return tuple(_FILES)


@cache
def _covered(font_name):
    register_fonts()
    face = pdfmetrics.getFont(font_name).face
    return frozenset(face.charToGlyph)


def checked(text, font_name):
    """``text`` NFC-normalised, after making sure the font has every character.

    Decomposed input (a letter followed by combining marks) would be drawn with the
    marks misplaced, so text is composed first; whatever is still missing raises.
    """
    text = unicodedata.normalize("NFC", text)
    covered = _covered(font_name)
    missing = sorted({c for c in text if ord(c) not in covered and c not in "\n"})
    if missing:
        raise MissingGlyphError(font_name, missing)
    return text
