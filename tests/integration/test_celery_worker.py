"""A real Celery worker process on Redis picks up the portal's tasks."""

import pytest
from django.urls import reverse

from people.tasks import send_email
from tests.factories import UserFactory
from tests.services import wait_for_mail

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_worker_runs_a_task_and_returns_its_result(celery_worker):
    # The portal ignores results (CELERY_TASK_IGNORE_RESULT); this test asks for one.
    result = send_email.apply_async(
        ("Kiểm tra", "Nội dung thử", ["a@example.vn"]), ignore_result=False
    )
    try:
        value = result.get(timeout=60)
    except Exception as exc:  # show the worker's log, not just a timeout
        pytest.fail(f"{exc!r}\n{celery_worker.log()}")
    assert value == 1
    assert result.status == "SUCCESS"
    files = list(celery_worker.mail.iterdir())
    assert len(files) == 1
    assert "a@example.vn" in files[0].read_text()


def test_password_reset_mail_is_sent_by_the_worker(celery_worker, client, home_page):
    UserFactory(username="quen", email="quen@example.vn")
    response = client.post(
        reverse("people:password_reset"), {"email": "quen@example.vn"}
    )
    assert response.status_code == 302

    sent = wait_for_mail(celery_worker.mail)
    assert sent, celery_worker.log()
    text = sent[0].read_text()
    assert "To: quen@example.vn" in text
    assert "/tai-khoan/dat-lai-mat-khau/" in text
