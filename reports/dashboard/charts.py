"""Charts as small server-rendered SVG: no JavaScript, light on a phone.

Each function takes plain numbers and returns safe SVG markup that scales to the
width of its container (viewBox). The SVG is an image with a title; the numbers are
also given as a table next to it in the template, for screen readers and copying.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

BAR = "#a50e0e"
MUTED = "#d9c5c5"
TARGET = "#1f5f99"
INK = "#222"
WIDTH = 640
LABEL_W = 200
ROW_H = 26


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
                '<text x="{vx}" y="{ty}" fill="{ink}">{v}%</text>',
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
                v=_number(rate),
            )
        )
    height = 16 + max(len(rows), 1) * ROW_H
    if target is not None:
        x = LABEL_W + plot * min(target, 100) / 100
        parts.append(
            format_html(
                '<line x1="{x}" x2="{x}" y1="2" y2="{h}" stroke="{c}" '
                'stroke-width="2" stroke-dasharray="5 3"/>'
                '<text x="{tx}" y="{h}" fill="{c}" font-size="11">{t}%</text>',
                x=_f(x),
                h=height - 2,
                c=TARGET,
                tx=_f(x + 3),
                t=_number(target),
            )
        )
    return _svg(height, title, mark_safe("".join(parts)))  # noqa: S308 (escaped parts)


def columns(points, title):
    """Vertical columns of counts over time. ``points``: [(label, count)]."""
    height, base, top = 220, 190, 16
    peak = max((n for _, n in points), default=0) or 1
    step = (WIDTH - 20) / max(len(points), 1)
    bar_w = max(step * 0.7, 2)
    label_every = max(1, round(len(points) / 8))
    parts = [
        format_html(
            '<line x1="10" x2="{w}" y1="{b}" y2="{b}" stroke="{c}"/>',
            w=WIDTH - 10,
            b=base,
            c=INK,
        )
    ]
    for i, (label, n) in enumerate(points):
        h = (base - top) * n / peak
        x = 10 + i * step + (step - bar_w) / 2
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
                n=n,
            )
        )
        if i % label_every == 0:
            parts.append(
                format_html(
                    '<text x="{x}" y="{y}" font-size="11" fill="{c}">{label}</text>',
                    x=_f(x),
                    y=base + 16,
                    c=INK,
                    label=label,
                )
            )
    parts.append(
        format_html(
            '<text x="12" y="12" font-size="11" fill="{c}">{n}</text>', c=INK, n=peak
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
                n,
            )
            for i, (label, n) in enumerate(steps)
        ),
    )
    return _svg(20 + len(steps) * 40, title, rows)


def _number(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def _f(number):
    return f"{number:.1f}"
