"""Scheduled publishing is a beat task in every set-up: a page whose "go live" time
has passed goes live when the task runs, and its URL then answers."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from courses.models import LessonPage
from home.tasks import publish_scheduled_pages
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def test_beat_runs_scheduled_publishing_every_half_minute():
    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "home.tasks.publish_scheduled_pages"
    ]
    assert [entry["schedule"] for entry in entries] == [30]


def test_the_task_publishes_a_page_whose_time_has_come(client, home_page):
    course = CourseFactory(parent=home_page, lessons=1)
    lesson = course.add_child(
        instance=LessonPage(title="Bài hẹn giờ", slug="bai-hen-gio", live=False)
    )
    # "Publish" with a go-live time a minute ahead: scheduled, still a draft.
    lesson.go_live_at = timezone.now() + timedelta(minutes=1)
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert not lesson.live
    assert client.get(lesson.url).status_code == 404

    publish_scheduled_pages.delay()  # before its time: nothing happens
    lesson.refresh_from_db()
    assert not lesson.live

    # A minute later (the revision's go-live time moved into the past):
    past = timezone.now() - timedelta(seconds=1)
    revision = lesson.revisions.get(approved_go_live_at__isnull=False)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    publish_scheduled_pages.delay()
    lesson.refresh_from_db()
    assert lesson.live
    # Its URL now answers (lessons ask a visitor to sign in first).
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response.url.startswith("/tai-khoan/dang-nhap/")
