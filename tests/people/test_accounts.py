import io
import unicodedata
from datetime import date

import pytest
from django.contrib.auth import authenticate
from pypdf import PdfReader

from people.accounts import (
    PASSWORD_ALPHABET,
    UsernameAllocator,
    hash_temporary_password,
    temporary_password,
    username_base,
)
from people.models import User
from people.rosters.slips import Slip, render_slips, sort_slips
from tests.factories import UserFactory


def test_username_is_predictable_from_name_and_birthday():
    assert username_base("Trần Thị Thu Ánh", date(2010, 6, 16)) == "anhttt1606"
    assert username_base("Đỗ Văn Đức") == "ducdv"
    assert username_base(unicodedata.normalize("NFD", "Lê Ánh")) == "anhl"


@pytest.mark.django_db
def test_usernames_are_unique_within_a_batch_and_against_the_database():
    UserFactory(username="anhttt1606")
    allocator = UsernameAllocator(["anhttt1606"])
    assert allocator.allocate("anhttt1606") == "anhttt1606.2"
    assert allocator.allocate("anhttt1606") == "anhttt1606.3"


def test_temporary_passwords_are_random_and_unambiguous():
    passwords = {temporary_password() for _ in range(200)}
    assert len(passwords) == 200
    assert all(len(p) == 10 and set(p) <= set(PASSWORD_ALPHABET) for p in passwords)
    assert not set("0O1lI") & set(PASSWORD_ALPHABET)


@pytest.mark.django_db
def test_temporary_hash_is_upgraded_to_the_default_at_first_sign_in(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "people.hashers.TemporaryPasswordHasher",
    ]
    user = UserFactory(username="moi")
    user.password = hash_temporary_password("tamthoi234")
    user.save()
    assert user.password.startswith("pbkdf2_sha256_temporary$10000$")
    assert authenticate(username="moi", password="tamthoi234") == user
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$")


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return [page.extract_text() for page in reader.pages]


def test_login_slips_ten_per_page_sorted_the_vietnamese_way():
    names = [f"Nguyễn Văn {given}" for given in ["Bình", "An", "Ánh", "Đạt", "Dũng"]]
    names += [unicodedata.normalize("NFD", "Trần Thị Ánh Tuyết")]
    names += [f"Lê Học Sinh {n}" for n in range(6)]
    slips = [
        Slip(name, "10A1", "Trường THPT Bắc Kạn", f"user{n}", f"pass{n:06d}")
        for n, name in enumerate(names)
    ]
    pdf = render_slips(
        sort_slips(slips), site_url="http://127.0.0.1:8000", portal_name="Cổng tập huấn"
    )
    pages = pdf_text(pdf)
    assert len(pages) == 2
    text = "\n".join(pages)
    assert "Trần Thị Ánh Tuyết" in text  # NFD input printed as NFC
    order = [
        text.index(f"Nguyễn Văn {g}\n") for g in ["An", "Ánh", "Bình", "Dũng", "Đạt"]
    ]
    assert order == sorted(order)
    assert "user0" in text and "pass000000" in text
    assert "http://127.0.0.1:8000" in text


@pytest.mark.django_db
def test_new_user_must_change_password(client):
    user = UserFactory(username="x")
    user.password = hash_temporary_password("abcdefgh23")
    user.must_change_password = True
    user.save()
    assert client.login(username="x", password="abcdefgh23")
    assert User.objects.get(pk=user.pk).must_change_password
