"""The export of a statistics view's table: exactly the rows on screen, with the
view's filters, in XLSX (title block, Vietnamese number formats) and CSV (for
machines). Figures are the hand-computed ones of tests/reports/stats_data.py:

    unit        enrolled started completed rate  certificates avg best score
    Phường Một  7        5       4         57.1  1            380 / 5 = 76.0
    Xã Hai      3        2       1         33.3  1            110 / 2 = 55.0
    total       10       7       5         50.0  2            70.0
"""

import csv
import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import Enrolment
from reports.dashboard import rollup
from reports.dashboard.columns import COLUMNS
from reports.exports import unit_table
from reports.models import SummaryState, Target
from reports.statuses import LABELS
from tests.reports.test_statistics_queries import MAX_QUERIES, _province

pytestmark = pytest.mark.django_db

URL = reverse("reports_exports:table")
KEYS = ["enrolled", "started", "completed", "rate", "certificates", "avg_score"]


def sheet_of(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def csv_of(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert not response.content.startswith("\ufeff".encode())  # for machines
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def block(sheet):
    """{label: value} of the title block (column A: B, until the blank line)."""
    found = {}
    for a, b, *_rest in sheet.iter_rows(min_row=2, values_only=True):
        if a is None:
            return found
        found[a] = b
    return found


def table(sheet):
    """The header row's cells and the rows after it."""
    rows = list(sheet.iter_rows())
    start = next(i for i, r in enumerate(rows) if r[0].value == "Mã")
    return rows[start], rows[start + 1 :]


def test_province_xlsx_has_the_title_block_rows_total_and_number_formats(stats, client):
    Target.objects.create(rate=60)
    client.force_login(stats.viewer)
    sheet = sheet_of(client.get(URL, {"format": "xlsx"}))

    assert sheet["A1"].value == "Thống kê hoàn thành theo đơn vị"
    assert sheet["A1"].font.b
    info = block(sheet)
    assert info["Đơn vị"] == "Tỉnh Thái Nguyên"
    assert info["Khóa học"] == "Tất cả"
    # Live figures (the summary was never built): as of the export.
    now = timezone.localtime()
    assert info["Số liệu tính đến"].endswith(now.strftime("%d/%m/%Y"))

    head, rows = table(sheet)
    assert [c.value for c in head[:3]] == ["Mã", "Mã chính thức", "Đơn vị"]
    labels = [c.value for c in head[3:]]
    assert labels == [str(c.label) for c in COLUMNS]
    assert head[2].font.b
    by_name = {
        r[2].value: {c.key: r[3 + i] for i, c in enumerate(COLUMNS)} for r in rows
    }
    assert list(by_name) == ["Phường Một", "Xã Hai", "Tổng"]
    assert [rows[0][0].value, rows[1][0].value] == ["19-C1", "19-C2"]
    expected = {
        "Phường Một": [7, 5, 4, 0.571, 1, 0.76],
        "Xã Hai": [3, 2, 1, 0.333, 1, 0.55],
        "Tổng": [10, 7, 5, 0.5, 2, 0.7],
    }
    for name, numbers in expected.items():
        cells = by_name[name]
        assert [cells[k].value for k in KEYS] == numbers  # exact: no float noise
        assert cells["target"].value == 0.6
        assert cells["enrolled"].number_format == unit_table.COUNT_FORMAT
        assert cells["rate"].number_format == unit_table.PERCENT_FORMAT
        assert cells["enrolled"].data_type == "n"
    assert rows[-1][2].font.b  # the total
    # No population declared here: the coverage columns stay empty, not 0 %.
    assert by_name["Xã Hai"]["population"].value is None
    assert by_name["Xã Hai"]["coverage"].value is None


def test_number_formats_show_vietnamese_digits():
    # Literal dots group the thousands whatever the reader's locale.
    assert unit_table.COUNT_FORMAT == r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0"
    # Percent with one decimal, tagged Vietnamese (LCID 0x042A), a space before %.
    assert unit_table.PERCENT_FORMAT == r"[$-42A]0.0\ %"


def test_commune_csv_follows_the_filters_and_the_screen(stats, client):
    client.force_login(stats.viewer)
    params = {"khoa-hoc": stats.course_a.pk}
    screen = client.get(reverse("reports:unit", args=[stats.c1.pk]), params)
    rows = csv_of(client.get(URL, {"format": "csv", "don-vi": stats.c1.pk, **params}))
    keys = ["row", "code", "official_code", "name"] + [c.key for c in COLUMNS]
    assert list(rows[0]) == keys + ["as_of"]
    # C1's schools (S3 retired into S1; its learners count there), then the total.
    assert [(r["row"], r["code"], r["name"]) for r in rows] == [
        ("unit", "19-S2", "THCS Trống"),
        ("unit", "19-S1", "THPT Chu Văn An"),
        ("total", "19-C1", "Tổng"),
    ]
    assert [rows[0][k] for k in KEYS] == ["0", "0", "0", "", "0", ""]
    assert [rows[1][k] for k in KEYS] == ["7", "5", "4", "57.1", "1", "76.0"]
    assert [rows[2][k] for k in KEYS] == ["7", "5", "4", "57.1", "1", "76.0"]
    assert rows[1]["target"] == "" and rows[1]["population"] == ""
    # The export is the screen's table, row for row and figure for figure.
    shown = screen.context["rows"] + [screen.context["summary"]]
    columns = {c.key: c for c in COLUMNS}
    assert len(rows) == len(shown)
    for row, on_screen in zip(rows, shown, strict=True):
        assert row["name"] == on_screen.get("label", "Tổng")
        for key in KEYS:
            assert row[key] == unit_table.plain(columns[key], on_screen[key])


def test_school_export_is_its_classes_and_a_class_export_its_own_row(stats, client):
    client.force_login(stats.coord_s1)
    sheet = sheet_of(client.get(URL, {"format": "xlsx", "don-vi": stats.s1.pk}))
    assert sheet["A1"].value == "Thống kê hoàn thành theo lớp"
    head, rows = table(sheet)
    assert head[2].value == "Lớp"
    assert [(r[2].value, r[3 + 1].value, r[3 + 4].value) for r in rows] == [
        ("10A1 (2026-2027)", 4, 2),
        ("10A2 (2026-2027)", 1, 1),
        ("9A1 (2026-2027)", 2, 1),
        ("Tổng", 7, 4),
    ]
    rows = csv_of(client.get(URL, {"format": "csv", "lop": stats.k1.pk}))
    assert [(r["row"], r["name"], r["enrolled"], r["rate"]) for r in rows] == [
        ("class", "10A1 (2026-2027)", "4", "50.0"),
        ("total", "Tổng", "4", "50.0"),
    ]
    assert rows[0]["code"] == "19-S1"


def test_as_of_is_the_summarys_refresh_time_when_the_view_reads_it(stats, client):
    rollup.refresh()
    old = timezone.now() - timedelta(minutes=3)
    SummaryState.objects.update(refreshed_at=old)
    cache.clear()
    client.force_login(stats.viewer)
    sheet = sheet_of(client.get(URL, {"format": "xlsx"}))
    local = timezone.localtime(old)
    assert block(sheet)["Số liệu tính đến"] == local.strftime("%H:%M %d/%m/%Y")
    rows = csv_of(client.get(URL, {"format": "csv"}))
    assert rows[0]["as_of"] == local.isoformat(timespec="seconds")
    assert [r["enrolled"] for r in rows] == ["7", "3", "10"]


def test_forged_unit_class_and_filters_are_refused_with_a_message(stats, client):
    client.force_login(stats.coord_s4)
    for params in (
        {"don-vi": stats.s1.pk},
        {"lop": stats.k1.pk},
        {"don-vi": "1 OR 1=1"},
        {"tu-ngay": "31/02/2026"},
    ):
        response = client.get(URL, {"format": "xlsx", **params})
        assert response.status_code == 400, params
        text = response.content.decode()
        assert "THPT Chu Văn An" not in text
        assert response.context["errors"]
    bad = client.get(URL, {"format": "pdf"})
    assert bad.status_code == 400 and bad.context["bad_format"]
    client.logout()
    assert client.get(URL).status_code == 302
    client.force_login(stats.learners["L1"])
    assert client.get(URL).status_code == 403


def test_dashboard_links_export_the_table_being_looked_at(stats, client):
    client.force_login(stats.viewer)
    page = client.get(reverse("reports:unit", args=[stats.c2.pk]))
    urls = [url for _label, url in page.context["export_links"]]
    assert all(url.startswith(URL) for url in urls)
    xlsx = next(url for url in urls if url.endswith("format=xlsx"))
    assert xlsx in page.content.decode().replace("&amp;", "&")
    sheet = sheet_of(client.get(xlsx))
    assert block(sheet)["Đơn vị"] == "Xã Hai"
    _head, rows = table(sheet)
    assert [r[2].value for r in rows] == ["THPT Đại Từ", "Tổng"]
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert "Vũ Thị Hoa" not in text  # figures, no personal data


@pytest.mark.parametrize("n", [2, 20])
def test_export_query_counts_do_not_grow(
    client, home_page, django_assert_max_num_queries, n
):
    viewer, _province_unit, commune, school, _class = _province(home_page, n)
    client.force_login(viewer)
    for unit in (commune, school):
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(URL, {"format": "csv", "don-vi": unit.pk})
        assert len(csv_of(response)) == n + 1


def test_status_words_are_the_screens_in_both_lists(stats, client):
    """L4 never started: "chưa bắt đầu" on the class page and in the learner list,
    never "Đang học" (the enrolment's own status, active)."""
    l4 = Enrolment.objects.get(user=stats.learners["L4"])
    assert l4.status == Enrolment.Status.ACTIVE and l4.started_at is None
    client.force_login(stats.coord_s1)
    page = client.get(reverse("reports:class", args=[stats.k1.pk]))
    # (the screen's words themselves: test_statistics.py)
    shown = {e.user.full_name: e.status_label for e in page.context["learners"]}
    assert shown["Phạm Thị Dung"] == "chưa bắt đầu"
    response = client.get(
        reverse("reports_exports:start"), {"format": "csv", "lop": stats.k1.pk}
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    listed = {r[0]: r[7] for r in list(csv.reader(io.StringIO(body)))[1:]}
    assert listed == {name: str(label) for name, label in shown.items()}
    assert str(LABELS["not_started"]) == "chưa bắt đầu"
    assert "Đang học" not in body
