"""Course pages (wagtail-factories): the catalogue, a course, its lessons and quiz.

``CourseFactory(parent=home, lessons=3)`` builds the small course most tests learn
on: "Công dân số an toàn" with lessons "Bài 1" … "Bài 3" and a four-question quiz
last. ``build_course`` returns the course with its quiz, for tests that need both.
"""

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from courses.models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    Question,
    QuizPage,
)


def _choice_question(kind, question, choices, explanation=""):
    """A single or multiple choice question from ``(text, correct)`` pairs."""
    return (
        kind,
        {
            "question": question,
            "explanation": explanation,
            "choices": [
                {"text": text, "correct": correct} for text, correct in choices
            ],
        },
    )


def quiz_questions():
    """Four questions; the correct answers are the ones named "đúng"."""
    return [
        _choice_question(
            "single_choice",
            "Mật khẩu nào mạnh nhất?",
            [
                ("123456", False),
                ("Mật khẩu đúng: Tr@ng-Xanh-2026!", True),
                ("ngaysinh", False),
            ],
            explanation="GIAI-THICH-BI-MAT: dài và khó đoán.",
        ),
        _choice_question(
            "multiple_choice",
            "Dấu hiệu lừa đảo?",
            [
                ("Giục chuyển tiền gấp (đúng)", True),
                ("Xin mã OTP (đúng)", True),
                ("Gọi từ số tổng đài in trên thẻ", False),
            ],
        ),
        (
            "true_false",
            {"question": "VNeID là ứng dụng định danh điện tử.", "answer": True},
        ),
        _choice_question(
            "single_choice",
            "Khi nghi ngờ, nên làm gì?",
            [("Dừng lại và kiểm chứng (đúng)", True), ("Làm theo ngay", False)],
        ),
    ]


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Khóa học"
    slug = "khoa-hoc"


def course_catalogue(home):
    """The course index under ``home``, made the first time a course needs it."""
    found = CourseIndexPage.objects.child_of(home).first()
    return found or CourseIndexPageFactory(parent=home)


class LessonPageFactory(wagtail_factories.PageFactory):
    """Lesson ``number``: "Bài 2" at ``bai-2``, with one paragraph of text."""

    class Meta:
        model = LessonPage

    class Params:
        number = 1

    title = factory.LazyAttribute(lambda lesson: f"Bài {lesson.number}")
    slug = factory.LazyAttribute(lambda lesson: f"bai-{lesson.number}")
    body = factory.LazyAttribute(
        lambda lesson: [("text", RichText(f"<p>Nội dung bài {lesson.number}</p>"))]
    )


class QuizPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = QuizPage

    title = "Bài kiểm tra"
    slug = "bai-kiem-tra"
    questions = factory.LazyFunction(quiz_questions)


class CourseFactory(wagtail_factories.PageFactory):
    """A course in the catalogue under ``parent`` (the home page).

    ``lessons=N`` numbered lessons (3 by default), then the quiz unless
    ``quiz=False``; other keywords are the course's fields.
    """

    class Meta:
        model = CoursePage
        skip_postgeneration_save = True

    title = "Công dân số an toàn"
    slug = "an-toan-so"
    summary = "Khóa học thử"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["parent"] = course_catalogue(kwargs["parent"])
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def lessons(course, create, extracted, **kwargs):
        count = 3 if extracted is None else extracted
        for number in range(1, count + 1):
            LessonPageFactory(parent=course, number=number)

    @factory.post_generation
    def quiz(course, create, extracted, **kwargs):
        if extracted is not False:
            QuizPageFactory(parent=course, **kwargs)


def build_course(home, *, lessons=3, **course_fields):
    """The course and its quiz, for the tests that use both."""
    course = CourseFactory(parent=home, lessons=lessons, quiz=False, **course_fields)
    return course, QuizPageFactory(parent=course)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A single choice question in ``bank``.

    ``answers`` are ``(text, correct)`` pairs that make its choices; ``tags``
    (competence tags) are added once it is saved.
    """

    class Meta:
        model = Question
        skip_postgeneration_save = True

    class Params:
        answers = ()

    kind = Question.Kind.SINGLE
    text = factory.Sequence(lambda n: f"Câu hỏi số {n}?")
    choices = factory.LazyAttribute(
        lambda question: [
            ("choice", {"text": text, "correct": correct})
            for text, correct in question.answers
        ]
    )

    @factory.post_generation
    def tags(question, create, extracted, **kwargs):
        if extracted:
            question.tags.add(*extracted)  # a parental relation: kept on save
            question.save()
