"""Sign-in throttling (people/sign_in_throttle.py): one count per account, a short
growing wait for learners and a pause for staff after a few failures, with the same
page whether or not the account exists; a known browser is counted apart."""

import html
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.urls import reverse

from config.login_throttling import lockout_message
from people.models import Membership
from people.sign_in_devices import COOKIE
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 3
SCHOOL = "203.0.113.10"  # a school's one public address


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    settings.SIGN_IN_DELAY_SECONDS = 2
    settings.SIGN_IN_DELAY_MAX_SECONDS = 30


def sign_in(client, username, password, address=SCHOOL):
    return client.post(
        reverse("people:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def let_pass(seconds):
    """Move the recorded failures back in time, as if ``seconds`` had passed."""
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - timedelta(seconds=seconds)
    )


def sign_out_keeping_the_device(client):
    """Sign out as a browser does: the test client's logout() drops every cookie."""
    device = client.cookies[COOKIE].value
    client.logout()
    client.cookies[COOKIE] = device


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
    assert html.escape(lockout_message(2)) in response.text
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


def test_a_learner_waits_a_few_seconds_more_each_time_not_a_quarter_hour(
    client, password
):
    UserFactory(username="hocsinh")
    for _ in range(LIMIT):
        sign_in(client, "hocsinh", "sai-mat-khau")
    waits = []
    for _ in range(6):
        response = sign_in(client, "hocsinh", "sai-mat-khau")
        assert response.status_code == 429  # still waiting: refused unchecked
        waits.append(response.wsgi_request.sign_in_wait_seconds)
        let_pass(60)
        sign_in(client, "hocsinh", "sai-mat-khau")  # after the wait: counted
    assert waits == [2, 4, 8, 16, 30, 30]
    # Tries during a wait did not lengthen it; the right password after it works.
    assert sign_in(client, "hocsinh", password).status_code == 429
    let_pass(30)
    response = sign_in(client, "hocsinh", password)
    assert response.status_code == 302
    assert signed_in(client)


def test_staff_are_paused_for_the_cool_off(client, password, settings):
    staff = UserFactory(username="giaovien")
    MembershipFactory(user=staff, role=Membership.Role.COORDINATOR)
    for _ in range(LIMIT):
        response = sign_in(client, "giaovien", "sai-mat-khau")
    assert response.status_code == 429
    assert html.escape(lockout_message(15 * 60)) in response.text
    let_pass(60)
    assert sign_in(client, "giaovien", password).status_code == 429
    let_pass(settings.AXES_COOLOFF_TIME.total_seconds())
    assert sign_in(client, "giaovien", password).status_code == 302


def test_username_and_email_of_one_account_are_counted_once(client, password):
    UserFactory(username="hocsinh", email="HocSinh@Example.vn")
    logins = ["hocsinh", "hocsinh@example.vn", " HOCSINH@example.VN"]
    answers = [sign_in(client, login, "sai-mat-khau").status_code for login in logins]
    assert answers == [200] * (LIMIT - 1) + [429]
    assert AccessAttempt.objects.get().username == "hocsinh"
    assert sign_in(client, "hocsinh", password).status_code == 429


def test_a_storm_from_the_school_address_does_not_hold_a_known_device(client, password):
    """Someone behind the school's NAT hammers a pupil's predictable username; the
    pupil, on the phone or PC where they signed in before, still gets in."""
    UserFactory(username="hocsinh")
    pupil = client
    assert sign_in(pupil, "hocsinh", password).status_code == 302
    sign_out_keeping_the_device(pupil)
    attacker = Client()
    for _ in range(LIMIT * 3):
        sign_in(attacker, "hocsinh", "sai-mat-khau")
    assert sign_in(attacker, "hocsinh", password).status_code == 429
    response = sign_in(pupil, "hocsinh", password)
    assert response.status_code == 302
    assert signed_in(pupil)


def test_a_known_device_has_its_own_equally_strict_count(client, password):
    UserFactory(username="hocsinh")
    sign_in(client, "hocsinh", password)
    sign_out_keeping_the_device(client)
    for _ in range(LIMIT):
        response = sign_in(client, "hocsinh", "sai-mat-khau")
    assert response.status_code == 429
    # The cookie only speaks for the accounts that signed in on that browser.
    UserFactory(username="banhoc")
    for _ in range(LIMIT):
        response = sign_in(client, "banhoc", "sai-mat-khau")
    assert response.status_code == 429
    assert sign_in(Client(), "banhoc", password).status_code == 429


def test_a_forged_device_cookie_counts_as_no_device(client, password):
    UserFactory(username="hocsinh")
    for _ in range(LIMIT):
        sign_in(Client(), "hocsinh", "sai-mat-khau")
    client.cookies[COOKIE] = "forged:value"
    assert sign_in(client, "hocsinh", password).status_code == 429


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
    assert html.escape(lockout_message(15 * 60)) in response.text


def test_sign_in_without_a_request_is_not_throttled(password):
    """manage.py and the test client's login() have no client address to count."""
    from django.contrib.auth import authenticate

    user = UserFactory(username="hocsinh")
    assert authenticate(username="hocsinh", password=password) == user
