"""Keeping a course offline: the pack the service worker downloads, the worker and
the web app manifest (courses/offline_pack.py, config/pwa.py)."""

import json

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText

from courses.models import Enrolment, LessonPage, QuizWindow
from tests.courses.test_lesson_blocks import make_image
from tests.factories import LearnerMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def pack_url(course):
    return reverse("courses:offline_pack", args=[course.pk])


def test_pack_lists_lessons_images_and_practice_quizzes_only(
    client, signed_in, learner, course, quiz_page, django_assert_max_num_queries
):
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    lessons[0].body = [
        ("text", RichText("<p>Mở đầu</p>")),
        ("image", {"image": make_image(), "alt_text": "Ảnh", "caption": ""}),
    ]
    lessons[0].save_revision().publish()

    # Not enrolled: nothing to download, nor any sign the course has a pack.
    assert signed_in.get(pack_url(course)).status_code == 404
    Enrolment.objects.create(user=learner, course=course)
    with django_assert_max_num_queries(16):
        response = signed_in.get(pack_url(course))
    assert response.status_code == 200
    assert (
        "no-store" in response["Cache-Control"]
        or "no-cache" in response["Cache-Control"]
    )
    pack = response.json()
    by_kind = {}
    for entry in pack["entries"]:
        by_kind.setdefault(entry["kind"], []).append(entry)
    assert [e["url"] for e in by_kind["lesson"]] == [page.url for page in lessons]
    assert [e["url"] for e in by_kind["quiz"]] == [quiz_page.url]
    images = by_kind["image"]
    assert len(images) == 2  # WebP at 360 and 720 px: the phone's sizes
    assert all(".webp" in e["url"] and e["bytes"] > 0 for e in images)
    assert {e["url"] for e in by_kind["page"]} == {reverse("courses:my_learning")}
    assert pack["total_bytes"] == sum(e["bytes"] for e in pack["entries"])
    assert pack["budget_bytes"] == 50 * 1024 * 1024
    assert pack["online_only"] == []
    assert pack["aliases"] == {course.url + "tiep-tuc/": course.url}

    # A new publication gives the page a new revision: the worker fetches it again.
    before = by_kind["lesson"][1]["revision"]
    lessons[1].save_revision().publish()
    after = next(
        e
        for e in signed_in.get(pack_url(course)).json()["entries"]
        if e["url"] == lessons[1].url
    )
    assert after["revision"] != before

    # A practice attempt in progress: its page (the questions) goes offline too.
    attempt_url = signed_in.post(quiz_page.url + "bat-dau/")["Location"]
    pack = signed_in.get(pack_url(course)).json()
    assert [e["url"] for e in pack["entries"] if e["kind"] == "attempt"] == [
        attempt_url
    ]

    # A class window on the quiz, or a course time limit: online only, and said so.
    membership = LearnerMembershipFactory(user=learner)
    QuizWindow.objects.create(quiz=quiz_page, school_class=membership.school_class)
    pack = signed_in.get(pack_url(course)).json()
    assert [q["url"] for q in pack["online_only"]] == [quiz_page.url]
    assert not [e for e in pack["entries"] if e["kind"] == "quiz"]
    QuizWindow.objects.all().delete()
    course.time_limit_minutes = 20
    course.save_revision().publish()
    pack = signed_in.get(pack_url(course)).json()
    assert [q["url"] for q in pack["online_only"]] == [quiz_page.url]


def test_pack_refused_to_others_and_when_off(client, course, settings):
    learner = UserFactory()
    Enrolment.objects.create(user=learner, course=course)
    assert client.get(pack_url(course)).status_code == 401
    other = UserFactory()
    client.force_login(other)
    assert client.get(pack_url(course)).status_code == 404  # another's enrolment
    client.force_login(learner)
    assert client.get(pack_url(course)).status_code == 200
    assert client.get(reverse("courses:offline_pack", args=[10**9])).status_code == 404
    assert client.post(pack_url(course)).status_code == 405
    settings.OFFLINE_BUDGET_MIB = 0
    assert client.get(pack_url(course)).status_code == 404
    # ...and the course page offers nothing to keep.
    assert 'id="offline-pack"' not in client.get(course.url).text


def test_service_worker_and_manifest(client, home_page, learner):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    assert '"logout": "/tai-khoan/dang-xuat/"' in script
    assert "__VERSION__" not in script and "{{" not in script
    # The worker never stores what it was not asked to keep, nor a POST.
    assert 'request.method !== "GET"' in script

    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = json.loads(manifest.content)
    assert data["start_url"] == reverse("courses:my_learning")
    assert data["lang"] == "vi" and data["display"] == "standalone"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}

    # Anonymous pages load the banner script but register no worker.
    assert "data-sw=" not in client.get("/").text
    client.force_login(learner)
    assert 'data-sw="/sw.js"' in client.get("/").text
