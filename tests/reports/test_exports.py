"""The learner list with personal data: CSV and XLSX content, streaming, scope, who
may take it, the audit log, jobs. (The table export: test_unit_table_export.py.)"""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from people.audit import entries_for
from people.models import AuditEntry, Membership, User
from reports.exports import files as exports
from reports.exports.files import purge_expired, run_job
from reports.models import ExportJob
from tests.factories import MembershipFactory, UserFactory, member_of

URL = reverse("reports_exports:start")


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_streams_every_enrolment_with_vietnamese_intact(stats, client):
    User.objects.filter(pk=stats.learners["L1"].pk).update(
        full_name='=HYPERLINK("http://x.vn","Bấm")'
    )
    User.objects.filter(pk=stats.learners["L2"].pk).update(student_code="+84912")
    client.force_login(stats.coord_all)
    response = client.get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="danh-sach-hoc-vien-'
    )
    rows = csv_rows(response)
    header, data = rows[0], rows[1:]
    assert header[0] == "Học viên" or header[0] == "Learner"
    # 11 enrolments, less L10's withdrawn one.
    assert len(data) == 10
    names = [row[0] for row in data]
    assert "Đỗ Thị Giang" in names and "Ngô Thị Lan" not in names
    assert '\'=HYPERLINK("http://x.vn","Bấm")' in names
    assert any(row[1] == "'+84912" for row in data)
    # The merged school's learners count at its successor.
    giang = next(row for row in data if row[0] == "Đỗ Thị Giang")
    assert giang[2] == "THPT Chu Văn An"
    assert "01/09/2026" in giang[8]


def test_csv_rows_are_read_while_streaming_not_before(stats, client):
    client.force_login(stats.coord_all)
    with CaptureQueriesContext(connection) as before:
        response = client.get(URL, {"format": "csv"})
    assert not any("best_score" in q["sql"] for q in before.captured_queries)
    with CaptureQueriesContext(connection) as during:
        body = b"".join(response.streaming_content)
    assert any("best_score" in q["sql"] for q in during.captured_queries)
    assert "Vũ Thị Hoa" in body.decode("utf-8-sig")


def test_csv_writer_is_a_generator_over_an_iterator():
    produced = []

    def rows():
        for n in range(5000):
            produced.append(n)
            yield [f"Tên {n}", "=1+1"]

    chunks = exports.csv_chunks(["a", "b"], rows())
    first = next(chunks)
    assert first.startswith("\ufeff".encode()) and not produced
    second = next(chunks)
    assert len(produced) == exports.CHUNK  # one chunk read, not everything
    assert second.decode().splitlines()[0] == "Tên 0,'=1+1"


def test_xlsx_has_the_header_block_and_text_never_formulas(stats, client):
    User.objects.filter(pk=stats.learners["L1"].pk).update(full_name="@SUM(A1)")
    client.force_login(stats.coord_all)
    response = client.get(
        URL, {"format": "xlsx", "khoa-hoc": stats.course_a.pk, "don-vi": stats.c1.pk}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    notes = [row[0] for row in values[:6]]
    assert any(timezone.localdate().strftime("%d/%m/%Y") in (n or "") for n in notes)
    assert any("Phường Một" in (n or "") for n in notes)  # the unit filter
    assert any("Công dân số an toàn" in (n or "") for n in notes)  # the course filter
    header_index = next(
        i for i, row in enumerate(values) if row[0] in ("Học viên", "Learner")
    )
    assert sheet.cell(header_index + 1, 1).font.b
    data = values[header_index + 1 :]
    # Phường Một: S1 (L1–L5) and the merged S3 (L6, L7); course A only.
    assert sorted(row[0] for row in data) == sorted(
        [
            "'@SUM(A1)",
            "Trần Thị Bình",
            "Lê Văn Cường",
            "Phạm Thị Dung",
            "Hoàng Văn Em",
            "Đỗ Thị Giang",
            "Bùi Văn Hải",
        ]
    )
    for row in sheet.iter_rows(min_row=header_index + 2):
        assert row[0].data_type == "s"
    enrolled = next(r for r in sheet.iter_rows(min_row=header_index + 2))[8]
    assert enrolled.is_date and enrolled.number_format == "DD/MM/YYYY HH:MM"
    assert values[header_index - 1] == [None] * len(values[header_index - 1])


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_coordinator_export_stays_in_their_school(stats, client, kind):
    client.force_login(stats.coord_s4)
    response = client.get(URL, {"format": kind})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if kind == "csv":
        names = {row[0] for row in csv_rows_from(body)[1:]}
    else:
        sheet = load_workbook(io.BytesIO(body)).active
        rows = [[c.value for c in r] for r in sheet.iter_rows()]
        start = next(i for i, r in enumerate(rows) if r[0] in ("Học viên", "Learner"))
        names = {r[0] for r in rows[start + 1 :]}
    assert names == {"Vũ Thị Hoa", "Đặng Văn Khoa"}


def csv_rows_from(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_forged_filters_are_refused_with_a_message(stats, client):
    client.force_login(stats.coord_s4)
    response = client.get(URL, {"format": "csv", "don-vi": stats.s1.pk})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nguyễn Văn An" not in text and "Trần Thị Bình" not in text
    assert response.context["errors"]
    bad = client.get(URL, {"format": "pdf"})
    assert bad.status_code == 400 and bad.context["bad_format"]
    dates = client.get(URL, {"format": "csv", "tu-ngay": "31/02/2026"})
    assert dates.status_code == 400


def test_who_may_export(stats, client):
    assert client.get(URL, {"format": "csv"}).status_code == 302  # sign in first
    client.force_login(stats.learners["L1"])
    assert client.get(URL, {"format": "csv"}).status_code == 403


def test_a_viewer_is_refused_the_learner_list_with_a_message_and_nothing_logged(
    stats, client
):
    client.force_login(stats.viewer)
    response = client.get(URL, {"format": "xlsx"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Vũ Thị Hoa" not in text
    assert "điều phối" in text  # "…is for the coordinators…", in Vietnamese
    assert not AuditEntry.objects.exists()


def test_every_download_of_the_learner_list_is_logged(stats, client):
    client.force_login(stats.coord_s4)
    response = client.get(URL, {"format": "csv", "khoa-hoc": stats.course_a.pk})
    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.organisation) == (
        stats.coord_s4,
        AuditEntry.Action.PERSONAL_EXPORT,
        stats.s4,
    )
    assert entry.after["format"] == "csv" and entry.after["rows"] == 2
    assert entry.after["organisation"] == "THPT Đại Từ"
    assert stats.course_a.title in entry.after["filters"].values()
    client.get(URL, {"format": "xlsx"})
    assert AuditEntry.objects.count() == 2
    # The department administrator of the province reads them in their log.
    admin = member_of(stats.province, Membership.Role.ADMINISTRATOR)
    assert set(entries_for(admin)) == set(AuditEntry.objects.all())


def test_a_viewer_who_coordinates_a_school_takes_only_that_schools_learners(
    stats, client
):
    MembershipFactory(
        user=stats.viewer, organisation=stats.s4, role=Membership.Role.COORDINATOR
    )
    client.force_login(stats.viewer)
    names = {row[0] for row in csv_rows(client.get(URL, {"format": "csv"}))[1:]}
    assert names == {"Vũ Thị Hoa", "Đặng Văn Khoa"}
    # Their statistics area is the province, but not their personal-data area.
    forged = client.get(URL, {"format": "csv", "don-vi": stats.s1.pk})
    assert forged.status_code == 400
    assert AuditEntry.objects.count() == 1


# --- the background path ----------------------------------------------------


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(exports, "CSV_STREAM_LIMIT", 3)
    monkeypatch.setattr(exports, "XLSX_DIRECT_LIMIT", 3)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_large_export_runs_as_a_job_with_progress_and_download(
    stats, client, small_limits, django_capture_on_commit_callbacks, kind
):
    client.force_login(stats.coord_all)
    confirm = client.get(URL, {"format": kind})
    assert confirm.status_code == 200 and confirm.context["total"] == 10
    assert not ExportJob.objects.exists()  # nothing happens before the POST
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}?format={kind}&khoa-hoc={stats.course_a.pk}")
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports_exports:job", args=[job.pk])
    assert (job.status, job.processed, job.total, job.format) == ("done", 9, 9, kind)
    page = client.get(response["Location"])
    download_url = reverse("reports_exports:download", args=[job.pk])
    assert download_url in page.content.decode()
    assert b'http-equiv="refresh"' not in page.content
    assert not AuditEntry.objects.exists()  # asked for, not yet taken
    file = client.get(download_url)
    assert file.status_code == 200
    assert AuditEntry.objects.get().after["job"] == job.pk
    body = b"".join(file.streaming_content)
    if kind == "csv":
        assert len(csv_rows_from(body)) == 1 + 9
    else:
        sheet = load_workbook(io.BytesIO(body)).active
        assert any(
            "Công dân số an toàn" in (r[0].value or "")
            for r in sheet.iter_rows(max_row=6)
        )
    # Another user may not see or download it.
    client.force_login(stats.viewer_c2)
    assert client.get(response["Location"]).status_code == 404
    assert client.get(download_url).status_code == 404


def test_a_double_click_starts_one_job(stats, client, small_limits):
    client.force_login(stats.coord_all)
    first = client.post(f"{URL}?format=csv")  # on_commit never runs: stays queued
    second = client.post(f"{URL}?format=csv")
    assert first["Location"] == second["Location"]
    assert ExportJob.objects.count() == 1
    client.post(f"{URL}?format=xlsx")
    assert ExportJob.objects.count() == 2


def test_running_job_page_refreshes_itself(stats, client):
    job = ExportJob.objects.create(
        requested_by=stats.coord_all,
        filters={},
        format="csv",
        total=200,
        processed=50,
        status=ExportJob.Status.RUNNING,
    )
    client.force_login(stats.coord_all)
    page = client.get(reverse("reports_exports:job", args=[job.pk]))
    # Updated in place by an external script (CSP: no inline script; a timed meta
    # refresh fails WCAG 2.2.1).
    assert b'data-live-progress="2"' in page.content
    assert b"js/live-progress.js" in page.content
    assert b'http-equiv="refresh"' not in page.content
    assert b'value="25"' in page.content
    assert b"<script>" not in page.content
    assert (
        client.get(reverse("reports_exports:download", args=[job.pk])).status_code
        == 404
    )
    # A task lost for longer than its time limit: the page stops waiting.
    ExportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    page = client.get(reverse("reports_exports:job", args=[job.pk]))
    assert b'http-equiv="refresh"' not in page.content
    assert b'role="alert"' in page.content


def test_job_is_done_once_and_rechecks_the_scope(stats):
    from reports.filters import ReportFilters

    filters = ReportFilters.for_user(stats.coord_s4, {})
    job = ExportJob.objects.create(
        requested_by=stats.coord_s4, filters=filters.to_dict(), format="csv"
    )
    run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.total) == ("done", 3)  # L8 twice (A, B), L9
    name = job.file.name
    run_job(job.pk)  # a second delivery changes nothing
    job.refresh_from_db()
    assert job.file.name == name
    # A job asking for a unit outside the user's area fails with the reason.
    forged = ExportJob.objects.create(
        requested_by=stats.coord_s4,
        filters={"user_id": stats.coord_s4.pk, "params": {"don-vi": stats.s1.pk}},
        format="csv",
    )
    run_job(forged.pk)
    forged.refresh_from_db()
    assert forged.status == "failed" and forged.error and not forged.file
    # A job of someone who is (no longer) a coordinator: refused, with the reason.
    viewers = ExportJob.objects.create(
        requested_by=stats.viewer,
        filters=ReportFilters.for_user(stats.viewer, {}).to_dict(),
        format="csv",
    )
    run_job(viewers.pk)
    viewers.refresh_from_db()
    assert viewers.status == "failed" and not viewers.file
    assert "điều phối" in viewers.error


def test_expired_exports_are_deleted_with_their_files(stats):
    old = ExportJob.objects.create(
        requested_by=stats.coord_all,
        filters={},
        format="csv",
        status="done",
        created_at=timezone.now() - timedelta(days=2),
    )
    old.file.save("old.csv", ContentFile(b"x"))
    storage, name = old.file.storage, old.file.name
    fresh = ExportJob.objects.create(
        requested_by=stats.coord_all, filters={}, format="csv"
    )
    assert purge_expired() == 1
    assert not storage.exists(name)
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_export_list_shows_only_my_jobs(stats, client):
    mine = ExportJob.objects.create(
        requested_by=stats.coord_all, filters={}, format="csv"
    )
    other = ExportJob.objects.create(
        requested_by=UserFactory(), filters={}, format="xlsx"
    )
    client.force_login(stats.coord_all)
    page = client.get(reverse("reports_exports:list")).content.decode()
    assert reverse("reports_exports:job", args=[mine.pk]) in page
    assert reverse("reports_exports:job", args=[other.pk]) not in page


def test_dashboard_links_the_learner_list_only_for_those_who_may_take_it(stats, client):
    client.force_login(stats.coord_s4)
    page = client.get(reverse("reports:dashboard"))
    urls = [url for _label, url in page.context["personal_export_links"]]
    xlsx = next(url for url in urls if url.endswith("format=xlsx"))
    assert xlsx.startswith(URL) and xlsx in page.content.decode().replace("&amp;", "&")
    response = client.get(xlsx)
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert any("THPT Đại Từ" in (r[0] or "") for r in rows[:8])
    start = next(i for i, r in enumerate(rows) if r[0] in ("Học viên", "Learner"))
    assert sorted(r[0] for r in rows[start + 1 :]) == [
        "Vũ Thị Hoa",
        "Vũ Thị Hoa",
        "Đặng Văn Khoa",
    ]
    client.force_login(stats.viewer)
    page = client.get(reverse("reports:dashboard"))
    assert page.context["personal_export_links"] == []
    assert URL not in page.content.decode()
