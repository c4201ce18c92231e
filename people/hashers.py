"""A cheaper hasher for one-time temporary passwords, upgraded at first sign-in.

Django's default PBKDF2 (1,000,000 iterations) costs ~0.4 s per hash on this
hardware: 1,000 roster accounts would take minutes. Temporary passwords are long and
random (≥ 50 bits, see people.accounts), and the account must change it at first
sign-in, so a lighter PBKDF2 is enough for the few days it lives: at 10,000
iterations, guessing one 50-bit password still takes years of GPU work. Because
this hasher is not first in PASSWORD_HASHERS, Django re-hashes with the default one
at the first successful sign-in; the forced password change then replaces it anyway.
Passwords people choose always use the default hasher.

A wrong password must cost what it costs on any other account, or the answer time
tells who is still on a roster password (16 ms against 250 ms, issue 14 finding 9):
Django evens out work factors only within one algorithm (``harden_runtime``), so a
failed check here also runs the default hasher once.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher


class TemporaryPasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_temporary"
    iterations = 10_000

    def verify(self, password, encoded):
        correct = super().verify(password, encoded)
        if not correct:
            self.harden_runtime(password, encoded)
        return correct

    def harden_runtime(self, password, encoded):
        """The default hasher's full work, on a throw-away salt."""
        default = get_hasher("default")
        if default.algorithm != self.algorithm:
            default.encode(password, default.salt())
