"""Sign-in throttling: a username is paused on one device after a few failures, with
the same page whether or not the account exists, and opens again after the cool-off."""

import html
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse

from config.login_throttling import lockout_message
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 3
SCHOOL = "203.0.113.10"  # a school's one public address


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def sign_in(client, username, password, address=SCHOOL):
    return client.post(
        reverse("people:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def page_without_tokens(response):
    """The page a visitor sees, without what differs by nature (CSRF token, the
    username typed back into the field)."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.text)
    return re.sub(r'name="username" value="[^"]*"', "", text)


def test_locks_after_the_limit_even_with_the_right_password(client, password):
    UserFactory(username="hocsinh")
    for _ in range(LIMIT - 1):
        response = sign_in(client, "hocsinh", "sai-mat-khau")
        assert response.status_code == 200
    response = sign_in(client, "hocsinh", "sai-mat-khau")
    assert response.status_code == 429
    assert html.escape(lockout_message()) in response.text
    # The sign-in form is still there, to try again later.
    assert 'name="password"' in response.text

    response = sign_in(client, "hocsinh", password)
    assert response.status_code == 429
    assert not signed_in(client)


def test_same_answer_whether_or_not_the_account_exists(client):
    UserFactory(username="hocsinh")
    pages = {}
    for username in ("hocsinh", "khongtontai"):
        for _ in range(LIMIT):
            response = sign_in(client, username, "sai-mat-khau")
        pages[username] = (response.status_code, page_without_tokens(response))
    assert pages["hocsinh"][0] == pages["khongtontai"][0] == 429
    assert pages["hocsinh"][1] == pages["khongtontai"][1]


def test_before_the_limit_the_usual_message_is_the_same_for_both(client):
    UserFactory(username="hocsinh")
    known = sign_in(client, "hocsinh", "sai-mat-khau")
    unknown = sign_in(client, "khongtontai", "sai-mat-khau")
    assert known.status_code == unknown.status_code == 200
    assert page_without_tokens(known) == page_without_tokens(unknown)


def test_case_and_spaces_do_not_give_extra_tries(client, password):
    UserFactory(username="hocsinh")
    for variant in ("HocSinh", " hocsinh", "HOCSINH "):
        response = sign_in(client, variant, "sai-mat-khau")
    assert response.status_code == 429
    assert sign_in(client, "hocsinh", password).status_code == 429


def test_classmates_on_the_same_address_and_the_pupil_elsewhere_are_not_locked(
    client, password
):
    UserFactory(username="hocsinh")
    UserFactory(username="banhoc")
    for _ in range(LIMIT):
        sign_in(client, "hocsinh", "sai-mat-khau")
    response = sign_in(client, "banhoc", password)
    assert response.status_code == 302
    client.logout()
    response = sign_in(client, "hocsinh", password, address="198.51.100.4")
    assert response.status_code == 302


def test_opens_again_after_the_cool_off(client, password, settings):
    UserFactory(username="hocsinh")
    for _ in range(LIMIT):
        sign_in(client, "hocsinh", "sai-mat-khau")
    assert sign_in(client, "hocsinh", password).status_code == 429
    # Let the cool-off pass: move the recorded failures back in time.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME
    )
    response = sign_in(client, "hocsinh", password)
    assert response.status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_clears_earlier_failures(client, password):
    UserFactory(username="hocsinh")
    for _ in range(LIMIT - 1):
        sign_in(client, "hocsinh", "sai-mat-khau")
    assert sign_in(client, "hocsinh", password).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert sign_in(client, "hocsinh", "sai-mat-khau").status_code == 200


def test_wagtail_admin_sign_in_is_throttled_too(client, password):
    UserFactory(username="bientap", is_staff=True, is_superuser=True)
    for _ in range(LIMIT):
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": "bientap", "password": "sai-mat-khau"},
            REMOTE_ADDR=SCHOOL,
        )
    assert response.status_code == 429
    assert html.escape(lockout_message()) in response.text


def test_sign_in_without_a_request_is_not_throttled(password):
    """manage.py and the test client's login() have no client address to count."""
    from django.contrib.auth import authenticate

    user = UserFactory(username="hocsinh")
    assert authenticate(username="hocsinh", password=password) == user
