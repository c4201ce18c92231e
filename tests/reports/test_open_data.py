"""Open data: hand-computed monthly counts, small-cell suppression, pinned schema."""

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate
from courses.models import Enrolment
from people.models import Organisation
from reports.open_data import data as open_data
from tests.factories import CourseFactory, OrganisationFactory, UserFactory

DOC = Path(__file__).resolve().parents[2] / "docs" / "open-data.md"
SEP = datetime(2026, 9, 15, 3, tzinfo=UTC)
OCT = datetime(2026, 10, 15, 3, tzinfo=UTC)


def _unit(parent, code, name, kind):
    parent = Organisation.objects.get(pk=parent.pk)
    return OrganisationFactory(parent=parent, code=code, name=name, kind=kind)


def _enrol(course, unit, n, *, enrolled, completed=None, certificates=0, **extra):
    made = []
    for _i in range(n):
        enrolment = Enrolment.objects.create(
            user=UserFactory(full_name="Người Học Bí Mật"),
            course=course,
            organisation=unit,
            enrolled_at=enrolled,
            completed_at=completed,
            **extra,
        )
        made.append(enrolment)
    for enrolment in made[:certificates]:
        Certificate.objects.create(
            enrolment=enrolment,
            holder=enrolment.user,
            status=Certificate.Status.ISSUED,
            issued_at=completed,
            verification_code=f"OD-{enrolment.pk}",
        )
    return made


@pytest.fixture
def province_data(home_page):
    """
    Phường Một (C1): THPT A (S1) 5 enrolled in Sep, all completed in Sep, 3 with a
        certificate; THCS Cũ (S3, under Xã Hai, merged into S1) 2 enrolled in Sep;
        one-stop office O1: 5 enrolled in Oct. One withdrawn and one revoked
        certificate that must not count.
    Xã Hai (C2): THPT B (S2) 3 enrolled in Sep.
    """
    cache.clear()
    province = OrganisationFactory(code="19", name="Tỉnh Thái Nguyên", kind="province")
    c1 = _unit(province, "19-C1", "Phường Một", "commune")
    c2 = _unit(province, "19-C2", "Xã Hai", "commune")
    s1 = _unit(c1, "19-S1", "THPT A", "school")
    o1 = _unit(c1, "19-O1", "Bộ phận một cửa Phường Một", "one_stop_office")
    s2 = _unit(c2, "19-S2", "THPT B", "school")
    s3 = _unit(c2, "19-S3", "THCS Cũ", "school")
    course = CourseFactory(parent=home_page)
    done = _enrol(course, s1, 5, enrolled=SEP, completed=SEP, certificates=3)
    _enrol(course, s3, 2, enrolled=SEP)
    _enrol(course, o1, 5, enrolled=OCT)
    _enrol(course, s2, 3, enrolled=SEP)
    _enrol(course, s1, 1, enrolled=SEP, status=Enrolment.Status.WITHDRAWN)
    Certificate.objects.filter(enrolment=done[0]).update(status="revoked")
    Certificate.objects.create(
        enrolment=done[4],
        holder=done[4].user,
        status="issued",
        issued_at=SEP,
        verification_code="OD-EXTRA",
    )
    Organisation.objects.filter(pk=s3.pk).update(succeeded_by=s1)
    yield course
    cache.clear()


def vietnamese(label):
    with translation.override("vi"):
        return str(label)


def expected(course):
    def row(month, code, name, audience, enrolled, completed, certificates):
        values = {
            "month": month,
            "commune_code": code,
            "commune_name": name,
            "course_id": course.pk,
            "course_title": "Công dân số an toàn",
            "audience_code": audience,
            # Published in Vietnamese whatever the request's language.
            "audience_name": vietnamese(open_data.AUDIENCES[audience]),
        }
        for measure, count in zip(
            open_data.MEASURES, (enrolled, completed, certificates), strict=True
        ):
            values[measure] = None if 0 < count < 5 else count
            values[f"{measure}_suppressed"] = 0 < count < 5
        return values

    return [
        # 5 of S1 + 2 of the merged S3 = 7; 5 completed; 3 live certificates.
        row("2026-09", "19-C1", "Phường Một", "school", 7, 5, 3),
        row("2026-09", "19-C2", "Xã Hai", "school", 3, 0, 0),
        row("2026-10", "19-C1", "Phường Một", "one_stop_office", 5, 0, 0),
    ]


def test_published_names_stay_vietnamese_in_an_english_thread(province_data):
    # An English request leaves English active on its thread; the rows must not follow.
    with translation.override("en"):
        rows = open_data.build_rows()
        english = str(open_data.AUDIENCES["school"])
    assert [r["audience_name"] for r in rows] == [
        r["audience_name"] for r in expected(province_data)
    ]
    assert rows[0]["audience_name"] != english


def test_rows_are_counted_and_small_cells_suppressed(
    province_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        rows = open_data.build_rows()
    assert rows == expected(province_data)
    first, second, _third = rows
    assert (first["enrolled"], first["completed"]) == (7, 5)
    assert (first["certificates_issued"], first["certificates_issued_suppressed"]) == (
        None,
        True,
    )
    assert (second["enrolled"], second["enrolled_suppressed"]) == (None, True)


def test_csv_and_json_are_public_and_agree(province_data, client):
    response = client.get("/du-lieu-mo/hoan-thanh-khoa-hoc.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "public" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert lines[0] == open_data.COLUMN_NAMES
    assert len(lines) == 1 + 3  # three cells, no total rows
    sep_c2 = lines[2]
    assert sep_c2[:3] == ["2026-09", "19-C2", "Xã Hai"]
    assert sep_c2[7:] == ["", "true", "0", "false", "0", "false"]
    assert "Người Học Bí Mật" not in text

    body = client.get("/du-lieu-mo/hoan-thanh-khoa-hoc.json")
    assert body.status_code == 200
    data = json.loads(body.content)
    assert data["schema_version"] == open_data.SCHEMA_VERSION
    assert data["suppression"]["threshold"] == 5
    assert [c["name"] for c in data["columns"]] == open_data.COLUMN_NAMES
    assert data["rows"] == expected(province_data)
    assert set(data) == {
        "schema_version",
        "generated_at",
        "licence",
        "suppression",
        "columns",
        "rows",
    }  # no totals anywhere

    index = client.get(reverse("open_data:index"))
    assert index.status_code == 200
    assert "/du-lieu-mo/hoan-thanh-khoa-hoc.csv" in index.content.decode()


def test_no_published_sum_reveals_a_suppressed_cell(province_data):
    """Only finest cells: no row is the sum of others over any dimension."""
    rows = open_data.build_rows()
    keys = [
        (r["month"], r["commune_code"], r["course_id"], r["audience_code"])
        for r in rows
    ]
    assert len(keys) == len(set(keys))
    assert all(r["commune_code"] and r["month"] for r in rows)


def test_result_is_cached(province_data, django_assert_num_queries):
    first = open_data.published()
    _enrol(province_data, Organisation.objects.get(code="19-S2"), 4, enrolled=SEP)
    with django_assert_num_queries(0):
        again = open_data.published()
    assert again == first


def test_columns_are_pinned_by_the_documentation():
    table = re.findall(r"^\| `([a-z_]+)` \| ([^|]+?) \|", DOC.read_text(), re.M)
    documented = [(name, kind.replace("`", "").strip()) for name, kind in table]
    assert documented == [(name, kind) for name, kind, _meaning in open_data.COLUMNS]
    assert "CC BY 4.0" in DOC.read_text() and open_data.LICENCE == "CC BY 4.0"
