"""Straggler lists and a bulk reminder job over the seeded province
(benchmarks/stats.py).

``measure_straggler_lists``: each of the four province-wide lists as its page asks
for it (the count and the first page of 50), median of warm rounds, in ms.
``measure_reminder_job``: one reminder job for up to 100,000 learners (one
not-started enrolment each, all with an e-mail address), run in-process as the
eager worker would, e-mails to Django's file-based backend; learners per second.
Runs inside a process where Django is set up, on PostgreSQL.
"""

import statistics
import tempfile
import time
from pathlib import Path

from .output import comment

JOB_LEARNERS = 100_000


def administrator_of(province_pk):
    from people.models import Membership, User

    user = User.objects.create_user(
        "sogd_bench_reminders", password=None, full_name="Sở GD", email=""
    )
    Membership.objects.create(
        user=user, organisation_id=province_pk, role=Membership.Role.ADMINISTRATOR
    )
    return user


def measure_straggler_lists(user, rounds):
    """{reason: median ms} of count + first page of each province-wide list."""
    from django.core.paginator import Paginator

    from courses.models import Notice
    from reports.stragglers import rules
    from reports.stragglers.filters import StragglerFilters
    from reports.tree import UnitTree

    found = {}
    for reason in Notice.Kind.values:
        times, count = [], 0
        for i in range(rounds + 1):
            user.__dict__.pop("_scope_paths", None)
            start = time.perf_counter()
            filters = StragglerFilters.for_user(user, reason, {})
            tree = UnitTree()
            count = rules.stragglers(filters, tree=tree).count()
            paginator = Paginator(rules.page_rows(filters, tree=tree), 50)
            paginator.__dict__["count"] = count
            rows = list(paginator.get_page(1).object_list)
            elapsed = (time.perf_counter() - start) * 1000
            if i:  # the first round warms up connections and caches
                times.append(elapsed)
        found[reason] = statistics.median(times)
        comment(
            f"stragglers {reason}: {count} enrolments, {len(rows)} on page 1, "
            f"{found[reason]:.0f} ms"
        )
    return found


def _job_enrolments(limit):
    """One not-started enrolment per learner, for ``limit`` learners."""
    from courses.models import Enrolment

    return list(
        Enrolment.objects.active()
        .filter(started_at__isnull=True, completed_at__isnull=True)
        .order_by("user_id", "pk")
        .distinct("user_id")
        .values_list("pk", flat=True)[:limit]
    )


def measure_reminder_job(user, learners=JOB_LEARNERS):
    """(learners reminded, seconds, e-mail files' MiB) of one bulk reminder job."""
    from django.db import connection
    from django.test import override_settings

    from people.models import User
    from reports.models import ReminderJob
    from reports.stragglers.filters import StragglerFilters
    from reports.stragglers.jobs import run_job

    ids = _job_enrolments(learners)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {User._meta.db_table} SET email = username || '@example.vn' "  # noqa: S608
            "WHERE email = '' AND NOT is_staff"
        )
    filters = StragglerFilters.for_user(user, "not_started", {})
    job = ReminderJob.objects.create(
        requested_by=user,
        reason="not_started",
        filters=filters.to_dict(),
        enrolment_ids=ids,
    )
    with tempfile.TemporaryDirectory() as folder:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=folder,
        ):
            start = time.perf_counter()
            run_job(job.pk)
            seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
    job.refresh_from_db()
    comment(
        f"reminder job: {len(ids)} enrolments, {job.sent} reminded, {job.emailed} "
        f"e-mails ({size / 2**20:.0f} MiB in files), {job.skipped} skipped, "
        f"status {job.status}"
    )
    return job.sent, seconds
