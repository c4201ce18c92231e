"""Encryption at rest of a short personal value, and its searchable keyed hash.

A column written by ``EncryptedCharField`` holds a Fernet token (AES-128-CBC +
HMAC-SHA256, a fresh IV each time): the same number never looks the same twice, so
the column cannot be searched. ``keyed_digest`` gives the stable HMAC-SHA256 under a
key of its own, which a ``DigestField`` keeps beside it for matching.

Why not django-fernet-encrypted-fields 0.4.0 (pinned, and it does run on Django
5.2): its keys are derived from ``SECRET_KEY`` (rotating the session secret after a
leak would make every number unreadable, and the leak would expose them); a token
that does not decrypt is handed back as if it were the value (a wrong key shows
ciphertext as the ID); ``clean()`` sets a flag on the field instance shared by every
thread; and an empty value is stored as NULL and read back as None. This field is
the few lines of cryptography's ``MultiFernet`` the portal needs.

Keys (config/settings/base.py, idcrypt block): ``PERSONAL_ID_KEYS``, newest first —
the first encrypts, each decrypts (rotation: put a new key in front, run
``manage.py reencrypt_personal_ids``, then drop the old key);
``PERSONAL_ID_HASH_KEY`` for the digests (changing it: the same command).
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models.lookups import Exact, IsNull
from django.db.models.query_utils import DeferredAttribute


@lru_cache(maxsize=4)
def _fernet(keys):
    return MultiFernet([Fernet(key) for key in keys])


def fernet():
    """The MultiFernet of the current settings (cached per key list)."""
    keys = tuple(settings.PERSONAL_ID_KEYS)
    if not keys:
        raise ImproperlyConfigured("PERSONAL_ID_KEYS is empty.")
    return _fernet(keys)


def encrypt(text):
    return fernet().encrypt(text.encode()).decode("ascii") if text else ""


def decrypt(token):
    """The plain text of ``token``. A token no key opens is an error, never shown."""
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeError):
        raise ImproperlyConfigured(
            "An encrypted personal value could not be decrypted: is the key it was "
            "written with missing from DJANGO_PERSONAL_ID_KEYS?"
        ) from None


def keyed_digest(text):
    """HMAC-SHA256 (hex) of ``text`` under PERSONAL_ID_HASH_KEY; '' for no text."""
    if not text:
        return ""
    key = settings.PERSONAL_ID_HASH_KEY.encode()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


class _DigestAttribute(DeferredAttribute):
    """Reads as the digest of the source field's current value, so ``save``,
    ``bulk_create`` and ``bulk_update`` (which call no ``save``) always write the
    digest of what they write; the stored value only when the source is not loaded."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        source = self.field.source
        if source in instance.__dict__:
            return keyed_digest(instance.__dict__[source] or "")
        return super().__get__(instance, cls)

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class _EmptyOnlyExact(Exact):
    """``field=""`` (has no value) works; any other value could never match a
    randomised token, so asking is a mistake made loud."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError(
                f"{self.lhs.target.name} is encrypted: match on its digest "
                "(e.g. User.objects.with_citizen_id)."
            )
        return super().get_prep_lookup()


class EncryptedCharField(models.CharField):
    """A CharField stored as a Fernet token (a text column); ``max_length`` limits
    the plain value. Empty stays '' in the column. Only ``=""`` and ``isnull``
    lookups are allowed: match on a ``DigestField`` of it instead."""

    def db_type(self, connection):
        return models.TextField().db_type(connection)

    def get_lookup(self, lookup_name):
        return {"exact": _EmptyOnlyExact, "isnull": IsNull}.get(lookup_name)

    def get_transform(self, lookup_name):
        return None

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = self.get_prep_value(value)
        return encrypt(value) if value else ""


class DigestField(models.CharField):
    """``keyed_digest`` of the model's field ``source``, kept by the attribute itself
    (see ``_DigestAttribute``); index it to find rows by the source's value."""

    descriptor_class = _DigestAttribute

    def __init__(self, *args, source, **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        del kwargs["editable"]
        return name, path, args, kwargs
