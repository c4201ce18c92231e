"""courses.enrolment_badges: rooms above courses hang badges under a completed course
(certificates: its status); with none registered the pages show none."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from courses import enrolment_badges
from courses.enrolment_badges import EnrolmentBadge
from courses.models import Enrolment

pytestmark = pytest.mark.django_db


def completed_enrolment(learner, course):
    return Enrolment.objects.create(
        user=learner,
        course=course,
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now(),
    )


def test_certificates_registers_its_status():
    badge = next(b for b in enrolment_badges.registered() if b.key == "certificate")
    assert badge.template_name == "certificates/includes/certificate_status.html"


def test_a_list_loads_each_badge_once(monkeypatch, learner, course):
    calls = []

    def load(ids):
        calls.append(sorted(ids))
        return {pk: f"badge-{pk}" for pk in ids}

    badge = EnrolmentBadge("test", "courses/includes/progress_bar.html", "x", load)
    monkeypatch.setattr(enrolment_badges, "_badges", {"test": badge})
    first = completed_enrolment(learner, course)
    other = Enrolment(pk=first.pk + 1000)
    enrolment_badges.attach([first, other])
    assert calls == [sorted([first.pk, other.pk])]
    assert enrolment_badges.badges_of(first) == [(badge, f"badge-{first.pk}")]
    assert calls == [sorted([first.pk, other.pk])]  # not loaded again


def test_badges_render_in_order_with_the_page_context(monkeypatch):
    def badge(key, order):
        return EnrolmentBadge(
            key,
            "courses/includes/progress_bar.html",
            "done",
            lambda ids: dict.fromkeys(ids, order // 10),
            order=order,
        )

    monkeypatch.setattr(
        enrolment_badges, "_badges", {"b": badge("b", 20), "a": badge("a", 10)}
    )
    page = Template("{% load enrolment_badge_tags %}{% enrolment_badges e %}")
    html = page.render(Context({"e": Enrolment(pk=1), "total": 5}))
    assert html.index('value="1"') < html.index('value="2"')
    assert html.count('max="5"') == 2  # the page's context reaches each badge
    assert page.render(Context({"e": None})) == ""


def test_pages_show_no_badge_when_none_is_registered(
    monkeypatch, client, learner, course
):
    monkeypatch.setattr(enrolment_badges, "_badges", {})
    completed_enrolment(learner, course)
    client.force_login(learner)
    for url in (course.url, reverse("courses:my_learning")):
        response = client.get(url)
        assert response.status_code == 200
        assert "certificate-status" not in response.text
        assert "/chung-nhan/" not in response.text
