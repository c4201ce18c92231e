"""Sign-in and password reset answer the same whether or not an account exists."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _page(response, typed):
    """The page with what differs by design removed: the CSRF token and the name
    the person typed (echoed back into the form)."""
    text = response.content.decode()
    return TOKEN.sub("", text).replace(typed, "TYPED")


@pytest.fixture
def existing(db):
    return UserFactory(username="tranthimai", email="mai@example.vn")


WRONG = "sai-mat-khau-1"


def _sign_in(username):
    client = Client(REMOTE_ADDR="127.0.0.1")
    return client.post(
        reverse("people:login"), {"username": username, "password": WRONG}
    )


def test_a_wrong_password_and_an_unknown_account_get_the_same_answer(existing):
    for known, unknown in [("tranthimai", "khongcoai"), ("mai@example.vn", "x@y.vn")]:
        wrong_password = _sign_in(known)
        no_account = _sign_in(unknown)
        assert wrong_password.status_code == no_account.status_code == 200
        assert _page(wrong_password, known) == _page(no_account, unknown)
        errors = wrong_password.context["form"].non_field_errors()
        assert errors == no_account.context["form"].non_field_errors()
        assert errors  # and the message is there


def test_locking_out_looks_the_same_for_known_and_unknown_accounts(existing):
    limit = getattr(settings, "AXES_FAILURE_LIMIT", None)
    if limit is None or not getattr(settings, "AXES_ENABLED", True):
        pytest.skip("no sign-in throttling configured")
    answers = {}
    for username in ("tranthimai", "khongcoai"):
        responses = [_sign_in(username) for _ in range(limit + 1)]
        answers[username] = [(r.status_code, _page(r, username)) for r in responses]
    assert answers["tranthimai"] == answers["khongcoai"]
    assert answers["tranthimai"][-1][0] != 200  # the last one was refused


def test_password_reset_answers_the_same_and_mails_only_the_owner(
    existing, django_capture_on_commit_callbacks
):
    responses = {}
    for email in ("mai@example.vn", "khongcoai@example.vn"):
        with django_capture_on_commit_callbacks(execute=True):
            responses[email] = Client().post(
                reverse("people:password_reset"), {"email": email}
            )
    known, unknown = responses.values()
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    done = Client().get(known["Location"])
    assert done.status_code == 200
    assert [m.to for m in mail.outbox] == [["mai@example.vn"]]
