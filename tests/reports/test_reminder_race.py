"""Two bulk reminder jobs over the same learners, run at the same instant on
PostgreSQL: each learner is reminded once (reports/stragglers/sending.claim)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import Enrolment, Notice
from people.models import Membership
from reports.models import Reminder, ReminderCap, ReminderJob
from reports.stragglers.filters import StragglerFilters
from reports.stragglers.jobs import run_job
from tests.factories import (
    OrganisationFactory,
    SchoolClassFactory,
    build_course,
    learner_in,
    member_of,
)
from tests.services import require_postgresql
from tests.threads import together

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
LEARNERS = 60


def test_two_jobs_at_once_remind_each_learner_once(home_page):
    require_postgresql()
    school = OrganisationFactory(name="THPT Chu Văn An")
    school_class = SchoolClassFactory(organisation=school)
    course, _quiz = build_course(home_page, lessons=1)
    coordinators = [member_of(school, Membership.Role.COORDINATOR) for _ in range(2)]
    long_ago = timezone.now() - timedelta(days=30)
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            user=learner_in(school_class, email=f"hv{n}@example.vn"),
            course=course,
            organisation=school,
            school_class=school_class,
            enrolled_at=long_ago,
        )
        for n in range(LEARNERS)
    )
    # Reminded 8 days ago: the cap rows exist, so only their locks keep the two
    # jobs apart (inserting them would serialise the jobs anyway).
    ReminderCap.objects.bulk_create(
        ReminderCap(learner_id=e.user_id, last_reminded_at=long_ago + timedelta(22))
        for e in enrolments
    )
    jobs = [
        ReminderJob.objects.create(
            requested_by=user,
            reason="not_started",
            filters=StragglerFilters.for_user(user, "not_started", {}).to_dict(),
        )
        for user in coordinators
    ]
    mail.outbox = []
    together(2, lambda i: run_job(jobs[i].pk))
    assert Reminder.objects.count() == LEARNERS
    assert Notice.objects.count() == LEARNERS
    assert len(mail.outbox) == LEARNERS
    assert ReminderCap.objects.count() == LEARNERS
    sent = sorted(ReminderJob.objects.values_list("sent", "skipped", "status"))
    assert sum(s for s, _k, _st in sent) == LEARNERS
    assert {status for *_n, status in sent} == {"done"}
    assert all(s + k == LEARNERS for s, k, _st in sent)
