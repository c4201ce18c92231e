"""Artwork for the demo certificate template, drawn with Pillow (no files shipped).

A cream paper with a guilloche border, a round emblem and a pen signature: close
enough to a real template that the demo, the tests and the benchmark exercise the
same image preparation and embedding as production.
"""

import io
import math

from PIL import Image, ImageDraw, ImageFilter

PAPER = (255, 251, 240)
RED = (165, 14, 14)
GOLD = (196, 150, 60)
LIGHT_GOLD = (226, 200, 140)


def _png(image):
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def background_png(width=1684, height=1191):
    """A4 landscape at 144 dpi: paper, a wavy guilloche band and a watermark.

    The sharp double frame is drawn by the PDF itself, in vector lines.
    """
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    band = int(width * 0.035)
    period = width / 61.5  # about 30 waves along the long edge
    for offset in range(0, 360, 72):
        phase = math.radians(offset)
        for edge in ("top", "bottom", "left", "right"):
            points = []
            length = width if edge in ("top", "bottom") else height
            for step in range(0, length, 4):
                wave = math.sin(step / period + phase) * band * 0.35 + band * 0.5
                if edge == "top":
                    points.append((step, wave + band * 0.3))
                elif edge == "bottom":
                    points.append((step, height - wave - band * 0.3))
                elif edge == "left":
                    points.append((wave + band * 0.3, step))
                else:
                    points.append((width - wave - band * 0.3, step))
            draw.line(points, fill=LIGHT_GOLD, width=3)
    # A faint emblem in the middle, like the watermark of printed forms.
    cx, cy, r = width // 2, height // 2 + 60, int(height * 0.3)
    for ring in range(0, 360, 15):
        angle = math.radians(ring)
        draw.ellipse(
            [
                cx + math.cos(angle) * r * 0.35 - r * 0.65,
                cy + math.sin(angle) * r * 0.35 - r * 0.65,
                cx + math.cos(angle) * r * 0.35 + r * 0.65,
                cy + math.sin(angle) * r * 0.35 + r * 0.65,
            ],
            outline=(246, 236, 214),
            width=2,
        )
    return _png(image.filter(ImageFilter.SMOOTH_MORE))


def logo_png(size=600):
    """A round red emblem with a yellow star, on a transparent ground."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([4, 4, size - 4, size - 4], fill=RED, outline=GOLD, width=size // 30)
    draw.ellipse(
        [size * 0.12, size * 0.12, size * 0.88, size * 0.88],
        outline=(250, 215, 70),
        width=size // 60,
    )
    cx = cy = size / 2
    outer, inner = size * 0.3, size * 0.12
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = math.radians(-90 + k * 36)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=(250, 215, 70))
    return _png(image)


def signature_png(width=900, height=360, variant=0):
    """A pen stroke on white paper, as a scanner gives it (no transparency).

    Each ``variant`` is another signer's hand."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    points = []
    waves, swing = 17 + 6 * variant, 70 - 15 * variant
    for step in range(0, 700, 3):
        t = step / 700
        x = 80 + t * 720
        y = (
            height / 2
            + math.sin(t * waves) * swing * (1 - t * 0.6)
            + math.cos(t * 5) * 30
        )
        points.append((x, y))
    draw.line(points, fill=(20, 30, 110), width=7, joint="curve")
    draw.line([(120, 260), (760, 230)], fill=(20, 30, 110), width=5)
    return _png(image)
