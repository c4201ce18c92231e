"""The admin flow of question import and export: upload → preview → confirm, with
permissions, forged and stale confirms, downloads and the Vietnamese screens."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import CompetenceTag, Question, QuestionBank
from courses.question_formats import read_questions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent.parent / "data" / "questions"
UPLOAD = reverse("question_import:upload")
CONFIRM = reverse("question_import:confirm")


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    settings.AXES_ENABLED = False


@pytest.fixture
def banks(db):
    CompetenceTag.objects.create(framework="tt02", code="1.1", name="Duyệt dữ liệu")
    CompetenceTag.objects.create(framework="qd757", code="2.1", name="Tương tác")
    return QuestionBank.objects.create(name="An toàn số"), QuestionBank.objects.create(
        name="Dịch vụ công"
    )


def staff(*codenames):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label="courses")
        )
    return user


@pytest.fixture
def editor(client, banks):
    user = staff(
        "add_question",
        "change_question",
        "view_question",
        "change_questionbank",
        "view_questionbank",
    )
    client.force_login(user)
    return user


def upload(client, bank, name, data=None, fmt=""):
    data = (DATA / name).read_bytes() if data is None else data
    return client.post(
        UPLOAD,
        {"bank": bank.pk, "file": SimpleUploadedFile(name, data), "format": fmt},
        HTTP_ACCEPT_LANGUAGE="vi",
    )


def refused(response):
    """Wagtail turns a refusal into a redirect to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def token_of(response):
    match = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    return match.group(1) if match else None


def test_upload_preview_confirm_creates_every_question(client, editor, banks):
    bank = banks[0]
    preview = upload(client, bank, "an-toan-so.gift")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Mật khẩu nào sau đây mạnh nhất?" in html
    assert Question.objects.count() == 0  # nothing before the confirm
    token = token_of(preview)
    done = client.post(CONFIRM, {"token": token, "bank": bank.pk})
    assert done.status_code == 302
    assert done["Location"].endswith(f"?bank={bank.pk}")
    questions = list(bank.questions.order_by("pk"))
    assert [q.kind for q in questions] == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "true_false",
    ]
    assert [t.key for t in questions[0].tags.all()] == ["tt02:1.1"]
    # The same preview cannot be confirmed twice.
    client.post(CONFIRM, {"token": token, "bank": bank.pk})
    assert bank.questions.count() == 4


def test_a_file_with_errors_shows_them_and_cannot_be_confirmed(client, editor, banks):
    response = upload(client, banks[0], "loai-khong-ho-tro.gift")
    html = response.content.decode()
    assert token_of(response) is None
    assert "Không tạo gì cả" in html or "Chưa tạo" in html  # Vietnamese
    assert html.count("<tr><td>") >= 5
    assert Question.objects.count() == 0


def test_broken_file_gets_a_vietnamese_message(client, editor, banks):
    response = upload(client, banks[0], "de-thi.xlsx", data=b"%PDF-1.4 ...")
    assert response.status_code == 200
    assert "PDF" in response.content.decode()
    assert token_of(response) is None


def test_forged_confirm_for_another_bank_changes_nothing(client, editor, banks):
    token = token_of(upload(client, banks[0], "dich-vu-cong.txt"))
    response = client.post(CONFIRM, {"token": token, "bank": banks[1].pk})
    assert response.status_code == 302
    assert Question.objects.count() == 0
    for forged in ({"token": "x" * 40, "bank": banks[0].pk}, {"bank": "abc"}, {}):
        assert client.post(CONFIRM, forged).status_code == 302
    assert Question.objects.count() == 0


def test_another_editors_preview_cannot_be_confirmed(client, editor, banks):
    token = token_of(upload(client, banks[0], "dich-vu-cong.txt"))
    client.force_login(staff("add_question"))
    client.post(CONFIRM, {"token": token, "bank": banks[0].pk})
    assert Question.objects.count() == 0


def test_a_stale_preview_changes_nothing(client, editor, banks):
    bank = banks[0]
    token = token_of(upload(client, bank, "dich-vu-cong.txt"))
    # Meanwhile another import lands in the same bank.
    other = token_of(upload(client, bank, "mau-tieng-viet.csv"))
    client.post(CONFIRM, {"token": other, "bank": bank.pk})
    assert bank.questions.count() == 4
    response = client.post(CONFIRM, {"token": token, "bank": bank.pk}, follow=True)
    assert bank.questions.count() == 4
    assert "changed after the preview" in response.content.decode() or (
        "thay đổi" in response.content.decode()
    )


def test_a_tag_removed_after_the_preview_rolls_everything_back(client, editor, banks):
    bank = banks[0]
    token = token_of(upload(client, bank, "mau-tieng-viet.csv"))
    CompetenceTag.objects.filter(framework="qd757").delete()
    client.post(CONFIRM, {"token": token, "bank": bank.pk})
    assert bank.questions.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        UPLOAD,
        reverse("question_import:template", args=["xlsx"]),
    ],
)
def test_an_editor_without_question_rights_is_refused(client, banks, url):
    client.force_login(staff())
    assert refused(client.get(url))
    download = reverse("question_import:download", args=[banks[0].pk])
    assert refused(client.get(download))
    assert refused(client.post(CONFIRM, {"token": "x", "bank": banks[0].pk}))


def test_reading_rights_download_but_cannot_import(client, banks):
    client.force_login(staff("view_question"))
    assert refused(client.get(UPLOAD))
    assert refused(client.post(CONFIRM, {"token": "x", "bank": banks[0].pk}))
    url = reverse("question_import:export", args=[banks[0].pk, "gift"])
    assert client.get(url).status_code == 200


def test_anonymous_is_sent_to_sign_in(client, banks):
    response = client.get(UPLOAD)
    assert response.status_code == 302 and "login" in response["Location"]


def test_unknown_bank_and_format_are_404(client, editor, banks):
    assert (
        client.get(reverse("question_import:download", args=[999999])).status_code
        == 404
    )
    bad = reverse("question_import:export", args=[banks[0].pk, "pdf"])
    assert client.get(bad).status_code == 404
    assert (
        client.get(reverse("question_import:template", args=["gift"])).status_code
        == 404
    )


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "gift", "aiken"])
def test_export_then_import_gives_the_same_questions(client, editor, banks, fmt):
    source, target = banks
    client.post(
        CONFIRM,
        {
            "token": token_of(upload(client, source, "an-toan-so.gift")),
            "bank": source.pk,
        },
    )
    client.post(
        CONFIRM,
        {
            "token": token_of(upload(client, source, "mau-tieng-viet.csv")),
            "bank": source.pk,
        },
    )
    response = client.get(reverse("question_import:export", args=[source.pk, fmt]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    name = response["Content-Disposition"].split('"')[1]
    token = token_of(upload(client, target, name, data=response.content))
    client.post(CONFIRM, {"token": token, "bank": target.pk})

    def contents(bank):
        return [
            {**q.content(), "tags": sorted(t.key for t in q.tags.all())}
            for q in bank.questions.order_by("pk")
        ]

    expected = contents(source)
    if fmt == "aiken":  # single answers only, without explanations or tags
        expected = [
            {**c, "explanation": "", "tags": []}
            for c in expected
            if c["type"] == "single_choice"
        ]
    assert contents(target) == expected


def test_download_page_says_how_many_aiken_leaves_out(client, editor, banks):
    bank = banks[0]
    client.post(
        CONFIRM,
        {"token": token_of(upload(client, bank, "an-toan-so.gift")), "bank": bank.pk},
    )
    page = client.get(reverse("question_import:download", args=[bank.pk]))
    html = page.content.decode()
    # 4 questions: 1 single answer, 1 with several, 2 true/false.
    assert re.search(r'id="aiken-left-out">[^<]*\b3 (câu|questions)', html)
    client.get(reverse("question_import:export", args=[bank.pk, "aiken"]))
    after = client.get(reverse("question_import:download", args=[bank.pk]))
    told = re.search(
        r"3 (câu|questions)[^<]*(tệp Aiken|Aiken file)", after.content.decode()
    )
    assert told, "the editor is told how many were left out"


def test_template_downloads_read_back_cleanly(client, editor):
    for fmt in ("xlsx", "csv"):
        response = client.get(reverse("question_import:template", args=[fmt]))
        name = response["Content-Disposition"].split('"')[1]
        parsed = read_questions(SimpleUploadedFile(name, response.content), name)
        assert parsed.ok and len(parsed.questions) == 3


def test_buttons_lead_from_the_bank_screens(client, editor, banks):
    bank = banks[0]
    listing = client.get(reverse("wagtailsnippets_courses_questionbank:list"))
    html = listing.content.decode()
    assert f"{UPLOAD}?bank={bank.pk}" in html
    assert reverse("question_import:download", args=[bank.pk]) in html
    edit = client.get(
        reverse("wagtailsnippets_courses_questionbank:edit", args=[bank.pk])
    )
    assert f"{UPLOAD}?bank={bank.pk}" in edit.content.decode()
    questions = client.get(reverse("wagtailsnippets_courses_question:list"))
    assert UPLOAD in questions.content.decode()


def test_the_screens_speak_vietnamese(client, editor, banks):
    client.cookies["django_language"] = "vi"
    page = client.get(f"{UPLOAD}?bank={banks[0].pk}", HTTP_ACCEPT_LANGUAGE="vi")
    html = page.content.decode()
    assert "Nhập câu hỏi" in html
    assert "Import questions" not in html
    preview = upload(client, banks[0], "aiken-loi.txt")
    assert "ANSWER:" in preview.content.decode()
    assert "Choose a bank" not in preview.content.decode()
