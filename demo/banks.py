"""Demo question banks: each course quiz's questions live in a bank of their own,
and the demo exam draws from a larger bank.

Banks are matched by name and questions by their text within the bank: what exists
is kept as it is (an editor may have improved it), only what is missing is added.
A course quiz's bank is named "<course> — <quiz>", the name migration courses/0008
gives the bank it makes from a quiz's inline questions, so an install whose quizzes
were migrated finds its banks instead of making copies.
"""

from courses.models import CompetenceTag, CoursePage, Question, QuestionBank, QuizPage
from people.models import Membership, SchoolClass, User

from . import exam

SCHOOL_CODE = "19-T01"
EXAM_CLASS = "10A1"  # the demo student's class (account "hocsinh")
EXAM_COORDINATOR = "giaovien"


def bank_name(course_spec):
    return f"{course_spec['title']} — {course_spec['quiz']['title']}"


def _tags_by_key(keys):
    """The tags among ``keys`` that exist; the tag lists may not be loaded yet."""
    wanted = {tuple(key.split(":", 1)) for key in keys}
    found = CompetenceTag.objects.filter(code__in={code for _, code in wanted})
    return {tag.key: tag for tag in found if (tag.framework, tag.code) in wanted}


def _new_question(bank, spec):
    value = spec["value"]
    question = Question(
        bank=bank,
        kind=spec["type"],
        text=value["question"],
        explanation=value.get("explanation", ""),
        answer=bool(value.get("answer", False)),
        choices=[("choice", choice) for choice in value.get("choices", [])],
    )
    question.full_clean()  # a demo question with two right single answers fails here
    question.save()
    return question


def ensure_bank(name, description, specs):
    """The bank called ``name`` holding a question for each spec, in spec order.

    Specs are the question dicts of ``reader.question``; their "tags" keys
    are attached when those tags exist (missing ones are added on a later run).
    Returns (bank, questions in spec order, how many questions were created).
    """
    bank = QuestionBank.objects.filter(name=name).first()
    if bank is None:
        bank = QuestionBank.objects.create(name=name, description=description)
    existing = {}
    for question in bank.questions.prefetch_related("tags").order_by("pk"):
        existing.setdefault(question.text, question)
    tags = _tags_by_key({key for spec in specs for key in spec.get("tags", [])})
    questions, created = [], 0
    for spec in specs:
        question = existing.get(spec["value"]["question"])
        if question is None:
            question = _new_question(bank, spec)
            have, created = set(), created + 1
        else:
            have = {tag.key for tag in question.tags.all()}
        missing = [tags[k] for k in spec.get("tags", []) if k in tags and k not in have]
        if missing:
            question.tags.add(*missing)
            question.save()  # a parental relation: saved with the question
        questions.append(question)
    return bank, questions, created


def quiz_slots(course_spec):
    """A course quiz's slots: each of its questions fixed, from the course's bank."""
    _, questions, _ = ensure_bank(
        bank_name(course_spec),
        f"Câu hỏi của “{course_spec['quiz']['title']}”.",
        course_spec["quiz"]["questions"],
    )
    return [{"type": "bank_question", "value": q.pk} for q in questions]


def load_exam_bank():
    """The exam bank, completed on every run: questions missing from it are added,
    and tags that have appeared since the last run are attached (the tag lists are
    loaded by a migration of their own). Returns how many questions were created."""
    return ensure_bank(exam.BANK_NAME, exam.BANK_DESCRIPTION, exam.QUESTIONS)[2]


def exam_slots():
    """The demo exam's one slot: draw ``DRAW_COUNT`` questions from the exam bank."""
    bank = QuestionBank.objects.get(name=exam.BANK_NAME)  # load_exam_bank made it
    return [
        {
            "type": "draw",
            "value": {"bank": bank.pk, "count": exam.DRAW_COUNT, "tag": None},
        }
    ]


def exam_quiz():
    """The demo exam's page, or None when it is missing."""
    spec = exam.EXAM_COURSE
    course = CoursePage.objects.filter(slug=spec["slug"]).first()
    if course is None:
        return None
    return QuizPage.objects.child_of(course).filter(slug=spec["quiz"]["slug"]).first()


# ----------------------------------------------------------- exam windows (issue 15.4)


def open_demo_exam():
    """Make the demo exam an exam and open it for class 10A1.

    Works before and after ``QuizPage.kind`` exists (another part of issue 15
    adds it): without the field nothing happens. Done once: the class's window,
    once there, marks the exam as set up, and what a coordinator changes later
    (closing it, say) is kept. Returns 1 when it set the exam up, else 0.
    """
    from courses.exam_windows import set_quiz_window
    from courses.models import QuizWindow

    quiz = exam_quiz()
    if quiz is None or not hasattr(quiz, "kind"):
        return 0
    school_class = SchoolClass.objects.filter(
        organisation__code=SCHOOL_CODE, name=EXAM_CLASS
    ).first()
    if school_class is None:
        return 0
    if QuizWindow.objects.filter(quiz=quiz, school_class=school_class).exists():
        return 0
    if quiz.kind != "exam":
        quiz.kind = "exam"
        quiz.save_revision().publish()
    coordinator = User.objects.filter(
        username=EXAM_COORDINATOR,
        memberships__role=Membership.Role.COORDINATOR,
        memberships__organisation=school_class.organisation,
    ).first()
    set_quiz_window(school_class, quiz, True, by=coordinator)
    return 1
