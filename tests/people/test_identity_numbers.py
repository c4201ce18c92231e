"""Personal ID numbers at rest: encrypted in the column, found by their keyed hash,
unique, and readable across a key rotation (people/encryption.py). Runs on SQLite
and, with DATABASE_URL, on PostgreSQL."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from people.identity_numbers import digest, mask
from people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NUMBER = "001204277361"


def stored(user):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT citizen_id, citizen_id_digest FROM people_user WHERE id = %s",
            [user.pk],
        )
        return cursor.fetchone()


def test_the_column_holds_a_token_and_the_number_is_found_by_its_hash():
    user = UserFactory(citizen_id=NUMBER)
    UserFactory(citizen_id="")
    token, hashed = stored(user)
    assert NUMBER not in token and "277361" not in token
    assert token.startswith("gAAAA")  # a Fernet token (version byte 0x80)
    assert hashed == digest(NUMBER) and NUMBER not in hashed
    assert stored(UserFactory(citizen_id="")) == ("", "")

    assert User.objects.get(pk=user.pk).citizen_id == NUMBER
    assert list(User.objects.with_citizen_id(f" {NUMBER} ")) == [user]
    assert not User.objects.with_citizen_id("001204277362").exists()
    assert not User.objects.with_citizen_id("").exists()
    assert User.objects.filter(citizen_id="").count() == 2
    with pytest.raises(FieldError):  # a token never matches: asking is a bug
        User.objects.filter(citizen_id=NUMBER).exists()

    # A changed number changes its hash, bulk updates included (they skip save()).
    user.citizen_id = "079301000001"
    User.objects.bulk_update([user], ["citizen_id", "citizen_id_digest"])
    assert list(User.objects.with_citizen_id("079301000001")) == [user]
    assert not User.objects.with_citizen_id(NUMBER).exists()
    assert mask(User.objects.get(pk=user.pk).citizen_id) == "******000001"


def test_a_number_belongs_to_one_account():
    UserFactory(citizen_id=NUMBER)
    second = User(username="hs2", full_name="Trần Thị Bình", citizen_id=NUMBER)
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert "citizen_id" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    assert User.objects.with_citizen_id(NUMBER).count() == 1


def test_key_rotation_reads_old_tokens_and_rewrites_them_with_the_new_key(settings):
    old_key = settings.PERSONAL_ID_KEYS[0]
    user = UserFactory(citizen_id=NUMBER)
    old_token, _ = stored(user)
    new_key = Fernet.generate_key().decode()
    with override_settings(PERSONAL_ID_KEYS=[new_key, old_key]):
        assert User.objects.get(pk=user.pk).citizen_id == NUMBER
        call_command("reencrypt_personal_ids", verbosity=0)
    new_token, hashed = stored(user)
    assert new_token != old_token and hashed == digest(NUMBER)
    assert Fernet(new_key).decrypt(new_token.encode()).decode() == NUMBER
    with override_settings(PERSONAL_ID_KEYS=[new_key]):  # the old key dropped
        assert User.objects.get(pk=user.pk).citizen_id == NUMBER
