import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from people.models import User
from people.text import clean_text, given_name, vietnamese_sort_key
from tests.factories import UserFactory


def test_clean_text_normalises_decomposed_vietnamese_to_nfc():
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị  Ánh ")
    assert decomposed != "Nguyễn Thị Ánh"
    assert clean_text(decomposed) == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", clean_text(decomposed))


def test_names_sort_by_given_name_then_the_rest():
    names = ["Trần Văn Bình", "Nguyễn Thị Ánh", "Lê An", "Nguyễn Văn An"]
    ordered = sorted(names, key=vietnamese_sort_key)
    assert ordered == ["Lê An", "Nguyễn Văn An", "Nguyễn Thị Ánh", "Trần Văn Bình"]
    assert given_name("Nguyễn Văn An") == "An"


def test_vietnamese_alphabet_and_tones_order():
    # d < đ < e and a < ă < â in the alphabet; tones break ties: a, à, ả, ã, á, ạ.
    names = ["Đạt", "Dũng", "Em"]
    assert sorted(names, key=vietnamese_sort_key) == ["Dũng", "Đạt", "Em"]
    assert sorted(["Ân", "Ăn", "An"], key=vietnamese_sort_key) == ["An", "Ăn", "Ân"]
    tones = ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
    shuffled = ["Mạ", "Ma", "Má", "Mã", "Mả", "Mà"]
    assert sorted(shuffled, key=vietnamese_sort_key) == tones


@pytest.mark.django_db
def test_user_full_name_is_stored_nfc_and_sort_key_follows():
    user = UserFactory(full_name=unicodedata.normalize("NFD", "Phạm  Tiến Sơn"))
    user.refresh_from_db()
    assert user.full_name == "Phạm Tiến Sơn"
    assert user.name_sort_key == vietnamese_sort_key("Phạm Tiến Sơn")
    assert user.get_short_name() == "Sơn"
    assert str(user) == "Phạm Tiến Sơn"


@pytest.mark.django_db
def test_citizen_id_must_be_twelve_digits():
    user = UserFactory(citizen_id="00631067043", full_name="Nguyễn Văn Học")
    with pytest.raises(ValidationError) as excinfo:
        user.full_clean()
    assert "citizen_id" in excinfo.value.message_dict
    user.citizen_id = "006310670438"
    user.full_clean()


@pytest.mark.django_db
def test_citizen_id_is_unique_when_present_and_may_be_blank_for_many():
    UserFactory(citizen_id="006310670438")
    UserFactory(citizen_id="")
    UserFactory(citizen_id="")
    assert User.objects.filter(citizen_id="").count() == 2
    with pytest.raises(IntegrityError):
        UserFactory(citizen_id="006310670438")
