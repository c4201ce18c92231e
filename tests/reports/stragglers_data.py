"""A school of hand-placed stragglers, times relative to ``now`` (default days:
not started 7, stalled 14, quiz failed 3, certificate 7).

School A (coordinator "coord_a", class 10A1), school B (coordinator "coord_b",
class 12C1), both in a province administered by "admin_p". Course X allows 3
attempts at its quiz.

learner  what                                                  on list
N1       enrolled 7 days ago, not started (e-mail)             not started (boundary)
N2       enrolled 7 days less a minute ago, not started        —
S1       started 20 days ago, last opened 14 days ago          stalled (boundary)
S2       started 20 days ago, last opened 13 days ago          —
S3       started 14 days ago, nothing opened since             stalled
F1       quiz failed 3 days ago, no retry                      quiz failed (boundary)
F2       quiz failed 3 days ago, a second attempt open         —
F3       quiz failed 2 days ago                                —
F4       three failed attempts (no attempt left)               —
C1       certificate issued 7 days ago, never downloaded       certificate
C2       certificate issued 10 days ago, downloaded            —
W1       withdrawn, enrolled 30 days ago, not started          —
B1       school B, enrolled 30 days ago, not started           not started (B's)
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from certificates import unfetched
from certificates.codes import new_code
from certificates.models import Certificate
from courses import standing_failures
from courses.models import Enrolment, QuizAttempt
from people.models import Membership
from tests.factories import (
    OrganisationFactory,
    SchoolClassFactory,
    build_course,
    learner_in,
    member_of,
)

DAY = timedelta(days=1)


def _enrol(user, course, unit, school_class, **fields):
    return Enrolment.objects.create(
        user=user,
        course=course,
        organisation=unit,
        school_class=school_class,
        **fields,
    )


def build(home_page, now=None):
    now = now or timezone.now()
    province = OrganisationFactory(code="19", name="Tỉnh Thái Nguyên", kind="province")
    school_a = OrganisationFactory(parent=province, name="THPT Chu Văn An")
    province.refresh_from_db()
    school_b = OrganisationFactory(parent=province, name="THPT Đại Từ")
    class_a = SchoolClassFactory(organisation=school_a, name="10A1")
    class_b = SchoolClassFactory(organisation=school_b, name="12C1")
    course, quiz = build_course(home_page, attempt_limit=3)
    people = SimpleNamespace(now=now, course=course, quiz=quiz, province=province)
    people.coord_a = member_of(school_a, Membership.Role.COORDINATOR)
    people.coord_b = member_of(school_b, Membership.Role.COORDINATOR)
    people.admin_p = member_of(province, Membership.Role.ADMINISTRATOR)
    people.viewer_p = member_of(province, Membership.Role.VIEWER)
    people.school_a, people.school_b = school_a, school_b

    def learner(key, school_class=class_a, unit=school_a, email="", **fields):
        user = learner_in(school_class, full_name=f"Học viên {key}", email=email)
        enrolment = _enrol(user, course, unit, school_class, **fields)
        setattr(people, key, enrolment)
        return enrolment

    learner("N1", email="n1@example.vn", enrolled_at=now - 7 * DAY)
    learner("N2", enrolled_at=now - 7 * DAY + timedelta(minutes=1))
    learner(
        "S1",
        enrolled_at=now - 30 * DAY,
        started_at=now - 20 * DAY,
        last_activity_at=now - 14 * DAY,
    )
    learner(
        "S2",
        enrolled_at=now - 30 * DAY,
        started_at=now - 20 * DAY,
        last_activity_at=now - 13 * DAY,
    )
    learner("S3", enrolled_at=now - 30 * DAY, started_at=now - 14 * DAY)
    for key, failed_days, numbers, open_after in (
        ("F1", 3, [1], False),
        ("F2", 3, [1], True),
        ("F3", 2, [1], False),
        ("F4", 5, [1, 2, 3], False),
    ):
        enrolment = learner(
            key,
            enrolled_at=now - 30 * DAY,
            started_at=now - 10 * DAY,
            last_activity_at=now - failed_days * DAY,
        )
        for number in numbers:
            QuizAttempt.objects.create(
                enrolment=enrolment,
                quiz=quiz,
                number=number,
                started_at=now - failed_days * DAY - timedelta(minutes=20),
                submitted_at=now - failed_days * DAY,
                score=40,
                passed=False,
            )
        if open_after:
            QuizAttempt.objects.create(enrolment=enrolment, quiz=quiz, number=2)
        # What the quiz engine does after each attempt (courses/quiz.py).
        standing_failures.refresh([enrolment.pk])
    for key, issued_days, downloaded in (("C1", 7, False), ("C2", 10, True)):
        enrolment = learner(
            key,
            enrolled_at=now - 40 * DAY,
            started_at=now - 35 * DAY,
            completed_at=now - (issued_days + 1) * DAY,
            status=Enrolment.Status.COMPLETED,
        )
        Certificate.objects.create(
            enrolment=enrolment,
            holder=enrolment.user,
            status=Certificate.Status.ISSUED,
            verification_code=new_code(),
            issued_at=now - issued_days * DAY,
            downloaded_at=now - DAY if downloaded else None,
        )
        unfetched.refresh([enrolment.pk])  # as certificates/issuing.py does
    learner("W1", enrolled_at=now - 30 * DAY, status=Enrolment.Status.WITHDRAWN)
    learner("B1", class_b, school_b, enrolled_at=now - 30 * DAY)
    return people
