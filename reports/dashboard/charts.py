"""Charts as small server-rendered SVG: no JavaScript, light on a phone.

Each function takes plain numbers and returns safe SVG markup that scales to the
width of its container (viewBox). The SVG is an image with a title; the numbers are
also given as a table next to it in the template, for screen readers and copying.
"""

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.figures import number, percent

BAR = "#a50e0e"
MUTED = "#d9c5c5"
TARGET = "#1f5f99"
INK = "#222"
WIDTH = 640
LABEL_W = 200
ROW_H = 26
# Columns over time: a bar is never a hairline nor a slab, whatever the number of
# months or weeks; a few bars sit in the middle rather than stretch across.
COLUMN_MIN_W = 3
COLUMN_MAX_W = 36
COLUMN_GAP = 0.3  # share of each slot left empty between bars
LABEL_SPACING = 50  # px between axis labels ("12/2026" is about 45 px at 11 px)
COLUMN_INSET = 30  # room for half a label centred under the first and last bars


def _svg(height, title, body, width=WIDTH):
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-label="{t}" xmlns="http://www.w3.org/2000/svg" '
        'font-family="inherit" font-size="13"><title>{t}</title>{b}</svg>',
        w=width,
        h=height,
        t=title,
        b=body,
    )


def _short(text, limit=28):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rate_bars(rows, title, target=None):
    """Horizontal bars of completion rate (%), highest first, with the target as a
    vertical line. ``rows``: [(label, rate or None)]; rows with no rate are skipped."""
    rows = sorted(
        ((label, rate) for label, rate in rows if rate is not None),
        key=lambda r: -r[1],
    )
    plot = WIDTH - LABEL_W - 50
    parts = []
    for i, (label, rate) in enumerate(rows):
        y = 8 + i * ROW_H
        width = plot * min(rate, 100) / 100
        colour = BAR if target is None or rate >= target else MUTED
        parts.append(
            format_html(
                '<text x="{lx}" y="{ty}" text-anchor="end" fill="{ink}">{label}</text>'
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}"/>'
                '<text x="{vx}" y="{ty}" fill="{ink}">{v}</text>',
                lx=LABEL_W - 6,
                ty=y + 14,
                ink=INK,
                label=_short(str(label)),
                x=LABEL_W,
                y=y,
                w=_f(width),
                h=ROW_H - 8,
                c=colour,
                vx=_f(LABEL_W + width + 4),
                v=percent(rate),
            )
        )
    height = 16 + max(len(rows), 1) * ROW_H
    if target is not None:
        x = LABEL_W + plot * min(target, 100) / 100
        parts.append(
            format_html(
                '<line x1="{x}" x2="{x}" y1="2" y2="{h}" stroke="{c}" '
                'stroke-width="2" stroke-dasharray="5 3"/>'
                '<text x="{tx}" y="{h}" fill="{c}" font-size="11">{t}</text>',
                x=_f(x),
                h=height - 2,
                c=TARGET,
                tx=_f(x + 3),
                t=percent(target),
            )
        )
    return _svg(height, title, mark_safe("".join(parts)))  # noqa: S308 (escaped parts)


def column_slots(count, left=COLUMN_INSET, right=WIDTH - COLUMN_INSET):
    """[(x, width)] of ``count`` bars across the plot from ``left`` to ``right``:
    each bar between COLUMN_MIN_W and COLUMN_MAX_W wide, the group centred, every
    bar inside the plot (36 months get 11 px bars, one month a 36 px bar)."""
    if count <= 0:
        return []
    plot = right - left
    step = _column_step(count, plot)
    bar_w = min(max(step * (1 - COLUMN_GAP), COLUMN_MIN_W), COLUMN_MAX_W, plot / count)
    start = left + (plot - step * count) / 2
    return [(start + i * step + (step - bar_w) / 2, bar_w) for i in range(count)]


def _column_step(count, plot):
    return min(plot / max(count, 1), COLUMN_MAX_W / (1 - COLUMN_GAP))


def columns(points, title):
    """Vertical columns of counts over time. ``points``: [(label, count)]."""
    height, base, top = 220, 190, 16
    peak = max((n for _, n in points), default=0) or 1
    slots = column_slots(len(points))
    step = _column_step(len(points), WIDTH - 2 * COLUMN_INSET)
    label_every = max(1, math.ceil(LABEL_SPACING / step))
    parts = [
        format_html(
            '<line x1="10" x2="{w}" y1="{b}" y2="{b}" stroke="{c}"/>',
            w=WIDTH - 10,
            b=base,
            c=INK,
        )
    ]
    for i, ((label, n), (x, bar_w)) in enumerate(zip(points, slots, strict=True)):
        h = (base - top) * n / peak
        parts.append(
            format_html(
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" '
                'fill="{c}"><title>{label}: {n}</title></rect>',
                x=_f(x),
                y=_f(base - h),
                w=_f(bar_w),
                h=_f(h),
                c=BAR,
                label=label,
                n=number(n),
            )
        )
        if i % label_every == 0:
            parts.append(
                format_html(
                    '<text x="{x}" y="{y}" font-size="11" fill="{c}" '
                    'text-anchor="middle">{label}</text>',
                    x=_f(x + bar_w / 2),
                    y=base + 16,
                    c=INK,
                    label=label,
                )
            )
    parts.append(
        format_html(
            '<text x="12" y="12" font-size="11" fill="{c}">{n}</text>',
            c=INK,
            n=number(peak),
        )
    )
    return _svg(height, title, mark_safe("".join(parts)))  # noqa: S308 (escaped parts)


def funnel(steps, title):
    """Centred bars shrinking from enrolled to completed. ``steps``: [(label, n)]."""
    first = steps[0][1] if steps and steps[0][1] else 1
    plot = WIDTH - LABEL_W - 20
    rows = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" fill="' + INK + '">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="30" fill="' + BAR + '"/>'
        '<text x="{}" y="{}" text-anchor="middle" fill="#fff" '
        'stroke="' + BAR + '" stroke-width="3" paint-order="stroke">{}</text>',
        (
            (
                LABEL_W - 6,
                10 + i * 40 + 20,
                label,
                _f(LABEL_W + (plot - plot * n / first) / 2),
                10 + i * 40,
                _f(max(plot * n / first, 1)),
                LABEL_W + plot / 2,
                10 + i * 40 + 20,
                number(n),
            )
            for i, (label, n) in enumerate(steps)
        ),
    )
    return _svg(20 + len(steps) * 40, title, rows)


def _f(number):
    return f"{number:.1f}"
