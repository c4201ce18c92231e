"""Fonts for every PDF the portal prints (login slips, certificates).

Helvetica and ReportLab's bundled Vera have no Vietnamese letters and would print
boxes. Be Vietnam Pro (OFL) comes from PyPI as a dependency
(``fontpkg-be-vietnam-pro``), so no machine font is assumed. Text is checked glyph by
glyph before drawing: ``printable`` fails loudly on a missing glyph instead of
printing a box on an official document; ``drawable`` is for text already stored that
must still print (a name saved before people/names.py refused such characters): it
substitutes what the font lacks and logs a warning.

The faces are loaded once per process without their hinting instructions
(fontTools): hints only help screens at small sizes, and they made up a third of the
font bytes embedded in every PDF.
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

from .text import clean_text

logger = logging.getLogger(__name__)

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


SUBSTITUTE = "?"


def _substitute(char, covered):
    """What to draw for a character the font lacks: nothing for invisible ones,
    the bare letter for an accented one ("Ĉ" → "C"), else a question mark."""
    if unicodedata.category(char)[0] in "CZ":
        return ""
    base = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    )
    if base and all(ord(c) in covered for c in base):
        return base
    return SUBSTITUTE


def drawable(text, font_name):
    """``text`` as ``printable`` returns it, with what the font cannot draw
    substituted (see ``_substitute``) and a warning logged, instead of an error."""
    text = clean_text(text)
    covered = _covered(font_name)
    missing = {c for c in text if not c.isspace() and ord(c) not in covered}
    if not missing:
        return text
    logger.warning(
        "%s lacks %s: drawn with substitutes in %r",
        font_name,
        ", ".join(f"U+{ord(c):04X}" for c in sorted(missing)),
        text,
    )
    return clean_text(
        "".join(_substitute(c, covered) if c in missing else c for c in text)
    )
