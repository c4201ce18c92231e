"""A cheaper hasher for one-time temporary passwords, upgraded at first sign-in.

Django's default PBKDF2 (1,000,000 iterations) costs ~0.4 s per hash on this
hardware: 1,000 roster accounts would take minutes. Temporary passwords are long and
random (≥ 50 bits, see people.accounts), and the account must change it at first
sign-in, so a lighter PBKDF2 is enough for the few days it lives: at 10,000
iterations, guessing one 50-bit password still takes years of GPU work. Because
this hasher is not first in PASSWORD_HASHERS, Django re-hashes with the default one
at the first successful sign-in; the forced password change then replaces it anyway.
Passwords people choose always use the default hasher.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class TemporaryPasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_temporary"
    iterations = 10_000
