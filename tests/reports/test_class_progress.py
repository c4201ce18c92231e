"""The class progress table: numbers, filters, query count and exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses import quiz
from courses.completion import mark_lesson_done
from courses.enrolment import enrol_class
from courses.models import Enrolment, LessonPage
from tests.courses.conftest import correct_answers
from tests.factories import (
    LearnerMembershipFactory,
    SchoolClassFactory,
    build_course,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(school_a, home_page):
    course, quiz_page = build_course(home_page)
    school_class = SchoolClassFactory(organisation=school_a, name="10A1")
    names = ["Trần Văn Bình", '=HYPERLINK("http://x")', "Nguyễn Thị Ánh", "Lê An"]
    for name in names:
        LearnerMembershipFactory(user__full_name=name, school_class=school_class)
    enrol_class(school_class, course)
    lessons = list(LessonPage.objects.child_of(course))
    by_name = {e.user.full_name: e for e in Enrolment.objects.select_related("user")}
    mark_lesson_done(by_name["Trần Văn Bình"], lessons[0])
    done = by_name["Nguyễn Thị Ánh"]
    for lesson in lessons:
        mark_lesson_done(done, lesson)
    attempt = quiz.start_attempt(done, quiz_page, course=course)
    quiz.submit_attempt(attempt, correct_answers(attempt))
    by_name["Lê An"].delete()  # joined after enrolment: not enrolled
    return school_class, course


def test_progress_numbers_and_order(client, coordinator_a, setup):
    school_class, course = setup
    client.force_login(coordinator_a)
    response = client.get(reverse("class_progress:progress", args=[school_class.pk]))
    rows = {r.full_name: r for r in response.context["rows"]}
    assert response.context["total"] == 4
    assert rows["Nguyễn Thị Ánh"].items_done == 4
    assert rows["Nguyễn Thị Ánh"].completed_at is not None
    assert rows["Nguyễn Thị Ánh"].best_score == 100
    assert rows["Trần Văn Bình"].items_done == 1
    assert rows["Lê An"].enrolment_id is None
    names = [r.full_name for r in response.context["rows"]]
    assert (
        names.index("Lê An")
        < names.index("Nguyễn Thị Ánh")
        < names.index("Trần Văn Bình")
    )


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("completed", {"Nguyễn Thị Ánh"}),
        ("in_progress", {"Trần Văn Bình"}),
        ("not_started", {'=HYPERLINK("http://x")'}),
        ("not_enrolled", {"Lê An"}),
    ],
)
def test_status_filter(client, coordinator_a, setup, status, expected):
    school_class, _course = setup
    client.force_login(coordinator_a)
    response = client.get(
        reverse("class_progress:progress", args=[school_class.pk]),
        {"trang-thai": status},
    )
    assert {r.full_name for r in response.context["rows"]} == expected


def test_query_count_does_not_grow_with_the_class(
    client, coordinator_a, setup, school_a, django_assert_max_num_queries
):
    school_class, course = setup
    client.force_login(coordinator_a)
    url = reverse("class_progress:progress", args=[school_class.pk])
    client.get(url)
    with django_assert_max_num_queries(14) as small:
        client.get(url)
    for _ in range(20):
        LearnerMembershipFactory(school_class=school_class)
    enrol_class(school_class, course)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_csv_export_is_excel_friendly_and_neutralises_formulas(
    client, coordinator_a, setup
):
    school_class, _course = setup
    client.force_login(coordinator_a)
    response = client.get(
        reverse("class_progress:progress_csv", args=[school_class.pk])
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[1] for row in rows[1:]]
    assert "Nguyễn Thị Ánh" in names
    assert '\'=HYPERLINK("http://x")' in names


def test_xlsx_export_has_a_header_block_and_no_formulas(client, coordinator_a, setup):
    school_class, course = setup
    client.force_login(coordinator_a)
    response = client.get(
        reverse("class_progress:progress_xlsx", args=[school_class.pk])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert course.title in values[1][0]
    flat = [v for row in values for v in row if isinstance(v, str)]
    assert "Nguyễn Thị Ánh" in flat
    assert not any(v.startswith("=") for v in flat)


def test_completed_rows_link_to_the_issued_certificate(
    client, coordinator_a, setup, django_capture_on_commit_callbacks
):
    from certificates.issuing import request_certificate
    from certificates.models import Certificate

    school_class, _course = setup
    completed = Enrolment.objects.get(completed_at__isnull=False)
    with django_capture_on_commit_callbacks(execute=True):  # eager Celery renders it
        request_certificate(completed)
    client.force_login(coordinator_a)
    response = client.get(reverse("class_progress:progress", args=[school_class.pk]))
    certificate = Certificate.objects.get(status=Certificate.Status.ISSUED)
    rows = {r.full_name: r for r in response.context["rows"]}
    url = reverse("certificates:download", args=[certificate.verification_code])
    assert rows["Nguyễn Thị Ánh"].certificate_url == url
    assert rows["Trần Văn Bình"].certificate_url == ""
    assert client.get(url)["Content-Type"] == "application/pdf"
