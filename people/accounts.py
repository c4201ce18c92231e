"""Accounts for students created from a roster: usernames and temporary passwords."""

import re
import secrets

from django.contrib.auth.hashers import make_password
from django.db.models import Q

from .models import User
from .text import fold

# No 0/O, 1/l/I: slips are read off paper and typed on phones.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # noqa: S105 (an alphabet)
PASSWORD_LENGTH = 10  # 32^10 ≈ 2^50
TEMPORARY_HASHER = "pbkdf2_sha256_temporary"


def temporary_password():
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def hash_temporary_password(raw):
    return make_password(raw, hasher=TEMPORARY_HASHER)


def username_base(full_name, date_of_birth=None):
    """Given name + initials of the rest + ddmm of birth: "Trần Thị Thu Ánh",
    16/06/2010 → "anhttt1606". Predictable, so a teacher can guess it."""
    words = [re.sub(r"[^a-z0-9]", "", w) for w in fold(full_name).split(" ")]
    words = [w for w in words if w]
    if not words:
        return "hocsinh"
    base = words[-1] + "".join(w[0] for w in words[:-1])
    if date_of_birth:
        base += date_of_birth.strftime("%d%m")
    return base[:30]


class UsernameAllocator:
    """Hands out unique usernames for a batch with one query for the whole batch."""

    def __init__(self, bases, chunk=200):
        bases = sorted(set(bases))
        self.taken = set()
        for start in range(0, len(bases), chunk):
            condition = Q()
            for base in bases[start : start + chunk]:
                condition |= Q(username__istartswith=base)
            self.taken.update(
                name.lower()
                for name in User.objects.filter(condition).values_list(
                    "username", flat=True
                )
            )

    def allocate(self, base):
        candidate, n = base, 1
        while candidate.lower() in self.taken:
            n += 1
            candidate = f"{base}.{n}"
        self.taken.add(candidate.lower())
        return candidate
