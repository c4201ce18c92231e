"""Password reset: the request does the same steps for any e-mail and leaves the
mail to a Celery task; it is rate limited per address and per e-mail, on the site
and in Wagtail's admin, with the cache up or down (issue 14 finding 9)."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people import reset_limits, tasks
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SITE = "people:password_reset"
ADMIN = "wagtailadmin_password_reset"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 5
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 2
    reset_limits._local_counts.clear()  # the fallback's counts outlive a test
    yield
    reset_limits._local_counts.clear()


@pytest.fixture
def owner(db):
    return UserFactory(username="tranthimai", email="mai@example.vn")


def _reset(email, route=SITE, address="203.0.113.10"):
    return Client(REMOTE_ADDR=address).post(reverse(route), {"email": email})


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what a request queues on commit, as after a real request's transaction."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(
        tasks.send_password_reset, "delay", lambda *args: calls.append(args)
    )
    return calls


def test_known_and_unknown_emails_take_the_same_steps(
    owner, queued, django_capture_on_commit_callbacks
):
    steps = {}
    for email in ("mai@example.vn", "khongcoai@example.vn"):
        with (
            django_capture_on_commit_callbacks(execute=True),
            CaptureQueriesContext(connection) as queries,
        ):
            response = _reset(email)
        assert response.status_code == 302
        steps[email] = [q["sql"] for q in queries.captured_queries]
        # No account is looked up while the person waits.
        assert not any("people_user" in sql for sql in steps[email])
    assert len(steps["mai@example.vn"]) == len(steps["khongcoai@example.vn"])
    assert [call[0] for call in queued] == ["mai@example.vn", "khongcoai@example.vn"]
    assert [call[1:] for call in queued][0] == [call[1:] for call in queued][1]
    assert not mail.outbox  # the worker sends, not the request


def test_the_worker_mails_the_owner_only(owner, django_capture_on_commit_callbacks):
    for email in ("MAI@example.vn", "khongcoai@example.vn"):
        with django_capture_on_commit_callbacks(execute=True):
            _reset(email)
    assert [m.to for m in mail.outbox] == [["mai@example.vn"]]
    assert "/tai-khoan/dat-lai-mat-khau/" in mail.outbox[0].body
    assert "Xin chào" in mail.outbox[0].body  # in Vietnamese, as the request was


def test_wagtails_admin_reset_is_queued_too(
    owner, queued, django_capture_on_commit_callbacks
):
    owner.is_staff = owner.is_superuser = True
    owner.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = _reset("mai@example.vn", route=ADMIN)
    assert response.status_code == 302
    assert queued[0][:2] == ("mai@example.vn", "admin")
    assert not mail.outbox
    tasks.send_password_reset.run(*queued[0])  # what the worker does
    assert [m.to for m in mail.outbox] == [["mai@example.vn"]]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


@pytest.mark.parametrize("route", [SITE, ADMIN])
def test_one_email_is_limited_from_any_address(route, owner, queued, on_commit):
    with on_commit():
        answers = [
            _reset("mai@example.vn", route, address=f"198.51.100.{n}").status_code
            for n in range(4)
        ]
    assert answers == [302, 302, 429, 429]
    assert len(queued) == 2
    refused = _reset("mai@example.vn", route)
    assert "Bạn đã yêu cầu đặt lại mật khẩu quá nhiều lần" in refused.text


@pytest.mark.parametrize("route", [SITE, ADMIN])
def test_one_address_is_limited_across_emails(route, queued, on_commit):
    with on_commit():
        answers = [_reset(f"nguoi{n}@example.vn", route).status_code for n in range(7)]
    assert answers == [302] * 5 + [429] * 2
    assert len(queued) == 5


@pytest.mark.parametrize(
    "backend",
    [
        # Redis down: the portal's cache drops writes and misses every read.
        {
            "BACKEND": "config.cache.FallbackRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        },
        {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    ],
)
def test_the_limit_holds_when_the_cache_keeps_nothing(backend, settings, owner, queued):
    settings.CACHES = {"default": backend}
    answers = [_reset("mai@example.vn").status_code for _ in range(3)]
    assert answers == [302, 302, 429]
