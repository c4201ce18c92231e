"""manage.py reencrypt_personal_ids — rewrite every personal ID number with the first
key of DJANGO_PERSONAL_ID_KEYS and its digest under DJANGO_PERSONAL_ID_HASH_KEY.

Key rotation: put the new key first (the old one after it), run this, then remove
the old key. After changing the hash key, run it with the old encryption keys still
listed. All or nothing (one transaction)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from people.models import User

BATCH = 1000


class Command(BaseCommand):
    help = "Re-encrypt personal ID numbers with the newest key and recompute digests."

    def handle(self, **options):
        users = User.objects.exclude(citizen_id="").only("pk", "citizen_id")
        done = 0
        with transaction.atomic():
            batch = []
            for user in users.order_by("pk").iterator(chunk_size=BATCH):
                batch.append(user)  # decrypted with any key; written with the first
                if len(batch) == BATCH:
                    done += self._write(batch)
                    batch = []
            done += self._write(batch)
        self.stdout.write(f"{done} personal ID numbers re-encrypted.")

    def _write(self, users):
        User.objects.bulk_update(users, ["citizen_id", "citizen_id_digest"])
        return len(users)
