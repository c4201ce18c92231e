"""Create the key that signs certificates' credentials, or rotate it.

    manage.py make_signing_key            # once, at installation (idempotent)
    manage.py make_signing_key --rotate   # a new key signs from now on

Rotating keeps the old key files: their public halves stay in the JWKS and the DID
document, so credentials signed before still verify (docs/credentials.md).
"""

from django.core.management.base import BaseCommand

from certificates.credentials import keys


class Command(BaseCommand):
    help = "Create (or with --rotate, replace) the credential signing key."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Make a new key the signing key; old keys stay published.",
        )

    def handle(self, *args, rotate=False, **options):
        kid, created = keys.make_key(rotate=rotate)
        folder = keys.key_dir()
        if created:
            self.stdout.write(f"New signing key {kid} in {folder}")
        else:
            self.stdout.write(f"Signing key {kid} already exists in {folder}")
