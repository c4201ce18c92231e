"""Issue 14, finding 10: inputs that used to answer 500 get a clear 400 or form
error, and change nothing."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.request_json import BadJSON, read_json
from courses.models import LessonPage
from courses.stream_forms import MALFORMED_MESSAGE
from reports.models import ExportJob

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_sign_in_throttling(settings):
    settings.AXES_ENABLED = False


def _client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _in_page(message, html):
    message = str(message)
    escaped = message.replace("'", "&#x27;").replace('"', "&quot;")
    return message in html or escaped in html or json.dumps(message)[1:-1] in html


# --------------------------------------------------------------------- autosave


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b'{"answers": ' + b"{" * 5000 + b"}" * 5000 + b"}", b"\xff\xfe"],
)
def test_a_deeply_nested_or_undecodable_autosave_is_a_400(world, body):
    attempt = world.attempt_a
    response = _client(world.learner_a).post(
        reverse("courses:autosave", args=[attempt.pk]),
        data=body,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]  # a message the quiz page shows
    attempt.refresh_from_db()
    assert not attempt.answers and attempt.answers_saved_at is None


def test_a_real_autosave_still_goes_through(world):
    attempt = world.attempt_a
    question = attempt.snapshot[0]
    body = {"answers": {question["key"]: [question["choices"][0]["key"]]}}
    response = _client(world.learner_a).post(
        reverse("courses:autosave", args=[attempt.pk]),
        data=json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.answers == body["answers"]


def test_read_json_limits():
    assert read_json(b"", default={}) == {}
    assert read_json(b'{"a": ["[[[[[[[[[[[[[[[[[[[[[[[["]}') == {
        "a": ["[" * 24]
    }  # brackets inside strings are text
    for bad in (b"[" * 17 + b"]" * 17, b"x" * 70_000, b"{", b"\x80"):
        with pytest.raises(BadJSON):
            read_json(bad)


# --------------------------------------------------------------------- statistics


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1900-01-01"])
def test_statistics_with_dates_out_of_range_explain_and_ignore_them(world, day):
    client = _client(world.coordinator_a)
    jobs_before = ExportJob.objects.count()
    for url, status in (
        (reverse("reports:dashboard"), 200),  # shown without that date
        (reverse("reports:class", args=[world.class_a.pk]), 200),
        (reverse("reports_exports:start"), 400),  # an export is refused
        (reverse("reports_exports:table"), 400),
    ):
        for param in ("den-ngay", "tu-ngay"):
            response = client.get(url, {param: day})
            assert response.status_code == status, (url, param)
            html = response.content.decode()
            assert "ngoài khoảng" in html, (url, param)
    assert ExportJob.objects.count() == jobs_before


# --------------------------------------------------------------------- page editor


def _lesson_post(body_value, **overrides):
    data = nested_form_data(
        {
            "title": "Bài 1",
            "slug": "bai-1",
            "intro": "",
            "duration_minutes": "10",
            "body": streamfield([("text", body_value)]),
        }
    )
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "damage",
    [
        {"body-0-value": "<p>HTML thô thay cho JSON của trình soạn thảo</p>"},
        {"body-0-value": "[" * 50_000},
        {"body-0-value": '{"blocks": 5}'},
        {"body-count": "nhiều"},
        {"body-0-order": "đầu"},
        {"body-count": "3"},
    ],
)
def test_raw_html_instead_of_the_editors_json_is_a_form_error(world, damage):
    lesson = LessonPage.objects.child_of(world.course).first()
    body_before = list(lesson.body.raw_data)
    revisions_before = Revision.objects.count()
    client = _client(world.editor)
    url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    data = _lesson_post(rich_text("<p>Nội dung</p>"), **damage)
    response = client.post(url, data)
    assert response.status_code == 200  # the editor again, with the message
    assert _in_page(MALFORMED_MESSAGE, response.content.decode())
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert list(lesson.body.raw_data) == body_before
    assert Revision.objects.count() == revisions_before


def test_the_editor_still_saves_real_editor_data(world):
    lesson = LessonPage.objects.child_of(world.course).first()
    client = _client(world.editor)
    url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    response = client.post(url, _lesson_post(rich_text("<p>Nội dung mới</p>")))
    assert response.status_code == 302
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert "Nội dung mới" in str(lesson.get_latest_revision_as_object().body)


# --------------------------------------------------------------------- Wagtail admin


def test_choosing_an_external_link_without_a_url_is_a_form_error(world):
    url = reverse("wagtailadmin_choose_page_external_link")
    response = _client(world.editor).post(url)
    assert response.status_code == 200
    assert response.json()["step"] == "external_link"  # the form again


@pytest.mark.parametrize("parent", [None, "", "nhà", "999999", str(10**30)])
def test_copying_a_page_without_a_valid_parent_is_a_form_error(world, parent):
    lesson = LessonPage.objects.child_of(world.course).first()
    pages_before = LessonPage.objects.count()
    data = {"new_title": "Bản sao", "new_slug": "ban-sao"}
    if parent is not None:
        data["new_parent_page"] = parent
    client = Client(raise_request_exception=True)
    client.force_login(world.editor)
    response = client.post(reverse("wagtailadmin_pages:copy", args=[lesson.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["new_parent_page"]
    assert LessonPage.objects.count() == pages_before


def test_a_chooser_without_a_creation_form_has_nothing_to_post_to(world):
    client = Client(raise_request_exception=True)
    client.force_login(world.editor)
    url = "/admin/snippets/choose/courses/audience/create/"
    assert client.post(url, {"name": "x"}).status_code == 404


def test_the_task_chooser_says_why_it_refuses(world):
    response = _client(world.editor).post("/admin/workflows/task_chooser/create/")
    assert response.status_code == 400
    assert "loại tác vụ" in response.content.decode()
