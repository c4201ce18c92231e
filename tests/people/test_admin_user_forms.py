"""The Wagtail admin's user forms keep the name rule and one account per e-mail
(issue 14, findings 2 and 8): model validators and the e-mail constraint, shown as
errors of their fields, and nothing saved."""

import pytest
from django.urls import reverse

from people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def create(client, **changes):
    data = {
        "username": "giaovien_moi",
        "email": "moi@truong.edu.vn",
        "first_name": "Lan",
        "last_name": "Nguyễn Thị",
        "password1": "Mat-khau-dai-2026!",
        "password2": "Mat-khau-dai-2026!",
    }
    data.update(changes)
    return client.post(reverse("wagtailusers_users:add"), data)


def test_a_valid_user_is_created_with_a_checked_name(admin_client):
    response = create(admin_client)
    assert response.status_code == 302
    assert User.objects.get(username="giaovien_moi").full_name == "Nguyễn Thị Lan"


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("first_name", "王", "“王”"),
        ("last_name", "Nguyễn\u202eThị", "U+202E"),
        ("first_name", "Lan 😀", "“😀”"),
    ],
)
def test_a_name_the_pdfs_cannot_print_is_a_form_error(
    admin_client, field, value, shown
):
    response = create(admin_client, **{field: value})
    assert response.status_code == 200
    assert shown in str(response.context["form"].errors[field])
    assert not User.objects.filter(username="giaovien_moi").exists()


def test_an_email_in_another_case_is_a_form_error_on_create_and_edit(admin_client):
    owner = UserFactory(username="sogd", email="sogd@demo.example.vn")
    response = create(admin_client, email="SOGD@Demo.Example.VN")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not User.objects.filter(username="giaovien_moi").exists()

    other = UserFactory(username="khac", email="khac@example.vn")
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[other.pk]),
        {
            "username": "khac",
            "email": "SoGD@demo.example.vn",
            "first_name": "Khác",
            "last_name": "Người",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    other.refresh_from_db()
    owner.refresh_from_db()
    assert other.email == "khac@example.vn" and owner.email == "sogd@demo.example.vn"
