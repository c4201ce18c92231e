"""The REST API for other systems (/api/v1/): tokens, scopes, the organisation's
subtree, personal IDs, cursors, the rate limit, the access log, and the served
schema against docs/api.md."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment
from people.models import Organisation
from reports.models import ApiAccess, ApiClient
from tests.factories import CourseFactory, OrganisationFactory, UserFactory

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
DONE = datetime(2026, 10, 15, 3, tzinfo=UTC)


def _unit(parent, code, kind):
    parent = Organisation.objects.get(pk=parent.pk)
    return OrganisationFactory(parent=parent, code=code, kind=kind)


@pytest.fixture
def api_world(db, home_page, settings):
    """Province P: commune C1 with school S1 (3 completions, 1 in progress), commune
    C2 with school S2 (2 completions, a certificate)."""
    settings.API_SETTLE_SECONDS = 0
    cache.clear()
    province = OrganisationFactory(code="19", kind="province", official_code="19")
    c1 = _unit(province, "19-C1", "commune")
    c2 = _unit(province, "19-C2", "commune")
    s1, s2 = _unit(c1, "19-S1", "school"), _unit(c2, "19-S2", "school")
    course = CourseFactory(parent=home_page)
    learners = {}
    for n, (school, done) in enumerate(
        [(s1, DONE), (s1, DONE), (s1, DONE), (s1, None), (s2, DONE), (s2, DONE)]
    ):
        user = UserFactory(citizen_id=f"0012040000{n:02d}")
        Enrolment.objects.create(
            user=user,
            course=course,
            organisation=school,
            completed_at=done,
            status="completed" if done else "active",
        )
        learners.setdefault(school.code, []).append(user)
    certificate = Certificate.objects.create(
        enrolment=Enrolment.objects.filter(organisation=s2).first(),
        holder=learners["19-S2"][0],
        status=Certificate.Status.ISSUED,
        issued_at=DONE,
        holder_name="Nguyễn Văn Học",
        verification_code="7KQ4M2XD9PTRA",
    )
    commune, commune_token = ApiClient.issue(
        organisation=c1, name="Xã C1", scopes=["completions", "aggregates"]
    )
    whole, whole_token = ApiClient.issue(
        organisation=province,
        name="Kho dữ liệu",
        scopes=["completions", "aggregates", "import"],
        authorised_for_personal_data=True,
    )
    return {
        "course": course,
        "s1": s1,
        "s2": s2,
        "c1": c1,
        "province": province,
        "certificate": certificate,
        "commune": (commune, commune_token),
        "whole": (whole, whole_token),
    }


def _get(client, path, token=None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    params = {key: value for key, value in params.items() if value is not None}
    return client.get(f"/api/v1/{path}", params, headers=headers)


def test_tokens_missing_wrong_or_revoked_get_401(client, api_world):
    commune, token = api_world["commune"]
    assert _get(client, "units").status_code == 401
    assert _get(client, "units", token + "x").status_code == 401
    assert _get(client, "units", token).status_code == 200
    ApiClient.objects.filter(pk=commune.pk).update(revoked_at=timezone.now())
    assert _get(client, "units", token).status_code == 401
    # a signed-in portal user is no API client
    client.force_login(UserFactory(is_superuser=True))
    assert _get(client, "units").status_code == 401


def test_subtree_scopes_and_personal_ids(client, api_world):
    _commune, commune_token = api_world["commune"]
    _whole, whole_token = api_world["whole"]
    units = _get(client, "units", commune_token).json()["items"]
    assert {u["code"]: u["parent_id"] for u in units} == {
        "19-C1": api_world["province"].pk,
        "19-S1": api_world["c1"].pk,
    }

    mine = _get(client, "completions", commune_token).json()["items"]
    assert len(mine) == 3  # S1's completions only: not the one in progress, not S2
    assert {row["unit_id"] for row in mine} == {api_world["s1"].pk}
    assert all(re.fullmatch(r"\*{6}\d{6}", row["personal_id"]) for row in mine)
    every = _get(client, "completions", whole_token).json()["items"]
    assert len(every) == 5
    assert all(re.fullmatch(r"\d{12}", row["personal_id"]) for row in every)

    code = api_world["certificate"].verification_code
    assert _get(client, f"certificates/{code}", commune_token).status_code == 404
    seen = _get(client, f"certificates/{code.lower()}", whole_token).json()
    assert seen["status"] == "issued" and seen["holder_name"] == "Nguyễn Văn Học"
    assert seen["holder_personal_id"] == "001204000004"

    aggregates_only, token = ApiClient.issue(
        organisation=api_world["c1"], name="Chỉ số liệu", scopes=["aggregates"]
    )
    assert _get(client, "completions", token).status_code == 403
    rows = _get(client, "aggregates", token).json()["items"]
    assert rows and {row["commune_code"] for row in rows} == {"19-C1"}
    assert "personal_id" not in rows[0]


def test_cursor_pages_are_complete_and_stable_under_inserts(
    client, api_world, django_assert_max_num_queries
):
    _whole, token = api_world["whole"]
    course, school = api_world["course"], api_world["s1"]
    seen, cursor, inserted = [], None, 0
    while True:
        with django_assert_max_num_queries(6):  # per page, whatever its size
            body = _get(client, "completions", token, limit=2, cursor=cursor).json()
        seen += [row["id"] for row in body["items"]]
        cursor = body["next_cursor"]
        if inserted < 3:  # a completion made while the client reads
            Enrolment.objects.create(
                user=UserFactory(),
                course=course,
                organisation=school,
                completed_at=DONE,
                status="completed",
            )
            inserted += 1
        if not body["has_more"]:
            break
    assert len(seen) == len(set(seen)) == 5 + 3
    # Later, the same cursor brings only what changed since: one new completion.
    late = Enrolment.objects.filter(completed_at__isnull=True).first()
    Enrolment.objects.filter(pk=late.pk).update(completed_at=DONE, status="completed")
    body = _get(client, "completions", token, cursor=cursor).json()
    assert [row["id"] for row in body["items"]] == [late.pk]

    since = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert _get(client, "completions", token, updated_since=since).json() == {
        "items": [],
        "next_cursor": None,
        "has_more": False,
    }
    forged = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    assert _get(client, "completions", token, cursor=forged).status_code == 400
    units_cursor = _get(client, "units", token, limit=1).json()["next_cursor"]
    assert _get(client, "completions", token, cursor=units_cursor).status_code == 400


def test_rate_limit_answers_429_and_every_request_is_logged(
    client, api_world, settings
):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    commune, token = api_world["commune"]
    assert _get(client, "courses", token).status_code == 200
    assert _get(client, "units", token, limit=1).status_code == 200
    limited = _get(client, "units", token)
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 61
    log = list(
        ApiAccess.objects.filter(client=commune)
        .order_by("pk")
        .values_list("endpoint", "status", "rows", "params")
    )
    assert log == [
        ("courses", 200, 1, {}),
        ("units", 200, 1, {"limit": "1"}),
        ("units", 429, 0, {}),
    ]


def test_served_schema_matches_the_documented_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    served = {
        (method.upper(), f"/api/v1{path}" if not path.startswith("/api") else path)
        for path, operations in schema["paths"].items()
        for method in operations
    }
    documented = set(
        re.findall(r"^\| `(GET|POST)` \| `(/api/v1/[^`]+)` \|", DOC.read_text(), re.M)
    )
    assert served == documented
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_programmes_list_their_courses_in_order_and_their_rule(
    client, api_world, home_page
):
    from courses.models import Programme, ProgrammeCourse

    first = api_world["course"]
    second = CourseFactory(parent=home_page, title="Khoá hai", slug="khoa-hai")
    programme = Programme.objects.create(
        title="Kỹ năng số cho cán bộ Bộ phận một cửa",
        rule=Programme.Rule.AT_LEAST,
        required_courses=1,
    )
    for order, course in enumerate([second, first]):
        ProgrammeCourse.objects.create(
            programme=programme, course=course, sort_order=order
        )
    _commune, token = api_world["commune"]
    answer = _get(client, "programmes", token)
    assert answer.status_code == 200
    [item] = answer.json()["items"]
    assert (item["title"], item["rule"], item["required_courses"]) == (
        "Kỹ năng số cho cán bộ Bộ phận một cửa",
        "at_least",
        1,
    )
    assert item["course_ids"] == [second.pk, first.pk]
    assert _get(client, "programmes").status_code == 401
