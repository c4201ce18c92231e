"""Item analysis of bank questions: one row per question version across papers,
choice shares per version, and answers per competence tag (hand-computed)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission

import reports.item_analysis.hooks  # noqa: F401  (registers the admin URLs)
from courses import quiz
from courses.models import (
    CompetenceTag,
    Enrolment,
    Question,
    QuestionBank,
    QuestionResult,
)
from reports.item_analysis.analysis import analyse
from reports.item_analysis.versions import by_tag
from tests.factories import QuestionFactory, UserFactory, build_course

pytestmark = pytest.mark.django_db

Q_PASSWORD = "Mật khẩu nào mạnh nhất?"
Q_SCAM = "VNeID có hỏi mã OTP qua điện thoại không?"


def single(bank, text, choices, correct):
    answers = [(c, n == correct) for n, c in enumerate(choices)]
    return QuestionFactory(bank=bank, text=text, answers=answers)


@pytest.fixture
def bank_quiz(home_page):
    bank = QuestionBank.objects.create(name="An toàn số")
    password = single(bank, Q_PASSWORD, ["123456", "Tr@ng-Xanh-2026!", "ngaysinh"], 1)
    scam = Question.objects.create(
        bank=bank, kind=Question.Kind.TRUE_FALSE, text=Q_SCAM, answer=False
    )
    safety = CompetenceTag.objects.get(framework="tt02", code="4")
    data = CompetenceTag.objects.get(framework="tt02", code="1")
    password.tags.set([safety])
    password.save()
    scam.tags.set([safety, data])
    scam.save()
    course, quiz_page = build_course(home_page, slug="ngan-hang")
    quiz_page.questions = [("bank_question", password), ("bank_question", scam)]
    quiz_page.shuffle_questions = True
    quiz_page.save_revision().publish()
    quiz_page.refresh_from_db()
    return course, quiz_page, password, scam


def take(course, quiz_page, picks):
    """One learner's attempt; picks maps question text → choice text or bool."""
    enrolment = Enrolment.objects.create(user=UserFactory(), course=course)
    attempt = quiz.start_attempt(enrolment, quiz_page, course=course)
    answers = {}
    for entry in attempt.snapshot:
        wanted = picks.get(entry["text"])
        for choice in entry["choices"]:
            if choice.get("text", choice.get("value")) == wanted:
                answers[entry["key"]] = [choice["key"]]
    quiz.submit_attempt(attempt, answers)


def shares(row):
    return [(c.cid, c.label, c.picks, c.percent, c.is_correct) for c in row.choices]


def test_an_edited_question_gives_two_version_rows(
    bank_quiz, django_assert_max_num_queries
):
    course, quiz_page, password, scam = bank_quiz
    # Version 1: two right, one "123456".
    for pick in ["Tr@ng-Xanh-2026!", "Tr@ng-Xanh-2026!", "123456"]:
        take(course, quiz_page, {Q_PASSWORD: pick, Q_SCAM: False})
    password.choices = [
        ("choice", {"text": "123456", "correct": False}),
        ("choice", {"text": "Cụm-từ-dài và lạ 2026", "correct": True}),
    ]
    password.save()
    assert password.version == 2
    # Version 2: one right, three "123456", one blank.
    for pick in ["Cụm-từ-dài và lạ 2026", "123456", "123456", "123456", None]:
        take(course, quiz_page, {Q_PASSWORD: pick, Q_SCAM: True})

    with translation.override("en"), django_assert_max_num_queries(3):
        rows = analyse(quiz_page)
    password_rows = [r for r in rows if r.question_id == password.pk]
    assert [(r.version, r.answers, r.correct, r.skipped) for r in password_rows] == [
        (1, 3, 2, 0),
        (2, 5, 1, 1),
    ]
    old, new = password_rows
    assert old.bank == new.bank == "An toàn số"
    assert old.is_old_version and not new.is_old_version
    assert old.in_quiz and new.in_quiz
    # Choices by their place in the editor's list of that version.
    assert shares(old) == [
        (0, "123456", 1, 33, False),
        (1, "Tr@ng-Xanh-2026!", 2, 67, True),
        (2, "ngaysinh", 0, 0, False),
    ]
    assert shares(new) == [
        (0, "123456", 3, 60, False),
        (1, "Cụm-từ-dài và lạ 2026", 1, 20, True),
    ]
    assert (new.wrong_label, new.wrong_count) == ("123456", 3)
    assert {code for code, _label in new.flags} == {"hard", "key"}  # 1 of 5
    (scam_row,) = [r for r in rows if r.question_id == scam.pk]
    assert (scam_row.version, scam_row.answers, scam_row.correct) == (1, 8, 3)
    assert [(c.label, c.picks) for c in scam_row.choices] == [("True", 5), ("False", 3)]
    # Slots order the rows: the password question is the first slot.
    assert rows[0].question_id == password.pk


def test_percentages_by_competence_tag(bank_quiz, django_assert_max_num_queries):
    course, quiz_page, _password, _scam = bank_quiz
    picks = [
        ("Tr@ng-Xanh-2026!", False),  # both right
        ("123456", False),  # password wrong, scam right
        ("ngaysinh", True),  # both wrong
        ("Tr@ng-Xanh-2026!", True),  # password right, scam wrong
    ]
    for password_pick, scam_pick in picks:
        take(course, quiz_page, {Q_PASSWORD: password_pick, Q_SCAM: scam_pick})
    with django_assert_max_num_queries(1):
        rows = by_tag(QuestionResult.objects.filter(quiz=quiz_page))
    # tt02 1 (data) tags the scam question only: 4 answers, 2 right = 50 %.
    # tt02 4 (safety) tags both: 8 answers, password 2 + scam 2 right = 50 %.
    assert [(r.code, r.answers, r.correct, r.percent_correct) for r in rows] == [
        ("1", 4, 2, 50),
        ("4", 8, 4, 50),
    ]
    take(course, quiz_page, {Q_PASSWORD: "Tr@ng-Xanh-2026!", Q_SCAM: False})
    rows = by_tag(QuestionResult.objects.filter(quiz=quiz_page))
    # Data 3 of 5 = 60 %; safety 6 of 10 = 60 %.
    assert [(r.code, r.answers, r.correct, r.percent_correct) for r in rows] == [
        ("1", 5, 3, 60),
        ("4", 10, 6, 60),
    ]


def test_the_quiz_page_shows_versions_and_tags(bank_quiz, client, admin_user):
    course, quiz_page, password, _scam = bank_quiz
    take(course, quiz_page, {Q_PASSWORD: "123456", Q_SCAM: False})
    password.text = "Mật khẩu nào khó đoán nhất?"
    password.save()
    take(course, quiz_page, {Q_PASSWORD: "Tr@ng-Xanh-2026!", Q_SCAM: False})
    client.force_login(admin_user)
    with translation.override("vi"):
        response = client.get(
            reverse("reports_item_analysis:quiz", args=[quiz_page.pk]),
            HTTP_ACCEPT_LANGUAGE="vi",
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert Q_PASSWORD in html and "Mật khẩu nào khó đoán nhất?" in html
    assert html.count('class="bank-version"') == 3
    assert 'id="item-analysis-tags"' in html
    assert 'data-tag="tt02:4"' in html and 'data-tag="tt02:1"' in html


def test_written_questions_keep_their_grouping_by_text(home_page):
    course, quiz_page = build_course(home_page)
    take(course, quiz_page, {})
    rows = analyse(quiz_page)
    assert rows and all(not r.from_bank and r.choices == [] for r in rows)
    assert all(r.in_quiz for r in rows)


def test_the_tag_page_counts_only_quizzes_the_editor_may_edit(
    bank_quiz, home_page, client, django_assert_max_num_queries
):
    course, quiz_page, password, _scam = bank_quiz
    take(course, quiz_page, {Q_PASSWORD: "123456", Q_SCAM: False})
    # Another course, whose editor is someone else, uses the same bank question.
    other_course, other_quiz = build_course(home_page, slug="khoa-khac")
    other_quiz.questions = [("bank_question", password)]
    other_quiz.save_revision().publish()
    other_quiz.refresh_from_db()
    for _n in range(3):
        take(other_course, other_quiz, {Q_PASSWORD: "Tr@ng-Xanh-2026!"})
    group = Group.objects.create(name="Biên tập khóa ngân hàng")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=course,
        permission=Permission.objects.get(
            codename="change_page", content_type__app_label="wagtailcore"
        ),
    )
    course_editor = UserFactory(username="bientapkhoa")
    course_editor.groups.add(group)
    client.force_login(course_editor)
    url = reverse("reports_item_analysis:tags")
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.status_code == 200
    rows = {(r.framework, r.code): r for r in response.context["tag_rows"]}
    # Its own quiz only: password wrong, scam right.
    assert (rows["tt02", "4"].answers, rows["tt02", "4"].correct) == (2, 1)
    assert (rows["tt02", "1"].answers, rows["tt02", "1"].correct) == (1, 1)
    html = response.content.decode()
    assert "02/2025/TT-BGDĐT</small> 4 An toàn" in html
    # The index links the page.
    assert url in client.get(reverse("reports_item_analysis:index")).content.decode()


def test_who_may_open_the_tag_page(client):
    url = reverse("reports_item_analysis:tags")
    assert client.get(url).status_code == 302  # anonymous → sign in
    reader = UserFactory(username="chixem")
    group = Group.objects.create(name="Chỉ xem")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    reader.groups.add(group)
    client.force_login(reader)
    refused = client.get(url)  # no page to edit: refused, back to the admin home
    assert (refused.status_code, refused["Location"]) == (
        302,
        reverse("wagtailadmin_home"),
    )
