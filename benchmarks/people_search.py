"""The department administrator's pages over a province-sized population.

Run from the repository root:

    .venv/bin/python benchmarks/people_search.py [--people 50000]

Seeds, in a throw-away SQLite file (or the database of ``DATABASE_URL``, which must
be empty and disposable), one province with 100 communes, 400 schools, ``--people``
learners spread over them (made-up Vietnamese names, fixed seed) and 10,000 audit
entries; the administrator of the province then searches (diacritics left out), opens
the audit log and a person, in-process through Django's test client (test settings:
locmem cache, no network). Each page is requested 15 times after one warm-up.

Prints ``people_search_ms`` / ``audit_log_ms`` / ``person_page_ms`` (median) and
``*_queries`` (queries of one request: they must not depend on the population).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Nông"]
MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Minh", "Ngọc", "Hữu", "Thanh"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hạnh", "Khánh", "Linh", "Nam", "Tú"]


def seed(people):
    from django.db import transaction

    from people import audit
    from people.models import AuditEntry, Membership, Organisation, User
    from people.text import fold, vietnamese_sort_key

    rng = random.Random(2026)
    province = Organisation.add_root(
        code="19", name="Tỉnh Thái Nguyên", kind="province"
    )
    schools = []
    for c in range(100):
        commune = province.add_child(
            code=f"19-X{c:03d}", name=f"Xã số {c}", kind="commune"
        )
        for s in range(4):
            schools.append(
                commune.add_child(
                    code=f"19-T{c:03d}{s}", name=f"Trường số {c}-{s}", kind="school"
                )
            )
            commune = Organisation.objects.get(pk=commune.pk)
        province = Organisation.objects.get(pk=province.pk)
    users = []
    for n in range(people):
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        users.append(
            User(
                username=f"hs{n:06d}",
                full_name=name,
                name_sort_key=vietnamese_sort_key(name),
                search_name=fold(name),
                citizen_id=f"{19_000_000_0000 + n:012d}",
            )
        )
    User.objects.bulk_create(users, batch_size=2000)
    ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    Membership.objects.bulk_create(
        [
            Membership(
                user_id=pk, organisation=schools[i % len(schools)], role="learner"
            )
            for i, pk in enumerate(ids)
        ],
        batch_size=2000,
    )
    admin = User.objects.create_user("sogd", password="x", full_name="Hoàng Văn Thắng")
    Membership.objects.create(user=admin, organisation=province, role="administrator")
    with transaction.atomic():
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    actor=admin,
                    action=audit.Action.APPOINT,
                    target_user_id=ids[i % len(ids)],
                    organisation=schools[i % len(schools)],
                    after={"role": "viewer", "organisation": "x"},
                )
                for i in range(10_000)
            ],
            batch_size=2000,
        )
    return admin, ids[len(ids) // 2]


def measure(client, url, params=None, repeat=15):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50_000)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    admin, someone = seed(args.people)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    seconds = time.perf_counter() - started
    print(f"# {engine}, {args.people} learners seeded in {seconds:.0f} s")
    client = Client()
    client.force_login(admin)
    for name, url, params in [
        ("people_search", reverse("people_admin:people"), {"q": "nguyen van an"}),
        ("audit_log", reverse("people_admin:audit"), None),
        ("person_page", reverse("people_admin:person", args=[someone]), None),
    ]:
        ms, queries = measure(client, url, params)
        print(f"{name}_ms: {ms:.1f} ms")
        print(f"{name}_queries: {queries} queries")
    tmp.cleanup()


if __name__ == "__main__":
    main()
