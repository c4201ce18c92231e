"""A small course to learn on: three lessons and a four-question quiz."""

import pytest
from wagtail.rich_text import RichText

from courses.models import Audience, CourseIndexPage, CoursePage, LessonPage, QuizPage
from tests.factories import UserFactory


def quiz_questions():
    """Four questions; the correct answers are the ones named "đúng"."""
    return [
        (
            "single_choice",
            {
                "question": "Mật khẩu nào mạnh nhất?",
                "explanation": "GIAI-THICH-BI-MAT: dài và khó đoán.",
                "choices": [
                    {"text": "123456", "correct": False},
                    {"text": "Mật khẩu đúng: Tr@ng-Xanh-2026!", "correct": True},
                    {"text": "ngaysinh", "correct": False},
                ],
            },
        ),
        (
            "multiple_choice",
            {
                "question": "Dấu hiệu lừa đảo?",
                "explanation": "",
                "choices": [
                    {"text": "Giục chuyển tiền gấp (đúng)", "correct": True},
                    {"text": "Xin mã OTP (đúng)", "correct": True},
                    {"text": "Gọi từ số tổng đài in trên thẻ", "correct": False},
                ],
            },
        ),
        (
            "true_false",
            {"question": "VNeID là ứng dụng định danh điện tử.", "answer": True},
        ),
        (
            "single_choice",
            {
                "question": "Khi nghi ngờ, nên làm gì?",
                "explanation": "",
                "choices": [
                    {"text": "Dừng lại và kiểm chứng (đúng)", "correct": True},
                    {"text": "Làm theo ngay", "correct": False},
                ],
            },
        ),
    ]


def build_course(home, *, lessons=3, slug="an-toan-so", **course_fields):
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=CourseIndexPage(title="Khóa học", slug="khoa-hoc")
        )
    course = index.add_child(
        instance=CoursePage(
            title="Công dân số an toàn",
            slug=slug,
            summary="Khóa học thử",
            **course_fields,
        )
    )
    for n in range(1, lessons + 1):
        course.add_child(
            instance=LessonPage(
                title=f"Bài {n}",
                slug=f"bai-{n}",
                body=[("text", RichText(f"<p>Nội dung bài {n}</p>"))],
            )
        )
    quiz = course.add_child(
        instance=QuizPage(
            title="Bài kiểm tra", slug="bai-kiem-tra", questions=quiz_questions()
        )
    )
    return course, quiz


@pytest.fixture
def course_and_quiz(home_page):
    return build_course(home_page)


@pytest.fixture
def course(course_and_quiz):
    return course_and_quiz[0]


@pytest.fixture
def quiz_page(course_and_quiz):
    return course_and_quiz[1]


@pytest.fixture
def learner(db):
    return UserFactory(username="hocsinh", full_name="Nguyễn Văn An")


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def audience(db):
    return Audience.objects.create(name="Đoàn viên", slug="doan-vien")


def correct_answers(attempt):
    return {q["key"]: list(q["correct"]) for q in attempt.snapshot}


def wrong_answers(attempt):
    answers = {}
    for question in attempt.snapshot:
        wrong = [
            c["key"] for c in question["choices"] if c["key"] not in question["correct"]
        ]
        answers[question["key"]] = wrong[:1]
    return answers


@pytest.fixture
def exam(home_page):
    """A class of three enrolled in a course whose quiz is an exam (30 min, 2 tries)."""
    from tests.courses.exam_fixtures import make_exam_class

    return make_exam_class(home_page, time_limit_minutes=30, attempt_limit=2)
