"""Template images prepared once with Pillow, then embedded as they are.

An editor uploads a background, a logo and a signature in any format and size. Each is
converted once to what the printed page needs (print resolution, compressed, the
signature's paper made transparent) and stored under a name made from its content.
Rendering a certificate reads that stored rendition and embeds its bytes: a JPEG goes
into the PDF untouched, a PNG's pixels are compressed once per process, never once
per certificate. Like the uploads, the prepared files are private (a signature is
not for download): they live in the private storage, never under MEDIA_ROOT.
"""

import hashlib
import io
import struct
from dataclasses import dataclass
from functools import lru_cache

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from PIL import Image, ImageFilter, ImageOps
from reportlab.pdfbase import pdfdoc

ART_FOLDER = "certificates/art"


def art_storage():
    return storages["private"]


# Pixel boxes for the sizes the layout prints them at. The background is a faint
# picture behind the text: 96 dpi, softened and strongly compressed keeps a whole
# certificate under 60 KiB; the logo and signature are small and kept sharper.
BACKGROUND_BOX = (1123, 794)  # A4 landscape at 96 dpi
# JPEG qualities tried in turn until the picture fits its share of the 60 KiB that
# a whole certificate may weigh; a busy picture simply ends up softer.
BACKGROUND_QUALITIES = (60, 55, 50, 45, 40, 35, 30, 25)
BACKGROUND_MAX_BYTES = 21 * 1024
BACKGROUND_SOFTEN = 0.8
LOGO_BOX = (150, 150)  # 19 mm at 200 dpi
LOGO_QUALITY = 82
SIGNATURE_BOX = (360, 150)  # 56 × 24 mm at 160 dpi


@dataclass(frozen=True)
class PreparedImage:
    """The stream and dictionary entries of a PDF image, ready to embed."""

    key: str
    width: int
    height: int
    color_space: str
    stream: bytes
    filter: str
    smask: "PreparedImage | None" = None

    @property
    def colors(self):
        return 3 if self.color_space == "DeviceRGB" else 1


def _open(file):
    file.open("rb")
    try:
        image = Image.open(file)
        image.load()
    finally:
        file.close()
    return ImageOps.exif_transpose(image)


def _fit(image, box):
    image = image.copy()
    image.thumbnail(box, Image.Resampling.LANCZOS)
    return image


def prepare_background(file):
    """A full-page picture: RGB JPEG, A4 landscape at 96 dpi, squeezed to a budget."""
    image = _open(file)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        paper = Image.new("RGB", image.size, "white")
        paper.paste(image, mask=image.getchannel("A"))
        image = paper
    image = ImageOps.fit(image.convert("RGB"), BACKGROUND_BOX, Image.Resampling.LANCZOS)
    image = image.filter(ImageFilter.GaussianBlur(BACKGROUND_SOFTEN))
    for quality in BACKGROUND_QUALITIES:
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality, optimize=True)
        if out.tell() <= BACKGROUND_MAX_BYTES:
            break
    return out.getvalue(), "jpg"


def prepare_logo(file):
    """A logo keeps its transparency: colours as JPEG, the outline as a mask.

    Stored as one PNG; :func:`load_prepared` embeds its colours JPEG-compressed
    (antialiased artwork compresses badly losslessly) and its alpha losslessly.
    """
    image = _fit(_open(file).convert("RGBA"), LOGO_BOX)
    if image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, "JPEG", quality=LOGO_QUALITY, optimize=True)
        return out.getvalue(), "jpg"
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue(), "png"


def prepare_signature(file):
    """Ink on transparent paper: grey levels, with white paper turned see-through.

    A scanned signature usually comes on white paper; its lightness becomes its
    transparency so that it sits on the background picture like real ink.
    """
    image = _fit(_open(file).convert("RGBA"), SIGNATURE_BOX)
    alpha = image.getchannel("A")
    grey = image.convert("L")
    if alpha.getextrema() == (255, 255):
        alpha = ImageOps.invert(grey).point(lambda v: min(255, v * 2))
    ink = Image.merge("LA", (grey.point(lambda v: min(v, 90)), alpha))
    out = io.BytesIO()
    ink.save(out, "PNG", optimize=True)
    return out.getvalue(), "png"


PREPARERS = {
    "background": prepare_background,
    "logo": prepare_logo,
    "signature": prepare_signature,
}


def store_prepared(kind, file):
    """Prepare ``file`` as ``kind`` and store it; returns the stored name.

    The name is the content's digest, so the same upload is stored once and a
    stored rendition never changes.
    """
    data, extension = PREPARERS[kind](file)
    digest = hashlib.sha256(data).hexdigest()[:24]
    name = f"{ART_FOLDER}/{kind}-{digest}.{extension}"
    storage = art_storage()
    if not storage.exists(name):
        name = storage.save(name, ContentFile(data))
    return name


def _jpeg_colours(image):
    """The colours of an RGBA image as JPEG, see-through parts filled with the
    average visible colour so that no hard edge hides under the mask."""
    alpha = image.getchannel("A")
    opaque = image.convert("RGB").resize((1, 1), box=alpha.getbbox() or None)
    filled = Image.new("RGB", image.size, opaque.getpixel((0, 0)))
    filled.paste(image.convert("RGB"), mask=alpha)
    out = io.BytesIO()
    filled.save(out, "JPEG", quality=LOGO_QUALITY, optimize=True)
    return out.getvalue()


def _png_stream(image):
    """The image's pixels as a PNG encoder compresses them (row filters + zlib).

    PDF reads that stream as it is with ``/Predictor 15``, and PNG's row filters
    make flat artwork several times smaller than plain zlib.
    """
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    data, position, chunks = out.getvalue(), 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            chunks.append(data[position + 8 : position + 8 + length])
        position += length + 12
    return b"".join(chunks)


@lru_cache(maxsize=64)
def load_prepared(name):
    """The embeddable image for a stored rendition, built once per process."""
    with art_storage().open(name, "rb") as handle:
        data = handle.read()
    key = hashlib.sha256(data).hexdigest()[:24]
    if data[:2] == b"\xff\xd8":
        image = Image.open(io.BytesIO(data))
        space = {"L": "DeviceGray", "RGB": "DeviceRGB"}.get(image.mode, "DeviceCMYK")
        return PreparedImage(key, *image.size, space, data, "DCTDecode")
    image = Image.open(io.BytesIO(data))
    image.load()
    smask = None
    if image.mode in ("RGBA", "LA"):
        alpha = image.getchannel("A")
        smask = PreparedImage(
            key + "a", *image.size, "DeviceGray", _png_stream(alpha), "FlateDecode"
        )
        if image.mode == "RGBA":
            return PreparedImage(
                key, *image.size, "DeviceRGB", _jpeg_colours(image), "DCTDecode", smask
            )
        image = image.convert("L")
    elif image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    space = "DeviceRGB" if image.mode == "RGB" else "DeviceGray"
    return PreparedImage(
        key, *image.size, space, _png_stream(image), "FlateDecode", smask
    )


class _ImageXObject(pdfdoc.PDFImageXObject):
    """ReportLab's image object, plus the PNG predictor parameters it lacks.

    Why not the public ``canvas.drawImage``: in ReportLab 5.1 every non-JPEG image
    goes through ``PDFImageXObject.loadImageFromSRC``, which decodes it with Pillow
    and compresses the raw pixels again with plain zlib (``zlib.compress(raw)``) for
    every document, and ``format`` writes no ``/DecodeParms``, so no public call can
    embed an already PNG-filtered stream (``/Predictor 15``). That limitation of
    ``reportlab.pdfbase.pdfdoc.PDFImageXObject`` is what this subclass works around;
    it relies on the pinned version (requirements.txt) and the certificate PDF tests.
    """

    predictor_colors = None

    def format(self, document):
        stream = pdfdoc.PDFStream(content=self.streamContent)
        entries = stream.dictionary
        entries["Type"] = pdfdoc.PDFName("XObject")
        entries["Subtype"] = pdfdoc.PDFName("Image")
        entries["Width"] = self.width
        entries["Height"] = self.height
        entries["BitsPerComponent"] = self.bitsPerComponent
        entries["ColorSpace"] = pdfdoc.PDFName(self.colorSpace)
        if getattr(self, "_decode", None):
            entries["Decode"] = pdfdoc.PDFArray(self._decode)
        entries["Filter"] = pdfdoc.PDFArray(map(pdfdoc.PDFName, self._filters))
        if self.predictor_colors:
            # One entry per filter: /Filter is an array, so /DecodeParms is too.
            parameters = pdfdoc.PDFDictionary(
                {
                    "Predictor": 15,
                    "Colors": self.predictor_colors,
                    "BitsPerComponent": 8,
                    "Columns": self.width,
                }
            )
            entries["DecodeParms"] = pdfdoc.PDFArray([parameters])
        entries["Length"] = len(self.streamContent)
        if getattr(self, "smask", None):
            entries["SMask"] = self.smask
        return stream.format(document)


def _xobject(prepared):
    obj = _ImageXObject(prepared.key)
    if prepared.filter == "FlateDecode":
        obj.predictor_colors = prepared.colors
    obj.width, obj.height = prepared.width, prepared.height
    obj.bitsPerComponent = 8
    obj.colorSpace = prepared.color_space
    obj.streamContent = prepared.stream
    obj._filters = (prepared.filter,)
    obj.mask = None
    return obj


def _register(canvas, prepared):
    """Add the image to this PDF once (ReportLab's drawImage, minus the decoding)."""
    doc = canvas._doc
    reg_name = doc.getXObjectName(prepared.key)
    if doc.idToObject.get(reg_name) is None:
        obj = _xobject(prepared)
        if prepared.smask is not None:
            mask = _xobject(prepared.smask)
            mask._decode = [0, 1]
            mask_name = doc.getXObjectName(prepared.smask.key)
            canvas._setXObjects(mask)
            obj.smask = doc.Reference(mask, mask_name)
        canvas._setXObjects(obj)
        doc.Reference(obj, reg_name)
        doc.addForm(prepared.key, obj)
    return reg_name


def draw_prepared(canvas, prepared, x, y, width=None, height=None):
    """Draw a prepared image in the box, keeping its proportions, centred.

    Works through ReportLab internals (pinned version) because its public
    ``drawImage`` decodes and recompresses a PNG for every document.
    """
    reg_name = _register(canvas, prepared)
    ratio = prepared.width / prepared.height
    if width is None:
        width = height * ratio
    elif height is None:
        height = width / ratio
    else:
        fitted_w = min(width, height * ratio)
        fitted_h = fitted_w / ratio
        x, y = x + (width - fitted_w) / 2, y + (height - fitted_h) / 2
        width, height = fitted_w, fitted_h
    canvas._currentPageHasImages = 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{reg_name} Do")
    canvas.restoreState()
    canvas._formsinuse.append(prepared.key)
    return width, height
