"""Editors manage question banks in the Wagtail admin; an edit is a new version."""

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import CompetenceTag, Question, QuestionBank
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/courses/question/add/"


@pytest.fixture
def editor(client):
    user = UserFactory(username="bientap", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def bank(db):
    return QuestionBank.objects.create(name="Dịch vụ công trực tuyến")


def question_form(bank, text, choices, kind="single_choice"):
    return nested_form_data(
        {
            "bank": bank.pk,
            "kind": kind,
            "text": text,
            "choices": streamfield(
                [
                    ("choice", {"text": t, "correct": "on" if c else ""})
                    for t, c in choices
                ]
            ),
            "explanation": "Nộp hồ sơ trên Cổng Dịch vụ công quốc gia.",
            "in_use": "on",
        }
    )


def test_an_editor_adds_a_question_then_an_edit_makes_a_new_version(
    client, editor, bank
):
    choices = [("Cổng Dịch vụ công quốc gia", True), ("Mạng xã hội", False)]
    response = client.post(ADD, question_form(bank, "Nộp hồ sơ ở đâu?", choices))
    assert response.status_code == 302, response.content[:2000]
    question = Question.objects.get(bank=bank)
    assert question.version == 1
    assert question.choice_list()[0] == {
        "text": "Cổng Dịch vụ công quốc gia",
        "correct": True,
    }

    edit = f"/admin/snippets/courses/question/edit/{question.pk}/"
    flipped = [("Cổng Dịch vụ công quốc gia", False), ("Mạng xã hội", True)]
    response = client.post(edit, question_form(bank, "Nộp hồ sơ ở đâu?", flipped))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.version == 2
    assert question.revisions.count() == 2  # the history keeps both versions


def test_a_question_with_two_keys_for_one_answer_is_refused(client, editor, bank):
    choices = [("A", True), ("B", True)]
    response = client.post(ADD, question_form(bank, "Chọn một?", choices))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Cần đúng một phương án được đánh dấu đúng." in str(errors["choices"])
    assert not Question.objects.exists()


def test_editors_read_the_competence_frameworks_but_do_not_edit_them(client, editor):
    tag = CompetenceTag.objects.create(
        framework=CompetenceTag.Framework.LEARNER, code="9.9", name="Thử nghiệm"
    )
    assert client.get("/admin/snippets/courses/competencetag/").status_code == 200
    response = client.post(
        f"/admin/snippets/courses/competencetag/edit/{tag.pk}/",
        {"framework": "tt02", "code": "9.9", "name": "Đã sửa", "sort_order": 0},
    )
    assert response.status_code in (302, 403)
    tag.refresh_from_db()
    assert tag.name == "Thử nghiệm"
