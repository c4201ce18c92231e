"""Self-enrolment through the service, without a request, session or messages."""

import pytest
from django.db import IntegrityError

from courses.enrolment import SelfEnrolmentClosed, enrol_self
from courses.models import Enrolment
from tests.factories import MembershipFactory, SchoolClassFactory, build_course

pytestmark = pytest.mark.django_db


def test_enrol_self_creates_once_and_places_the_learner(course, learner):
    school_class = SchoolClassFactory()
    MembershipFactory(
        user=learner,
        organisation=school_class.organisation,
        school_class=school_class,
    )
    enrolment, created = enrol_self(learner, course)
    assert created
    assert enrolment.source == Enrolment.Source.SELF
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.organisation_id == school_class.organisation_id
    assert enrolment.school_class_id == school_class.pk

    again, created_again = enrol_self(learner, course)  # a double click
    assert (again.pk, created_again) == (enrolment.pk, False)
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_enrol_self_takes_a_withdrawn_learner_back(course, learner):
    enrolment, _created = enrol_self(learner, course)
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.WITHDRAWN)
    again, created = enrol_self(learner, course)
    assert created
    assert again.pk == enrolment.pk
    again.refresh_from_db()
    assert again.status == Enrolment.Status.ACTIVE


def test_enrol_self_survives_the_same_click_twice_at_once(course, learner, monkeypatch):
    enrolment, _created = enrol_self(learner, course)

    def raced(**kwargs):  # the other request inserted the row first
        raise IntegrityError

    monkeypatch.setattr(Enrolment.objects, "get_or_create", raced)
    again, created = enrol_self(learner, course)
    assert (again.pk, created) == (enrolment.pk, False)


def test_enrol_self_refuses_a_course_assigned_by_coordinators(home_page, learner):
    course, _quiz = build_course(home_page, slug="giao-khoa", self_enrol=False)
    with pytest.raises(SelfEnrolmentClosed):
        enrol_self(learner, course)
    assert not Enrolment.objects.filter(user=learner).exists()
