"""The migration that moves quizzes' inline questions into banks changes no past
result: snapshots, scores and correctness stay; results are linked to the new bank
questions only where the question served is the same."""

import copy
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import UserFactory

MIGRATION = "inline_quiz_questions_into_banks"


def _nodes():
    """(the migration, the one before it), found by name: the lead renumbers."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    (node,) = [n for n in graph.nodes if n[0] == "courses" and n[1].endswith(MIGRATION)]
    (before,) = [p for p in graph.node_map[node].parents if p.key[0] == "courses"]
    return node, before.key


def _migrate(target=None):
    """Migrate to ``target``, or to the latest state of every app."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target] if target else executor.loader.graph.leaf_nodes())
    return executor.loader.project_state([target]).apps if target else None


def _blocks():
    return [
        {
            "type": "single_choice",
            "id": "b-1",
            "value": {
                "question": "Mật khẩu nào mạnh nhất?",
                "explanation": "Dài và khó đoán.",
                "choices": [
                    {
                        "type": "item",
                        "id": "c1",
                        "value": {"text": "123456", "correct": False},
                    },
                    {
                        "type": "item",
                        "id": "c2",
                        "value": {"text": "Tr@ng-Xanh-2026!", "correct": True},
                    },
                    {
                        "type": "item",
                        "id": "c3",
                        "value": {"text": "ngaysinh", "correct": False},
                    },
                ],
            },
        },
        {
            "type": "multiple_choice",
            "id": "b-2",
            "value": {
                "question": "Dấu hiệu lừa đảo?",
                "explanation": "",
                # The old list format (no item ids) is read as well.
                "choices": [
                    {"text": "Giục chuyển tiền gấp", "correct": True},
                    {"text": "Xin mã OTP", "correct": True},
                    {"text": "Gọi từ tổng đài in trên thẻ", "correct": False},
                ],
            },
        },
        {
            "type": "true_false",
            "id": "b-3",
            "value": {
                "question": "VNeID là ứng dụng định danh.",
                "explanation": "Đúng.",
                "answer": True,
            },
        },
    ]


def _snapshot(first_choices=None):
    """What an attempt made before the migration served: questions shuffled, the
    first question's choices shuffled (``first_choices`` = an edited old version)."""
    return [
        {
            "key": "q-tf",
            "type": "true_false",
            "text": "VNeID là ứng dụng định danh.",
            "explanation": "Đúng.",
            "choices": [{"key": "t", "value": True}, {"key": "f", "value": False}],
            "correct": ["t"],
        },
        {
            "key": "q-pw",
            "type": "single_choice",
            "text": "Mật khẩu nào mạnh nhất?",
            "explanation": "Dài và khó đoán.",
            "choices": first_choices
            or [
                {"key": "p3", "text": "ngaysinh"},
                {"key": "p2", "text": "Tr@ng-Xanh-2026!"},
                {"key": "p1", "text": "123456"},
            ],
            "correct": ["p2"],
        },
        {
            "key": "q-lua",
            "type": "multiple_choice",
            "text": "Dấu hiệu lừa đảo?",
            "explanation": "",
            "choices": [
                {"key": "l2", "text": "Xin mã OTP"},
                {"key": "l1", "text": "Giục chuyển tiền gấp"},
                {"key": "l3", "text": "Gọi từ tổng đài in trên thẻ"},
            ],
            "correct": ["l1", "l2"],
        },
    ]


def _page(apps, model, parent, number, **fields):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="courses", model=model.lower()
    )
    Model = apps.get_model("courses", model)
    return Model.objects.create(
        path=f"{parent.path}{number:04d}",
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{fields['slug']}/",
        draft_title=fields["title"],
        live=True,
        content_type=content_type,
        locale_id=parent.locale_id,
        **fields,
    )


def _attempt(apps, enrolment, quiz, number, snapshot, answers, results):
    QuizAttempt = apps.get_model("courses", "QuizAttempt")
    QuestionResult = apps.get_model("courses", "QuestionResult")
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment,
        quiz=quiz,
        number=number,
        snapshot=snapshot,
        answers=answers,
        question_count=len(snapshot),
        submitted_at=timezone.now() if results else None,
        **(results or {}),
    )
    if results:
        for position, entry in enumerate(snapshot):
            chosen = sorted(answers.get(entry["key"], []))
            QuestionResult.objects.create(
                attempt=attempt,
                quiz=quiz,
                question_key=entry["key"],
                position=position,
                selected=",".join(chosen),
                is_correct=chosen == sorted(entry["correct"]),
            )
    return attempt


@pytest.mark.django_db(transaction=True)
def test_inline_questions_move_to_a_bank_and_past_results_stay(home_page):
    _, before = _nodes()
    apps = _migrate(before)
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    home = Page.objects.get(pk=home_page.pk)
    course = _page(apps, "CoursePage", home, 1, title="An toàn số", slug="an-toan-so")
    quiz = _page(
        apps,
        "QuizPage",
        course,
        1,
        title="Bài kiểm tra",
        slug="bai-kiem-tra",
        questions=json.dumps(_blocks()),
        shuffle_questions=True,
    )
    # The latest revision is a draft with one more question than the live page.
    draft = _blocks() + [
        {
            "type": "true_false",
            "id": "b-4",
            "value": {"question": "Câu mới trong bản nháp.", "answer": False},
        }
    ]
    quiz_type = ContentType.objects.get(app_label="courses", model="quizpage")
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    revision = Revision.objects.create(
        content_type=quiz_type,
        base_content_type=page_type,
        object_id=str(quiz.pk),
        object_str=quiz.title,
        created_at=timezone.now(),
        content={"pk": quiz.pk, "title": quiz.title, "questions": json.dumps(draft)},
    )
    Page.objects.filter(pk=quiz.pk).update(latest_revision=revision)

    # People's tables are at their latest state (only courses went back).
    learner = UserFactory()
    enrolment = apps.get_model("courses", "Enrolment").objects.create(
        user_id=learner.pk, course_id=course.pk
    )
    snapshot = _snapshot()
    answers = {"q-tf": ["t"], "q-pw": ["p1"], "q-lua": ["l1", "l2"]}
    submitted = _attempt(
        apps,
        enrolment,
        quiz,
        1,
        snapshot,
        answers,
        {"correct_count": 2, "score": Decimal("66.67"), "passed": False},
    )
    # Served before an editor fixed a choice's text: another version, left unlinked.
    edited = _snapshot(
        [
            {"key": "p1", "text": "12345"},
            {"key": "p2", "text": "Tr@ng-Xanh-2026!"},
            {"key": "p3", "text": "ngaysinh"},
        ]
    )
    older = _attempt(
        apps,
        enrolment,
        quiz,
        2,
        edited,
        {"q-pw": ["p2"]},
        {"correct_count": 1, "score": Decimal("33.33"), "passed": False},
    )
    in_progress = _attempt(apps, enrolment, quiz, 3, _snapshot(), {"q-tf": ["f"]}, None)
    QuestionResult = apps.get_model("courses", "QuestionResult")
    results_before = list(
        QuestionResult.objects.order_by("pk").values_list(
            "pk", "attempt_id", "question_key", "position", "selected", "is_correct"
        )
    )

    _migrate()  # through this migration and any later ones

    from courses.models import (
        Question,
        QuestionBank,
        QuestionResult,
        QuizAttempt,
        QuizPage,
    )
    from courses.papers import draw_paper
    from courses.quiz import submit_attempt

    bank = QuestionBank.objects.get()
    assert bank.name == "An toàn số — Bài kiểm tra"
    questions = list(Question.objects.filter(bank=bank).order_by("pk"))
    assert [q.text for q in questions] == [
        "Mật khẩu nào mạnh nhất?",
        "Dấu hiệu lừa đảo?",
        "VNeID là ứng dụng định danh.",
        "Câu mới trong bản nháp.",
    ]
    password, scams, vneid, new = questions
    assert password.choice_list() == [
        {"text": "123456", "correct": False},
        {"text": "Tr@ng-Xanh-2026!", "correct": True},
        {"text": "ngaysinh", "correct": False},
    ]
    assert (
        password.explanation == "Dài và khó đoán." and password.kind == "single_choice"
    )
    assert [c["correct"] for c in scams.choice_list()] == [True, True, False]
    assert vneid.kind == "true_false" and vneid.answer is True
    assert new.answer is False
    assert all(q.version == 1 for q in questions)

    # The live page and the draft the editor reopens hold bank slots, same order.
    page = QuizPage.objects.get(pk=quiz.pk)
    assert [(b.block_type, b.value.pk, b.id) for b in page.questions] == [
        ("bank_question", password.pk, "b-1"),
        ("bank_question", scams.pk, "b-2"),
        ("bank_question", vneid.pk, "b-3"),
    ]
    reopened = page.latest_revision.as_object()
    assert [b.value.pk for b in reopened.questions] == [
        password.pk,
        scams.pk,
        vneid.pk,
        new.pk,
    ]
    assert {b.block_type for b in reopened.questions} == {"bank_question"}
    # New papers serve the same questions, now with their bank identity.
    paper = draw_paper(page, seed=7)
    assert sorted(e["qid"] for e in paper) == [password.pk, scams.pk, vneid.pk]

    # Past attempts: snapshots, scores and correctness exactly as they were.
    assert QuizAttempt.objects.get(pk=submitted.pk).snapshot == snapshot
    assert QuizAttempt.objects.get(pk=older.pk).snapshot == edited
    assert QuizAttempt.objects.get(pk=submitted.pk).score == Decimal("66.67")
    assert QuizAttempt.objects.get(pk=older.pk).correct_count == 1
    assert results_before == list(
        QuestionResult.objects.order_by("pk").values_list(
            "pk", "attempt_id", "question_key", "position", "selected", "is_correct"
        )
    )
    linked = {
        (r.attempt_id, r.question_key): (r.question_id, r.question_version)
        for r in QuestionResult.objects.all()
    }
    assert linked == {
        (submitted.pk, "q-tf"): (vneid.pk, 1),
        (submitted.pk, "q-pw"): (password.pk, 1),
        (submitted.pk, "q-lua"): (scams.pk, 1),
        (older.pk, "q-tf"): (vneid.pk, 1),
        (older.pk, "q-pw"): (None, None),  # served an older text of a choice
        (older.pk, "q-lua"): (scams.pk, 1),
    }

    # An attempt in progress across the migration is scored from its own snapshot.
    attempt = QuizAttempt.objects.get(pk=in_progress.pk)
    kept = copy.deepcopy(attempt.snapshot)
    submit_attempt(attempt, {"q-tf": ["t"], "q-pw": ["p2"], "q-lua": ["l1"]})
    attempt.refresh_from_db()
    assert attempt.snapshot == kept
    assert attempt.correct_count == 2
