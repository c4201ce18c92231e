"""A programme's rule, its completion recorded once and its certificate issued once."""

import base64
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from certificates.models import Certificate
from courses.models import Enrolment, Programme, ProgrammeCompletion
from courses.signals import course_completed
from tests.certificates.conftest import complete
from tests.certificates.pdf_tools import pdf_text
from tests.factories import CourseFactory

TITLE = "Kỹ năng số cho cán bộ Bộ phận một cửa"


@pytest.fixture
def courses(course, home_page):
    others = [
        CourseFactory(parent=home_page, lessons=1, title=f"Khoá {n}", slug=f"khoa-{n}")
        for n in (2, 3)
    ]
    return [course, *others]


def programme_of(courses, **rule):
    programme = Programme(title=TITLE, **rule)
    for course in courses:
        programme.programme_courses.add(
            programme.programme_courses.model(course=course)
        )
    programme.full_clean()
    programme.save()
    return programme


def finish(learner, course, capture):
    enrolment = Enrolment.objects.create(user=learner, course=course)
    with capture(execute=True):
        complete(enrolment)
    return enrolment


@pytest.mark.parametrize(
    ("rule", "completes_after"),
    [({"rule": "all"}, 3), ({"rule": "at_least", "required_courses": 2}, 2)],
)
def test_completion_and_certificate_once_when_the_rule_is_met(
    learner, courses, rule, completes_after, django_capture_on_commit_callbacks
):
    programme = programme_of(courses, **rule)
    for number, course in enumerate(courses, start=1):
        enrolment = finish(learner, course, django_capture_on_commit_callbacks)
        done = ProgrammeCompletion.objects.filter(programme=programme).count()
        assert done == (1 if number >= completes_after else 0), number
        if number == completes_after:
            last = enrolment
    # A redelivered announcement (twice more) changes nothing.
    for _again in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            course_completed.send(sender=Enrolment, enrolment=last)
    completion = ProgrammeCompletion.objects.get()
    assert completion.user == learner
    assert completion.organisation_id == last.organisation_id
    certificate = Certificate.objects.get(programme_completion=completion)
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.enrolment is None and certificate.holder == learner
    assert certificate.course_title == TITLE
    with certificate.pdf.open("rb") as handle:
        text, _pages = pdf_text(handle.read())
    assert "Đã hoàn thành chương trình" in text
    assert TITLE in " ".join(text.split())
    # Its Open Badges credential (certificates/credentials/) names the programme too.
    payload = certificate.credential.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert TITLE in json.dumps(claims, ensure_ascii=False)
    assert Certificate.objects.count() == len(courses) + 1  # one per course, one more
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            programme_completion=completion, verification_code="X" * 13
        )


def test_at_least_needs_a_number(courses):
    with pytest.raises(ValidationError) as refused:
        programme_of(courses, rule="at_least")
    assert list(refused.value.message_dict) == ["required_courses"]
    assert not Programme.objects.exists()
