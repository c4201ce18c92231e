"""The demo's bank-drawn exam: a bank of good questions, a quiz drawing 10 of them,
competence tags attached when the tag lists exist, and nothing made twice."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from wagtail.models import Page, Site

from courses.models import (
    CompetenceTag,
    CoursePage,
    Enrolment,
    Question,
    QuestionBank,
    QuizPage,
    QuizWindow,
)
from courses.papers import check_slots, draw_paper, paper_length
from demo import banks, exam
from home.models import HomePage
from people.models import User

EXAM_URL_PART = "/thi-ky-nang-so-dich-vu-cong/bai-thi/"


def run_load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def ensure_site_home():
    """The default site's home page, remade if a transactional test flushed it."""
    cache.clear()  # Wagtail caches the site root paths
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Trang chủ", slug="trang-chu")
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_site_home()
        yield run_load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def exam_quiz(loaded, db):
    return banks.exam_quiz()


def test_the_exam_bank_has_thirty_good_questions(exam_quiz):
    bank = QuestionBank.objects.get(name=exam.BANK_NAME)
    questions = list(bank.questions.in_use())
    assert len(questions) >= 30
    assert len({q.text for q in questions}) == len(questions)
    assert {q.kind for q in questions} == {
        "single_choice",
        "multiple_choice",
        "true_false",
    }
    for question in questions:
        question.full_clean()  # one right single answer, two choices at least…
        assert question.explanation, question.text
        assert question.version == 1
    # Every question declares competence tags by key ("framework:code").
    for spec in exam.QUESTIONS:
        assert spec["tags"], spec["value"]["question"]
        for key in spec["tags"]:
            framework, code = key.split(":")
            assert framework in CompetenceTag.Framework.values and code


def test_the_exam_draws_ten_shuffled_questions_a_paper(exam_quiz):
    assert exam_quiz.url_path.endswith(EXAM_URL_PART)
    (slot,) = list(exam_quiz.questions)
    assert slot.block_type == "draw"
    assert slot.value["bank"].name == exam.BANK_NAME and slot.value["count"] == 10
    assert paper_length(exam_quiz) == 10 and check_slots(exam_quiz) == []
    assert exam_quiz.shuffle_choices and exam_quiz.shuffle_questions
    course = exam_quiz.get_parent().specific
    assert course.attempt_limit == 3 and course.time_limit_minutes == 20
    assert course.self_enrol

    papers = [draw_paper(exam_quiz, seed) for seed in range(6)]
    assert all(len(paper) == 10 for paper in papers)
    assert all(len({e["qid"] for e in paper}) == 10 for paper in papers)
    assert len({frozenset(e["qid"] for e in paper) for paper in papers}) > 1
    # Choices are shuffled: some question shows its choices out of editor order.
    orders = [[c["cid"] for c in e["choices"]] for p in papers for e in p]
    assert any(order != sorted(order) for order in orders)


def test_course_quizzes_leave_the_review_rules_at_their_defaults(loaded, db):
    # The review settings that exist (issue 15.3 adds its own): all at the default.
    review = {"show_answers_after_submit"} & {
        field.name for field in CoursePage._meta.fields
    }
    for course in CoursePage.objects.all():
        assert course.attempt_limit == 3
        for name in review:
            default = CoursePage._meta.get_field(name).get_default()
            assert getattr(course, name) == default, name


def test_tags_are_attached_once_the_tag_lists_exist(loaded, db):
    """Before the tag lists are loaded the questions have no tags; a later run
    adds the tags now there, and only those (by key)."""
    assert not Question.objects.filter(tags__isnull=False).exists()
    privacy = CompetenceTag.objects.create(framework="tt02", code="4.2", name="Dữ liệu")
    CompetenceTag.objects.create(framework="qd757", code="4.2", name="Khác")

    run_load_demo()

    tagged = Question.objects.filter(tags=privacy)
    expected = {
        s["value"]["question"] for s in exam.QUESTIONS if exam.PRIVACY in s["tags"]
    }
    assert set(tagged.values_list("text", flat=True)) == expected
    assert not Question.objects.filter(tags__framework="qd757").exists()
    assert all(q.version == 1 for q in tagged)  # tags do not make a new version
    before = list(Question.objects.values_list("pk", "updated_at"))
    run_load_demo()
    assert list(Question.objects.values_list("pk", "updated_at")) == before


def test_the_exam_setup_waits_for_quiz_kinds(exam_quiz):
    """The exam windows of issue 15.4: with ``QuizPage.kind`` the demo exam is an
    exam opened for class 10A1; without it the loader leaves the quiz as it is."""
    window = QuizWindow.objects.filter(quiz=exam_quiz).first()
    if hasattr(QuizPage, "kind"):
        assert exam_quiz.kind == "exam"
        assert window.is_open and window.school_class.name == "10A1"
        assert window.changed_by.username == "giaovien"
    else:
        assert window is None
        assert banks.open_demo_exam() == 0


def test_the_demo_student_can_start_the_exam(exam_quiz):
    student = User.objects.get(username="hocsinh")
    course = exam_quiz.get_parent().specific
    Enrolment.objects.create(user=student, course=course)
    client = Client()
    client.force_login(student)
    page = client.get(exam_quiz.url)
    assert page.status_code == 200
    assert "Bắt đầu làm bài" in page.content.decode()
