"""Fault tests: Redis stops, a worker dies mid-render, the database drops a request.

They need PostgreSQL and a broker (CI has both). The Redis the tests stop is one of
their own (faults_support.OwnRedis), never the shared one, and it is running again,
or shut down, at the end of every test whatever happens.
"""

import os
import signal
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
import redis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, SerialCounter
from certificates.tasks import requeue_stuck_certificates
from certificates.views import VERIFY_LIMIT
from core import circuit
from courses import quiz
from courses.completion import mark_lesson_done
from courses.models import Enrolment, LessonPage, QuestionResult, QuizAttempt, QuizPage
from people.models import RosterImport
from people.sweeps import sweep_roster_imports
from tests.certificates.conftest import complete
from tests.factories import learner_in
from tests.integration.faults_support import OwnRedis, celery_on
from tests.services import (
    require_postgresql,
    require_real_services,
    start_worker,
    stop_worker,
    wait_for,
)
from tests.services import test_database_url as database_url

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

WORKER_SETTINGS = "tests.integration.faults_worker_settings"


@pytest.fixture(autouse=True)
def no_sign_in_throttling(settings):
    """These tests sign in with force_login; throttling is tested elsewhere."""
    settings.AXES_ENABLED = False


@pytest.fixture
def own_redis(tmp_path):
    require_real_services()
    server = OwnRedis(tmp_path)
    server.start()
    circuit.reset_all()
    try:
        yield server
    finally:
        server.stop()
        circuit.reset_all()


def worker_env(own_redis, **extra):
    return {
        "DJANGO_SETTINGS_MODULE": WORKER_SETTINGS,
        "CELERY_BROKER_URL": own_redis.url,
        "CELERY_RESULT_BACKEND": own_redis.url,
        **extra,
    }


def log_of(process):
    return Path(process.log_path).read_text()


def learners_before_last_lesson(school_class, course, count):
    """Enrolled learners who passed the quiz and read every lesson but the last."""
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    quiz_page = QuizPage.objects.child_of(course).get()
    enrolments = []
    for n in range(count):
        user = learner_in(school_class, full_name=f"Hoàng Văn Học {n}")
        enrolment = Enrolment.objects.create(user=user, course=course)
        QuizAttempt.objects.create(
            enrolment=enrolment,
            quiz=quiz_page,
            number=1,
            submitted_at=timezone.now(),
            score=Decimal("90"),
            passed=True,
        )
        for lesson in lessons[:-1]:
            mark_lesson_done(enrolment, lesson)
        enrolments.append(enrolment)
    return enrolments, lessons[-1]


def test_redis_outage_keeps_pages_and_completions_and_certificates_follow(
    own_redis, settings, tmp_path, school_class, course
):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FallbackRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"RETRY_AFTER": 0.2},
        }
    }
    enrolments, last_lesson = learners_before_last_lesson(school_class, course, 4)
    clients = []
    for enrolment in enrolments:
        client = Client()
        client.force_login(enrolment.user)  # the session goes to Redis and the DB
        clients.append(client)
    sessions = redis.Redis.from_url(own_redis.url).keys("*session*")
    assert len(sessions) == len(enrolments)

    queue = f"faults-{own_redis.port}"
    with celery_on(own_redis.url, queue):
        own_redis.stop()
        try:
            for client in clients:
                page = client.get(reverse("courses:my_learning"))
                assert page.status_code == 200  # signed in: no redirect to log in
                assert course.title in page.content.decode()
                lesson = client.get(last_lesson.url)
                assert lesson.status_code == 200
                done = client.post(last_lesson.url + "hoan-thanh/")
                assert done.status_code == 302
                assert client.get(done["Location"]).status_code == 200
            ids = [e.pk for e in enrolments]
            completed = Enrolment.objects.filter(pk__in=ids, completed_at__isnull=False)
            assert completed.count() == len(enrolments)
            pending = Certificate.objects.filter(enrolment__in=ids, status="pending")
            assert pending.count() == len(enrolments)  # recorded, not yet queued
        finally:
            own_redis.start()  # always bring it back, even if an assertion failed

        worker = start_worker(tmp_path, queue, worker_env(own_redis))
        try:
            # What Celery beat runs every five minutes; run it now instead of waiting.
            # Beat's sweep runs in a worker; here it runs in this process, whose broker
            # breaker saw the outage: wait out its few seconds, as five minutes would.
            broker = circuit.breaker_for(own_redis.url)
            assert wait_for(lambda: not broker.is_open(), timeout=15)
            queued = requeue_stuck_certificates.apply().get()
            assert queued == len(enrolments)
            issued = Certificate.objects.filter(enrolment__in=ids, status="issued")
            assert wait_for(lambda: issued.count() == len(enrolments), timeout=90), (
                log_of(worker)
            )
        finally:
            stop_worker(worker)
    for enrolment in enrolments:
        assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_worker_killed_mid_render_is_redelivered_and_issues_one_certificate(
    own_redis, tmp_path, learner, course
):
    renders = tmp_path / "renders"
    renders.mkdir()
    env = worker_env(own_redis, FAULTS_RENDER_DIR=str(renders))
    queue = f"faults-{own_redis.port}"
    (tmp_path / "second").mkdir()
    with celery_on(own_redis.url, queue):
        first = start_worker(tmp_path, queue, env)
        try:
            enrolment = Enrolment.objects.create(user=learner, course=course)
            complete(enrolment)  # commits; the certificate task goes to the broker
            started = wait_for(lambda: list(renders.glob("started-*")), timeout=90)
            assert started, log_of(first)
            os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=10)
        finally:
            if first.poll() is None:
                stop_worker(first)

        certificate = Certificate.objects.get(enrolment=enrolment)
        assert certificate.status == "pending"  # the killed transaction rolled back
        assert not list(renders.glob("rendered-*"))

        second = start_worker(tmp_path / "second", queue, env)
        try:
            certificate = wait_for(
                lambda: Certificate.objects.filter(
                    enrolment=enrolment, status="issued"
                ).first(),
                timeout=90,
            )
            assert certificate, log_of(second)
        finally:
            stop_worker(second)

    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert len(list(renders.glob("rendered-*"))) == 1
    assert certificate.attempts == 1
    # The killed run's serial number was rolled back with it: none is skipped.
    counter = SerialCounter.objects.get()
    assert counter.last == 1
    assert certificate.serial.startswith("00001/")


def test_dropped_database_connection_shows_error_page_and_writes_nothing(
    monkeypatch, learner, course
):
    require_postgresql()
    quiz_page = QuizPage.objects.child_of(course).get()
    enrolment = Enrolment.objects.create(user=learner, course=course)
    attempt = quiz.start_attempt(enrolment, quiz_page, course=course)
    submit_url = quiz_page.url + quiz_page.reverse_subpage("submit", args=[attempt.pk])
    client = Client(raise_request_exception=False)
    client.force_login(learner)

    bulk_create = QuestionResult.objects.bulk_create

    def drop_connection_then_write(*args, **kwargs):
        """Between the attempt's UPDATE and the per-question rows, the database
        drops this request's connection (as a restart or a network cut would)."""
        pid = connection.connection.info.backend_pid
        with psycopg.connect(database_url(), autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])
        return bulk_create(*args, **kwargs)

    monkeypatch.setattr(
        QuestionResult.objects, "bulk_create", drop_connection_then_write
    )
    response = client.post(submit_url, {})
    monkeypatch.undo()

    assert response.status_code == 500
    text = response.content.decode()
    assert "Đã có lỗi xảy ra" in text and "không bị mất" in text

    connection.close()  # the test's own handle on the dropped connection
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert attempt.score is None
    assert not QuestionResult.objects.filter(attempt=attempt).exists()

    # Nothing half-done blocks the learner: submitting again works.
    again = client.post(submit_url, {})
    assert again.status_code == 302
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
    assert QuestionResult.objects.filter(attempt=attempt).count() == len(
        attempt.snapshot
    )


def test_redis_outage_keeps_uploads_and_limits_and_the_worker_catches_up(
    own_redis, settings, tmp_path, school, coordinator
):
    """Issue 14, finding 5: with Redis (cache and broker) stopped, a roster upload is
    kept and waits (no 500), the look-up limit still limits; once Redis is back the
    beat sweep hands the upload to a worker, which reads it."""
    from tests.people.conftest import roster_file

    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FallbackRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"RETRY_AFTER": 0.2},
        }
    }
    client = Client()
    client.force_login(coordinator)
    name = "roster_10A1_utf8-bom.csv"
    queue = f"faults-{own_redis.port}"
    with celery_on(own_redis.url, queue):
        own_redis.stop()
        try:
            response = client.post(
                reverse("coordinator:upload"),
                {
                    "organisation": school.pk,
                    "school_year": "2026-2027",
                    "default_class_name": "",
                    "file": SimpleUploadedFile(name, roster_file(name).read_bytes()),
                },
            )
            assert response.status_code == 302
            job = RosterImport.objects.get()
            assert (job.status, job.queued_at) == ("queued", None)
            page = client.get(response["Location"])
            assert "Đang chờ xử lý" in page.content.decode()

            look_up = reverse("certificates:verify_code", args=["7KQ4M2XD9PTRA"])
            answers = [Client().get(look_up).status_code for _ in range(40)]
            assert answers.count(429) == 40 - VERIFY_LIMIT
        finally:
            own_redis.start()
        circuit.reset_all()

        env = worker_env(
            own_redis, FAULTS_PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT)
        )
        worker = start_worker(tmp_path, queue, env)
        try:
            later = timezone.now() + timedelta(minutes=2)  # the next beat run
            assert sweep_roster_imports(now=later)["queued"] == 1
            read = RosterImport.objects.filter(pk=job.pk, status="preview")
            assert wait_for(read.exists, timeout=90), log_of(worker)
        finally:
            stop_worker(worker)
