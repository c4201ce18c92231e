"""Erasing a learner (people/erasure.py) on PostgreSQL: how long the one transaction
takes for a learner with 50 quiz attempts and a certificate. Run by
benchmarks/identity.py when DATABASE_URL names a PostgreSQL server:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python \\
        benchmarks/identity.py

What it does:

1. creates a scratch database (``bench_erasure_<time>_<pid>``, harness.stack's
   ``own_database``) on the server named by DATABASE_URL, ``migrate``;
2. seeds a school of ``--others`` learners, each enrolled in the course with one
   attempt (so the indexes are not looked up in empty tables), and ``--learners``
   learners to erase, each with 50 submitted attempts of 10 question results,
   every lesson done, a reminder, two audit entries naming them (password resets)
   and an issued certificate (frozen holder data, no PDF rendered);
3. files an erasure request for each (half of them asking for their certificate to
   be revoked) and times ``people.data_requests.handle`` — the whole transaction the
   staff page runs: the request locked, the account anonymised, the audit entries
   scrubbed, the ``user_erased`` receivers (certificates revoked when asked), the
   audit entries written — one learner after another.

Prints ``erasure_seconds`` (the slowest learner; target ≤ 2 s) and ``#`` lines
with the median and the row counts. Drops the database at the end.
"""

import argparse
import os
import statistics
import time
from pathlib import Path

from . import in_process
from .output import comment, metric
from .stack import own_database

REPO = Path(__file__).resolve().parent.parent.parent
ATTEMPTS, QUESTIONS, LESSONS = 50, 10, 5


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    in_process.setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed_course():
    from courses.models import CourseIndexPage, CoursePage, LessonPage, QuizPage
    from home.models import HomePage

    home = HomePage.objects.first()
    index = home.add_child(instance=CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    course = index.add_child(
        instance=CoursePage(title="Công dân số an toàn", slug="an-toan", summary="…")
    )
    lessons = [
        course.add_child(instance=LessonPage(title=f"Bài {n}", slug=f"bai-{n}"))
        for n in range(1, LESSONS + 1)
    ]
    quiz = course.add_child(
        instance=QuizPage(title="Bài kiểm tra", slug="kiem-tra", questions=[])
    )
    return course, lessons, quiz


def seed(args):
    from django.utils import timezone

    from certificates.codes import new_code
    from certificates.models import Certificate
    from courses.models import (
        Enrolment,
        LessonProgress,
        Notice,
        QuestionResult,
        QuizAttempt,
    )
    from people.models import AuditEntry, Membership, Organisation, SchoolClass, User

    now = timezone.now()
    province = Organisation.add_root(
        code="19", name="Tỉnh Thái Nguyên", kind="province"
    )
    school = province.add_child(
        code="19-T01", name="Trường THPT Bắc Kạn", kind="school"
    )
    school_class = SchoolClass.objects.create(
        organisation=school, name="10A1", school_year="2026-2027"
    )
    coordinator = User.objects.create_user("giaovien", full_name="Đàm Thu Hà")
    Membership.objects.create(user=coordinator, organisation=school, role="coordinator")
    course, lessons, quiz = seed_course()

    def learners(prefix, count):
        users = User.objects.bulk_create(
            User(
                username=f"{prefix}{n}",
                full_name=f"Nông Văn {prefix.upper()} {n}",
                citizen_id=f"{1 if prefix == 'e' else 2}{n:011d}",
                phone="0912000111",
                password="!",
            )
            for n in range(count)
        )
        Membership.objects.bulk_create(
            Membership(
                user=u, organisation=school, school_class=school_class, role="learner"
            )
            for u in users
        )
        return users, Enrolment.objects.bulk_create(
            Enrolment(
                user=u,
                course=course,
                organisation=school,
                school_class=school_class,
                completed_at=now,
                status="completed",
            )
            for u in users
        )

    _others, other_enrolments = learners("o", args.others)
    QuizAttempt.objects.bulk_create(
        QuizAttempt(enrolment=e, quiz=quiz, number=1, submitted_at=now, score=80)
        for e in other_enrolments
    )
    erased, enrolments = learners("e", args.learners)
    attempts = QuizAttempt.objects.bulk_create(
        QuizAttempt(
            enrolment=e,
            quiz=quiz,
            number=n,
            submitted_at=now,
            score=50 + n % 50,
            passed=n % 2 == 0,
            answers={f"q{k}": ["a"] for k in range(QUESTIONS)},
        )
        for e in enrolments
        for n in range(1, ATTEMPTS + 1)
    )
    QuestionResult.objects.bulk_create(
        QuestionResult(
            attempt=a, quiz=quiz, question_key=f"q{k}", position=k, is_correct=k % 2
        )
        for a in attempts
        for k in range(QUESTIONS)
    )
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=e, lesson=lesson)
        for e in enrolments
        for lesson in lessons
    )
    Notice.objects.bulk_create(
        Notice(user=u, course=course, kind="certificate_ready") for u in erased
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=coordinator,
            action="reset_password",
            target_user=u,
            organisation=school,
            after={"name": u.full_name, "username": u.username, "by": "Đàm Thu Hà"},
        )
        for u in erased
        for _ in range(2)
    )
    Certificate.objects.bulk_create(
        Certificate(
            enrolment=e,
            holder=e.user,
            status="issued",
            verification_code=new_code(),
            serial=f"{n:05d}/2026/CN",
            issued_at=now,
            holder_name=e.user.full_name,
            holder_unit="10A1 – Trường THPT Bắc Kạn",
            course_title=course.title,
            completed_on=now.date(),
            issuing_body="Sở Giáo dục và Đào tạo tỉnh Thái Nguyên",
        )
        for n, e in enumerate(enrolments)
    )
    return coordinator, erased


def measure(args):
    from django.db import connection

    from people.data_requests import file_request, handle
    from people.models import DataRequest

    coordinator, erased = seed(args)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    requests = [
        file_request(
            u,
            coordinator,
            DataRequest.Kind.ERASURE,
            guardian_name="Phụ huynh",
            revoke_certificates=n % 2 == 1,
        )  # fmt: skip
        for n, u in enumerate(erased)
    ]
    times = []
    for request in requests:
        started = time.perf_counter()
        handle(request, coordinator, DataRequest.Status.DONE)
        times.append(time.perf_counter() - started)
    from certificates.models import Certificate
    from people.erasure import PLACEHOLDER_NAME
    from people.models import User

    done = User.objects.filter(
        pk__in=[u.pk for u in erased], full_name=PLACEHOLDER_NAME
    )
    revoked = Certificate.objects.filter(holder__in=erased, status="revoked").count()
    if done.count() != len(erased) or revoked != len(erased) // 2:
        raise RuntimeError(f"erased {done.count()}, revoked {revoked}: not as asked")
    comment(
        f"{len(erased)} learners erased, each with {ATTEMPTS} attempts × "
        f"{QUESTIONS} question results, {LESSONS} lessons done, a certificate "
        f"(every second one revoked as asked); {args.others} other learners"
    )
    comment(f"median {statistics.median(times):.3f} s, first {times[0]:.3f} s")
    metric("erasure_seconds", f"{max(times):.3f}", "s")


def run(learners=6, others=2000):
    """Seed, time and print ``erasure_seconds`` on a scratch database of its own."""
    args = argparse.Namespace(learners=learners, others=others)
    with own_database("bench_erasure_") as database_url:
        try:
            setup_django(database_url)
            measure(args)
        finally:
            from django.db import connections

            connections.close_all()
