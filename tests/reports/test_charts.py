"""The SVG charts: bar widths at any number of months, numbers in the one format."""

import re

import pytest
from django.utils import translation

from reports.dashboard import charts

RECT = re.compile(r'<rect x="([\d.-]+)" y="[\d.-]+" width="([\d.]+)"')
TEXT_X = re.compile(r'<text x="([\d.-]+)"[^>]*text-anchor="middle">')


def _bars(months):
    points = [(f"{m % 12 + 1:02d}/{2024 + m // 12}", m + 1) for m in range(months)]
    svg = str(charts.columns(points, "Completions"))
    return [(float(x), float(w)) for x, w in RECT.findall(svg)], svg


@pytest.mark.parametrize(
    ("months", "width"),
    [(1, 36.0), (3, 36.0), (12, 33.8), (36, 11.3)],  # 580 px / n slots * 0.7
)
def test_columns_have_a_sensible_width_and_stay_in_the_box(months, width):
    bars, svg = _bars(months)
    assert len(bars) == months
    for x, w in bars:
        assert w == pytest.approx(width, abs=0.05)
        assert x >= 30 and x + w <= charts.WIDTH - 30
    # Axis labels are centred under bars, inside the box, at least 45 px apart.
    label_x = [float(x) for x in TEXT_X.findall(svg)]
    assert label_x and all(30 <= x <= charts.WIDTH - 30 for x in label_x)
    assert all(b - a >= 45 for a, b in zip(label_x, label_x[1:], strict=False))


def test_one_month_is_one_bar_in_the_middle():
    [(x, w)], _ = _bars(1)
    assert x + w / 2 == pytest.approx(charts.WIDTH / 2, abs=0.1)


def test_thirty_six_months_fill_the_width_without_overlap():
    bars, _ = _bars(36)
    assert bars[0][0] < 40 and bars[-1][0] + bars[-1][1] > charts.WIDTH - 40
    assert all(b[0] > a[0] + a[1] for a, b in zip(bars, bars[1:], strict=False))


def test_rate_bars_write_percent_in_the_active_language():
    rows = [("Trường A", 2.9), ("Trường B", 1654.0)]
    with translation.override("vi"):
        svg = str(charts.rate_bars(rows, "Tỷ lệ", target=50.0))
    assert ">2,9\u00a0%</text>" in svg and ">50\u00a0%</text>" in svg
    with translation.override("en"):
        svg = str(charts.rate_bars(rows, "Rate", target=50.0))
    assert ">2.9%</text>" in svg and ">50%</text>" in svg


def test_counts_are_grouped_in_thousands():
    with translation.override("vi"):
        svg = str(charts.funnel([("Ghi danh", 1654), ("Hoàn thành", 40)], "Phễu"))
        assert ">1.654</text>" in svg
        svg = str(charts.columns([("01/2026", 1654)], "Hoàn thành"))
        assert "01/2026: 1.654</title>" in svg
