import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, login, password):
    return client.post(
        reverse("people:login"), {"username": login, "password": password}, follow=True
    )


def test_sign_in_with_username(client, home_page, password):
    user = UserFactory(username="hocsinh")
    response = sign_in(client, "hocsinh", password)
    assert response.context["user"] == user
    assert user.get_short_name() in response.text


def test_sign_in_with_email_in_any_case(client, home_page, password):
    user = UserFactory(username="giaovien", email="co.lan@truong.edu.vn")
    response = sign_in(client, "  CO.LAN@truong.edu.vn ", password)
    assert response.context["user"] == user


def test_wrong_password_shows_vietnamese_message_and_signs_nobody_in(client, password):
    UserFactory(username="hocsinh")
    response = sign_in(client, "hocsinh", "sai-mat-khau")
    assert not response.context["user"].is_authenticated
    assert "mật khẩu không đúng" in response.text


def test_an_email_cannot_belong_to_two_accounts_in_any_case(client, password):
    # Finding 8: a second "SOGD@…" made e-mail sign-in ambiguous for the first.
    owner = UserFactory(username="sogd", email="sogd@demo.example.vn")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(username="b", email="SOGD@demo.example.vn")])
    response = sign_in(client, "SOGD@Demo.Example.VN", password)
    assert response.context["user"] == owner


def test_inactive_user_cannot_sign_in(client, password):
    UserFactory(username="khoa", is_active=False)
    response = sign_in(client, "khoa", password)
    assert not response.context["user"].is_authenticated


def test_sign_out_needs_post_and_ends_the_session(client, home_page, password):
    UserFactory(username="hocsinh")
    sign_in(client, "hocsinh", password)
    assert client.get(reverse("people:logout")).status_code == 405
    response = client.post(reverse("people:logout"), follow=True)
    assert not response.context["user"].is_authenticated


def test_flagged_user_must_change_password_first(client, home_page, password):
    user = UserFactory(username="moi", must_change_password=True)
    sign_in(client, "moi", password)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:password_change")

    new_password = "Mot-mat-khau-moi-2026"
    response = client.post(
        reverse("people:password_change"),
        {
            "old_password": password,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert user.check_password(new_password)
    assert client.get("/").status_code == 200


def test_password_change_rejects_a_weak_password_and_keeps_the_old(client, password):
    user = UserFactory(username="yeu")
    sign_in(client, "yeu", password)
    response = client.post(
        reverse("people:password_change"),
        {"old_password": password, "new_password1": "123", "new_password2": "123"},
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(password)


def test_password_reset_mail_goes_through_celery_and_link_works(
    client, home_page, django_capture_on_commit_callbacks
):
    email = "quen@example.vn"
    user = UserFactory(username="quen", email=email, must_change_password=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:password_reset"), {"email": email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["quen@example.vn"]
    lines = message.body.splitlines()
    link = next(line for line in lines if "/dat-lai-mat-khau/" in line)
    path = link.split("testserver", 1)[1]

    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    new_password = "Mat-khau-dat-lai-2026"
    response = client.post(
        form_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert not user.must_change_password


def test_password_reset_for_unknown_email_sends_nothing_and_reveals_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:password_reset"), {"email": "ai@dau.vn"})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:password_reset_done")
    assert mail.outbox == []
