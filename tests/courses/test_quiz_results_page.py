"""The coordinator's results of a class on one quiz: rows per learner, focus
signals, flagged pairs; only for the class's coordinator; bounded queries."""

from datetime import timedelta

import pytest
from django.urls import reverse

from courses import focus, quiz
from courses.enrolment import enrol_class
from courses.models import Enrolment, QuizPage
from people.models import Membership
from tests.courses.test_papers import make_bank
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SchoolClassFactory,
    build_course,
    learner_in,
)

pytestmark = pytest.mark.django_db

SIGNAL_WORDING = "Tín hiệu để thầy cô xem xét, không phải kết luận vi phạm"


@pytest.fixture
def school():
    return OrganisationFactory(kind="school")


@pytest.fixture
def school_class(school):
    return SchoolClassFactory(organisation=school, name="10A1")


@pytest.fixture
def coordinator(school):
    return MembershipFactory(organisation=school, role=Membership.Role.COORDINATOR).user


def add_learners(school_class, names):
    return [learner_in(school_class, full_name=name) for name in names]


@pytest.fixture
def exam(home_page, school_class, coordinator):
    """A six-question paper drawn from a bank of six, the class enrolled."""
    bank = make_bank(size=6)
    course, quiz_page = build_course(home_page, slug="thi-chung-chi")
    quiz_page.questions = [("draw", {"bank": bank, "count": 6, "tag": None})]
    quiz_page.save_revision().publish()
    quiz_page = QuizPage.objects.get(pk=quiz_page.pk)
    return course, quiz_page


def take(learner, course, quiz_page, wrong_cids, *, right=()):
    """Submit an attempt: ``wrong_cids`` {question text: cid}; ``right`` texts."""
    enrolment = Enrolment.objects.get(user=learner, course=course)
    attempt = quiz.start_attempt(enrolment, quiz_page, course=course)
    answers = {}
    for question in attempt.snapshot:
        if question["text"] in wrong_cids:
            cid = wrong_cids[question["text"]]
            answers[question["key"]] = [
                c["key"] for c in question["choices"] if c["cid"] == cid
            ]
        elif question["text"] in right:
            answers[question["key"]] = list(question["correct"])
    quiz.submit_attempt(attempt, answers)
    return attempt


def results_url(school_class, quiz_page):
    return reverse("class_courses:quiz_results", args=[school_class.pk, quiz_page.pk])


def texts(n):
    return [f"Câu hỏi số {i}?" for i in range(n)]


def test_the_coordinator_sees_rows_focus_signals_and_flagged_pairs(
    client, school_class, coordinator, exam
):
    course, quiz_page = exam
    an, binh, chi, dung = add_learners(
        school_class, ["Trần Thị Bình", "Lê Văn An", "Phạm Chi", "Đỗ Dũng"]
    )
    enrol_class(school_class, course, by=coordinator)
    same = dict.fromkeys(texts(5), 2)  # "Sai nữa" on five questions
    first = take(an, course, quiz_page, same)
    take(binh, course, quiz_page, same, right=texts(6)[5:])
    take(chi, course, quiz_page, dict.fromkeys(texts(5), 1))  # other wrong choice
    open_attempt = quiz.start_attempt(
        Enrolment.objects.get(user=dung, course=course), quiz_page, course=course
    )
    open_attempt.started_at -= timedelta(minutes=10)  # time away fits in the attempt
    open_attempt.save(update_fields=["started_at"])
    focus.record(open_attempt, 3, 150)
    first.refresh_from_db()

    client.force_login(coordinator)
    response = client.get(results_url(school_class, quiz_page))
    assert response.status_code == 200
    html = response.text
    assert SIGNAL_WORDING in html
    assert "vi phạm" not in html.replace(SIGNAL_WORDING, "")  # no verdict anywhere
    rows = {row.full_name: row for row in response.context["learners"]}
    assert rows["Đỗ Dũng"].lost_count == 3
    assert rows["Đỗ Dũng"].away_minutes == 2.5
    assert rows["Đỗ Dũng"].attempts == 0 and rows["Đỗ Dũng"].in_progress == 1
    assert rows["Lê Văn An"].passed is False
    assert rows["Trần Thị Bình"].best is not None
    assert "2,5" in html  # minutes away, Vietnamese decimal comma
    # Sorted the Vietnamese way: by given name.
    assert [row.full_name for row in response.context["learners"]] == [
        "Lê Văn An",
        "Trần Thị Bình",
        "Phạm Chi",
        "Đỗ Dũng",
    ]
    [pair] = response.context["pairs"]
    names = {pair.first[0].full_name, pair.second[0].full_name}
    assert names == {"Lê Văn An", "Trần Thị Bình"}
    assert len(pair.shared) == 5
    assert "5 câu sai giống nhau" in html
    assert "Câu hỏi số 0?" in html and "“Sai nữa 0”" in html


def test_no_pairs_says_so(client, school_class, coordinator, exam):
    course, quiz_page = exam
    an, binh = add_learners(school_class, ["Lê Văn An", "Trần Thị Bình"])
    enrol_class(school_class, course, by=coordinator)
    four = dict.fromkeys(texts(4), 2)
    take(an, course, quiz_page, four)
    take(binh, course, quiz_page, four)
    client.force_login(coordinator)
    response = client.get(results_url(school_class, quiz_page))
    assert response.context["pairs"] == []
    assert "Không có cặp bài làm nào" in response.text


def test_the_class_courses_page_links_each_quiz_to_its_results(
    client, school_class, coordinator, exam
):
    course, quiz_page = exam
    enrol_class(school_class, course, by=coordinator)
    client.force_login(coordinator)
    html = client.get(reverse("class_courses:list", args=[school_class.pk])).text
    assert results_url(school_class, quiz_page) in html
    assert "Kết quả và tín hiệu" in html


def test_only_the_class_coordinator_gets_in(client, school_class, coordinator, exam):
    course, quiz_page = exam
    enrol_class(school_class, course, by=coordinator)
    url = results_url(school_class, quiz_page)
    assert client.get(url).status_code == 302  # to sign in
    other_school = OrganisationFactory(kind="school")
    for user in (
        MembershipFactory(
            organisation=other_school, role=Membership.Role.COORDINATOR
        ).user,
        add_learners(school_class, ["Lê Văn An"])[0],
        MembershipFactory(
            organisation=school_class.organisation, role=Membership.Role.VIEWER
        ).user,
    ):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_a_quiz_the_class_does_not_take_is_a_404(
    client, home_page, school_class, coordinator, exam
):
    course, quiz_page = exam
    client.force_login(coordinator)
    # Not enrolled yet: nothing to show.
    assert client.get(results_url(school_class, quiz_page)).status_code == 404
    enrol_class(school_class, course, by=coordinator)
    _other_course, other_quiz = build_course(home_page, slug="khoa-khac")
    assert client.get(results_url(school_class, other_quiz)).status_code == 404
    for bad in (course.pk, 999_999):  # a page that is no quiz, an id nobody has
        url = reverse("class_courses:quiz_results", args=[school_class.pk, bad])
        assert client.get(url).status_code == 404
    quiz_page.unpublish()
    assert client.get(results_url(school_class, quiz_page)).status_code == 404


def test_queries_do_not_grow_with_the_class(
    client, school_class, coordinator, exam, django_assert_max_num_queries
):
    course, quiz_page = exam
    learners = add_learners(school_class, [f"Học Viên {n}" for n in range(30)])
    enrol_class(school_class, course, by=coordinator)
    same = dict.fromkeys(texts(5), 2)
    for learner in learners:
        take(learner, course, quiz_page, same)
        take(learner, course, quiz_page, dict.fromkeys(texts(6), 1))
    client.force_login(coordinator)
    client.get(results_url(school_class, quiz_page))  # makes the site's settings row
    # Sign-in and scope (3), the quiz and its class (2), learners, aggregates,
    # papers (3), site settings (1): nine with any number of learners.
    with django_assert_max_num_queries(10):
        response = client.get(results_url(school_class, quiz_page))
    assert len(response.context["learners"]) == 30
    # 30 learners with two attempts each: every pair of learners shares both
    # patterns' attempts (2 × 2 pairs per pair of learners).
    assert len(response.context["pairs"]) == 30 * 29 // 2 * 2
