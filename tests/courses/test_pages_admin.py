"""Editors build courses in the Wagtail admin: page tree rules and quiz validation."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CourseIndexPage, CoursePage, LessonPage, QuizPage
from home.models import HomePage
from tests.factories import CourseFactory


def list_block(items):
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
        for i, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def quiz_form(choices):
    return nested_form_data(
        {
            "title": "Bài kiểm tra cuối khóa",
            "slug": "kiem-tra-cuoi-khoa",
            "intro": "Chọn đáp án đúng.",
            "required": "on",
            "kind": "practice",
            # As the admin form arrives, pre-filled with the defaults.
            "review_which_wrong": "immediately",
            "review_answers": "passed_or_last",
            "questions": streamfield(
                [
                    (
                        "single_choice",
                        {
                            "question": "Mật khẩu nào mạnh nhất?",
                            "explanation": "",
                            "choices": list_block(choices),
                        },
                    ),
                    ("true_false", {"question": "VNeID là ứng dụng.", "answer": "on"}),
                ]
            ),
        }
    )


@pytest.mark.django_db
class TestCoursePagesInTheAdmin(WagtailPageTestCase):
    def setUp(self):
        self.admin = self.login()  # a superuser
        home = HomePage.objects.first()
        self.course = CourseFactory(parent=home)

    def test_page_tree_rules(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage, QuizPage})
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedParentPageTypes(QuizPage, {CoursePage})
        self.assertCanNotCreateAt(HomePage, LessonPage)

    def test_editor_creates_a_lesson(self):
        data = nested_form_data(
            {
                "title": "Bài mới",
                "slug": "bai-moi",
                "intro": "",
                "duration_minutes": "10",
                "body": streamfield([("text", rich_text("<p>Nội dung mới</p>"))]),
            }
        )
        self.assertCanCreate(self.course, LessonPage, data)

    def test_editor_creates_a_valid_quiz(self):
        data = quiz_form(
            [
                {"text": "123456", "correct": ""},
                {"text": "Tr@ng-Xanh-2026", "correct": "on"},
            ]
        )
        self.assertCanCreate(self.course, QuizPage, data)
        quiz = QuizPage.objects.get(slug="kiem-tra-cuoi-khoa")
        question = quiz.questions[0].value
        assert [c["correct"] for c in question["choices"]] == [False, True]
        assert (quiz.review_which_wrong, quiz.review_answers) == (
            "immediately",
            "passed_or_last",
        )

    def test_new_quiz_form_offers_the_safe_review_defaults(self):
        url = reverse(
            "wagtailadmin_pages:add",
            args=("courses", "quizpage", self.course.pk),
        )
        html = self.client.get(url).content.decode()
        for field, value in (
            ("review_which_wrong", "immediately"),
            ("review_answers", "passed_or_last"),
        ):
            select = re.search(
                rf'<select name="{field}".*?</select>', html, flags=re.S
            ).group(0)
            assert re.search(rf'<option value="{value}" selected>', select)
        # The course's own setting is gone; a new course allows three attempts.
        assert "show_answers_after_submit" not in html
        assert CoursePage().attempt_limit == 3

    def test_single_choice_needs_exactly_one_correct_answer(self):
        url = reverse(
            "wagtailadmin_pages:add",
            args=("courses", "quizpage", self.course.pk),
        )
        data = quiz_form(
            [{"text": "A", "correct": "on"}, {"text": "B", "correct": "on"}]
        )
        response = self.client.post(url, data)
        assert response.status_code == 200  # the form again, with the error
        assert not Page.objects.filter(slug="kiem-tra-cuoi-khoa").exists()
        html = response.content.decode()
        message = "Cần đúng một phương án được đánh dấu đúng."
        # block errors travel to the editor's widgets as JSON
        assert message in html or json.dumps(message)[1:-1] in html
