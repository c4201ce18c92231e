"""Taking a quiz through the pages: what reaches the browser, and bad input."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import Enrolment, QuizAttempt
from tests.courses.conftest import correct_answers
from tests.factories import UserFactory, build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(signed_in, course, learner):
    Enrolment.objects.create(user=learner, course=course)
    return signed_in


def start(client, quiz_page):
    response = client.post(quiz_page.url + "bat-dau/")
    assert response.status_code == 302
    return response["Location"], QuizAttempt.objects.latest("pk")


def test_attempt_page_never_reveals_answers_or_explanations(enrolled, quiz_page):
    url, attempt = start(enrolled, quiz_page)
    html = enrolled.get(url).text
    assert "GIAI-THICH-BI-MAT" not in html
    # Inputs of correct and wrong choices look the same apart from their random keys.
    inputs = re.findall(r"<input[^>]*name=\"[0-9a-f]{8}\"[^>]*>", html)
    assert len(inputs) == 3 + 3 + 2 + 2
    shapes = {re.sub(r"[0-9a-f]{8}", "KEY", tag) for tag in inputs}
    assert shapes == {
        '<input type="radio" name="KEY" value="KEY" id="c-KEY">',
        '<input type="checkbox" name="KEY" value="KEY" id="c-KEY">',
    }
    correct = {k for q in attempt.snapshot for k in q["correct"]}
    assert all(key in html for key in correct)  # present, but unmarked


def test_autosave_survives_a_reload_and_submit_scores_on_the_server(
    enrolled, quiz_page
):
    url, attempt = start(enrolled, quiz_page)
    answers = correct_answers(attempt)
    first = attempt.snapshot[0]
    response = enrolled.post(
        reverse("courses:autosave", args=[attempt.pk]),
        json.dumps({"answers": {first["key"]: answers[first["key"]]}}),
        content_type="application/json",
    )
    assert response.status_code == 200
    html = enrolled.get(url).text
    chosen = answers[first["key"]][0]
    assert f'value="{chosen}" id="c-{chosen}" checked' in html

    response = enrolled.post(url + "nop/", answers)
    assert response["Location"] == url + "ket-qua/"
    result = enrolled.get(url + "ket-qua/")
    assert "100\u00a0%" in result.text
    # Passed: under the default rules the key and explanations now show.
    assert "GIAI-THICH-BI-MAT" in result.text
    assert "(đáp án đúng)" in result.text
    attempt.refresh_from_db()
    assert attempt.passed is True


def test_failed_attempt_shows_which_were_wrong_but_not_the_key(enrolled, quiz_page):
    """The default rules: which questions were wrong at once; the key and the
    explanations only after passing or the last attempt."""
    url, attempt = start(enrolled, quiz_page)
    enrolled.post(url + "nop/", {})
    html = enrolled.get(url + "ket-qua/").text
    assert "GIAI-THICH-BI-MAT" not in html
    assert "(đáp án đúng)" not in html
    assert html.count('class="is-wrong"') == 4
    assert (
        "Đáp án đúng và lời giải thích sẽ hiện khi bạn đạt hoặc đã dùng hết số lần "
        "làm bài." in html
    )


def test_forged_choice_changes_nothing(enrolled, quiz_page):
    url, attempt = start(enrolled, quiz_page)
    question = attempt.snapshot[0]["key"]
    response = enrolled.post(
        reverse("courses:autosave", args=[attempt.pk]),
        json.dumps({"answers": {question: ["deadbeef"]}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "không khớp" in response.json()["error"]
    response = enrolled.post(url + "nop/", {question: "deadbeef"}, follow=True)
    assert "không khớp" in response.text
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert attempt.answers == {}


def test_garbage_autosave_body_is_a_clear_400(enrolled, quiz_page):
    url, attempt = start(enrolled, quiz_page)
    response = enrolled.post(
        reverse("courses:autosave", args=[attempt.pk]),
        "{not json",
        content_type="application/json",
    )
    assert response.status_code == 400


def test_another_learners_attempt_is_404_everywhere(client, course, quiz_page):
    owner, intruder = UserFactory(), UserFactory()
    for user in (owner, intruder):
        Enrolment.objects.create(user=user, course=course)
    client.force_login(owner)
    url, attempt = start(client, quiz_page)
    answers = correct_answers(attempt)

    client.force_login(intruder)
    assert client.get(url).status_code == 404
    assert client.get(url + "ket-qua/").status_code == 404
    assert client.post(url + "nop/", answers).status_code == 404
    response = client.post(
        reverse("courses:autosave", args=[attempt.pk]),
        json.dumps({"answers": answers}),
        content_type="application/json",
    )
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and attempt.answers == {}


def test_attempt_of_another_quiz_is_404(enrolled, home_page, quiz_page, learner):
    other_course, other_quiz = build_course(home_page, slug="khac")
    Enrolment.objects.create(user=learner, course=other_course)
    _url, attempt = start(enrolled, other_quiz)
    assert enrolled.get(f"{quiz_page.url}lan/{attempt.pk}/").status_code == 404


def test_resubmission_is_a_no_op_with_a_message(enrolled, quiz_page):
    url, attempt = start(enrolled, quiz_page)
    enrolled.post(url + "nop/", {})
    response = enrolled.post(url + "nop/", correct_answers(attempt), follow=True)
    assert "đã được nộp" in response.text
    attempt.refresh_from_db()
    assert attempt.score == 0


def test_attempt_limit_is_shown_and_enforced(enrolled, course, quiz_page):
    course.attempt_limit = 1
    course.save_revision().publish()
    url, _attempt = start(enrolled, quiz_page)
    enrolled.post(url + "nop/", {})
    response = enrolled.post(quiz_page.url + "bat-dau/", follow=True)
    assert "Bạn đã dùng hết số lần làm bài" in response.text
    assert QuizAttempt.objects.count() == 1


def test_unenrolled_learner_cannot_start(signed_in, quiz_page):
    response = signed_in.post(quiz_page.url + "bat-dau/")
    assert response.status_code == 302
    assert not QuizAttempt.objects.exists()


@pytest.mark.parametrize("copies", [1, 5])
def test_quiz_pages_queries_do_not_grow_with_questions(
    client, home_page, copies, django_assert_max_num_queries
):
    course, quiz_page = build_course(home_page)
    quiz_page.questions = list(quiz_page.questions.raw_data) * copies
    quiz_page.save_revision().publish()
    user = UserFactory()
    Enrolment.objects.create(user=user, course=course)
    client.force_login(user)
    url, _attempt = start(client, quiz_page)
    client.get(url)
    with django_assert_max_num_queries(15):
        assert client.get(quiz_page.url).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


def test_editor_preview_shows_the_key_and_records_nothing(quiz_page, rf):
    from tests.factories import UserFactory as Users

    request = rf.get("/")
    request.user = Users(is_superuser=True, is_staff=True)
    response = quiz_page.make_preview_request(request)
    html = response.content.decode()
    assert "GIAI-THICH-BI-MAT" in html
    assert "Xem trước cho biên tập viên" in html
    assert not QuizAttempt.objects.exists()


def test_autosave_needs_the_owners_session_and_an_enrolment_not_withdrawn(
    enrolled, quiz_page
):
    _url, attempt = start(enrolled, quiz_page)
    first = attempt.snapshot[0]
    body = json.dumps(
        {"answers": {first["key"]: correct_answers(attempt)[first["key"]]}}
    )
    save = reverse("courses:autosave", args=[attempt.pk])

    anonymous = Client().post(save, body, content_type="application/json")
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]

    Enrolment.objects.filter(pk=attempt.enrolment_id).update(
        status=Enrolment.Status.WITHDRAWN
    )
    assert enrolled.post(save, body, content_type="application/json").status_code == 404
    attempt.refresh_from_db()
    assert attempt.answers == {}
