"""A course's competence tags on the phone: small labels that wrap, never widen the
page (360 px), and pass axe-core."""

import pytest
from playwright.sync_api import expect

from courses.competence_frameworks import load
from courses.models import CompetenceTag
from tests.factories import CourseFactory

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_competence_labels_fit_a_phone(page, live_server, home_page):
    load(CompetenceTag)  # a transactional flush removed what the migration loaded
    course = CourseFactory(parent=home_page)
    course.competences.set(CompetenceTag.objects.all())
    course.save_revision().publish()
    page.goto(f"{live_server.url}{course.url}")
    labels = page.locator(".tag--competence")
    expect(labels).to_have_count(CompetenceTag.objects.count())
    expect(
        labels.filter(
            has_text="Kỹ năng tìm kiếm, khai thác thông tin trên môi trường Internet"
        )
    ).to_be_visible()
    assert_accessible(page)
