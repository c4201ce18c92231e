"""Fonts for every PDF the portal prints (login slips, certificates).

Helvetica and ReportLab's bundled Vera have no Vietnamese letters and would print
boxes. Be Vietnam Pro (OFL) comes from PyPI as a dependency
(``fontpkg-be-vietnam-pro``), so no machine font is assumed. Text is checked glyph by
glyph before drawing: a missing glyph fails loudly instead of printing a box on an
official document.

The faces are loaded once per process without their hinting instructions
(fontTools): hints only help screens at small sizes, and they made up a third of the
font bytes embedded in every PDF.
"""

import io
import logging
from functools import cache

from fontpkg_be_vietnam_pro import ROOT as FONT_ROOT
from fontTools import subset
from fontTools.ttLib import TTFont as FontToolsFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .text import clean_text

REGULAR = "BeVietnamPro-Regular"
BOLD = "BeVietnamPro-Bold"
ITALIC = "BeVietnamPro-Italic"
STYLES = {"Regular": REGULAR, "Bold": BOLD, "Italic": ITALIC}
# fontTools reports every table it touches at INFO level.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class MissingGlyphError(ValueError):
    """The font cannot draw some character: refuse rather than print a box."""

    def __init__(self, font_name, characters, text):
        self.font_name = font_name
        self.characters = characters
        listed = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in characters)
        super().__init__(f"{font_name} has no glyph for {listed} in {text!r}")


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
    """Register the faces with ReportLab once per process; returns {style: name}."""
    for name in STYLES.values():
        face = _without_hinting(FONT_ROOT / "files" / f"{name}.ttf")
        pdfmetrics.registerFont(TTFont(name, face))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD
    )
    return dict(STYLES)


@cache
def _covered(font_name):
    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def printable(text, font_name):
    """``text`` NFC-normalised with spaces collapsed, after making sure the font has
    every character (decomposed marks would be drawn misplaced, so compose first)."""
    text = clean_text(text)
    covered = _covered(font_name)
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in covered})
    if missing:
        raise MissingGlyphError(font_name, missing, text)
    return text
