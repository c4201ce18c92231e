"""A real Celery worker process on Redis picks up the portal's tasks."""

import uuid
from pathlib import Path

import pytest
from django.urls import reverse

from config.celery_app import app as celery_app
from people.tasks import send_email
from tests.factories import UserFactory
from tests.services import (
    require_real_services,
    start_worker,
    stop_worker,
    wait_for_mail,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path):
    """A worker on a queue of its own, sending mail into tmp_path/mail."""
    require_real_services()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    process = start_worker(
        tmp_path,
        queue,
        {
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "DJANGO_EMAIL_FILE_PATH": str(mail_dir),
        },
    )
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield process, mail_dir
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = saved
        stop_worker(process)


def test_worker_runs_a_task_and_returns_its_result(worker):
    process, mail_dir = worker
    # The portal ignores results (CELERY_TASK_IGNORE_RESULT); this test asks for one.
    result = send_email.apply_async(
        ("Kiểm tra", "Nội dung thử", ["a@example.vn"]), ignore_result=False
    )
    try:
        value = result.get(timeout=60)
    except Exception as exc:  # show the worker's log, not just a timeout
        pytest.fail(f"{exc!r}\n{Path(process.log_path).read_text()}")
    assert value == 1
    assert result.status == "SUCCESS"
    files = list(mail_dir.iterdir())
    assert len(files) == 1
    assert "a@example.vn" in files[0].read_text()


def test_password_reset_mail_is_sent_by_the_worker(worker, client, home_page):
    process, mail_dir = worker
    UserFactory(username="quen", email="quen@example.vn")
    response = client.post(
        reverse("people:password_reset"), {"email": "quen@example.vn"}
    )
    assert response.status_code == 302

    sent = wait_for_mail(mail_dir)
    assert sent, Path(process.log_path).read_text()
    text = sent[0].read_text()
    assert "To: quen@example.vn" in text
    assert "/tai-khoan/dat-lai-mat-khau/" in text
