"""Completions made on another platform: all or nothing, row-numbered errors, and
counted once however often the file comes (command and API endpoint)."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from courses.models import Enrolment
from reports.models import ApiClient
from tests.factories import (
    CourseFactory,
    OrganisationFactory,
    SchoolClassFactory,
    learner_in,
)

DAY = timezone.localdate() - timedelta(days=30)


@pytest.fixture
def learners(db, home_page):
    school = OrganisationFactory(code="S1")
    other = OrganisationFactory(code="S2")
    course = CourseFactory(parent=home_page)
    new, started, done, elsewhere = (
        learner_in(SchoolClassFactory(organisation=unit), citizen_id=f"00120400010{n}")
        for n, unit in enumerate((school, school, school, other))
    )
    Enrolment.objects.create(user=started, course=course, organisation=school)
    Enrolment.objects.create(
        user=done,
        course=course,
        organisation=school,
        completed_at=timezone.now() - timedelta(days=2),
        status="completed",
    )
    return {
        "school": school,
        "course": course,
        "new": new,
        "started": started,
        "done": done,
        "elsewhere": elsewhere,
    }


def _state(course):
    return sorted(
        Enrolment.objects.filter(course=course).values_list(
            "user_id", "status", "source", "completed_at"
        )
    )


def test_command_is_all_or_nothing_and_counts_once(learners, tmp_path):
    course = learners["course"]
    good = (
        "personal_id,course,completed_on\n"
        f"001204000100,TTS-01,{DAY:%d/%m/%Y}\n"
        f"001204000101,TTS-01,{DAY:%Y-%m-%d}\n"
        f"001204000102,TTS-01,{DAY:%d/%m/%Y}\n"
        f"001204000100,TTS-01,{DAY:%d/%m/%Y}\n"  # the same row twice counts once
    )
    bad = good + "12345,ZZ,31/02/2026\n999999999999,TTS-01,01/01/2999\n"
    path = tmp_path / "completions.csv"
    path.write_text(bad, encoding="utf-8")
    before = _state(course)
    with pytest.raises(CommandError) as refused:
        call_command("import_external_completions", path, map=[f"TTS-01={course.pk}"])
    message = str(refused.value)
    assert "row 6: the personal ID must have exactly 12 digits" in message
    assert "course 'ZZ' is not in the course map" in message
    assert "row 7: no account" in message and "the date must be in the past" in message
    assert _state(course) == before  # nothing written

    path.write_text(good, encoding="utf-8")
    call_command("import_external_completions", path, map=[f"TTS-01={course.pk}"])
    after = {row[0]: row for row in _state(course)}
    assert len(after) == 3
    new = after[learners["new"].pk]
    assert new[1:3] == ("completed", "external")
    assert timezone.localdate(new[3]) == DAY
    assert after[learners["started"].pk][1:3] == ("completed", "self")
    assert after[learners["done"].pk] == {r[0]: r for r in before}[learners["done"].pk]

    call_command("import_external_completions", path, map=[f"TTS-01={course.pk}"])
    assert {row[0]: row for row in _state(course)} == after


def test_import_endpoint_keeps_to_the_clients_learners(client, learners):
    course = learners["course"]
    _reader, reader_token = ApiClient.issue(
        organisation=learners["school"], name="Đọc", scopes=["completions"]
    )
    _importer, token = ApiClient.issue(
        organisation=learners["school"], name="Nền tảng", scopes=["import"]
    )
    body = {
        "course_map": {"TTS-01": course.pk},
        "rows": [
            {
                "personal_id": "001204000100",
                "course": "TTS-01",
                "completed_on": f"{DAY}",
            },
            {
                "personal_id": "001204000103",
                "course": "TTS-01",
                "completed_on": f"{DAY}",
            },
        ],
    }

    def post(payload, bearer=token):
        return client.post(
            "/api/v1/completions/import",
            payload,
            content_type="application/json",
            headers={"Authorization": f"Bearer {bearer}"},
        )

    assert post(body, reader_token).status_code == 403
    refused = post(body)  # row 2 learns at another school: not this client's
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        "row 2: no account (of a learner here) has this personal ID"
    ]
    assert not Enrolment.objects.filter(user=learners["new"]).exists()

    body["rows"].pop()
    assert post(body).json() == {
        "created": 1,
        "completed_existing": 0,
        "already_completed": 0,
    }
    assert post(body).json()["already_completed"] == 1
    assert Enrolment.objects.filter(user=learners["new"]).count() == 1
