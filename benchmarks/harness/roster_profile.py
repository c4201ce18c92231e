"""Where the apply step of a roster import spends its time: a separate in-process
run (``manage.py shell``) over a second file, with the read, plan, hashing, inserts
and slips timed one by one."""

import json
import textwrap

from .output import comment
from .roster_file import ROWS, write_roster
from .site import shell

PROFILE = textwrap.dedent(
    """\
    import json
    import time

    from django.contrib.auth.hashers import make_password
    from django.core.files import File

    from people.accounts import TEMPORARY_HASHER
    from people.models import Organisation, RosterImport, User
    from people.rosters import importing as roster_import
    from people.rosters import jobs as roster_jobs

    spent = {{}}

    def timed(module, name, label):
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                wall_cpu = spent.setdefault(label, [0, 0])
                wall_cpu[0] += time.perf_counter() - started
                wall_cpu[1] += time.process_time() - cpu

        setattr(module, name, wrapper)

    timed(roster_import, "read_roster", "read the file")
    timed(roster_import, "make_plan", "plan (match students)")
    timed(roster_import, "_hash_all", "hash 1,000 temporary passwords (threads)")
    timed(roster_import, "UsernameAllocator", "allocate usernames (query)")
    timed(User.objects, "bulk_create", "insert users (bulk_create)")
    timed(roster_import, "_ensure_memberships", "insert memberships")
    timed(roster_jobs, "apply_plan", "apply_plan (incl. hashing)")
    timed(roster_jobs, "render_slips", "render the slips PDF")

    school = Organisation.objects.get(code="19-T01")
    coordinator = User.objects.get(username="giaovien")
    job = RosterImport(
        organisation=school,
        school_year="{school_year}",
        created_by=coordinator,
        filename="profile.xlsx",
    )
    with open({path!r}, "rb") as handle:
        job.file.save("profile.xlsx", File(handle), save=False)
    job.save()

    started = time.perf_counter()
    roster_jobs.read_for_preview(job.pk)
    read_step = time.perf_counter() - started
    job.refresh_from_db()
    assert job.status == "preview", (job.status, job.message, job.preview)
    before_read = dict(spent)
    spent.clear()
    roster_import.start_applying(job)
    started, cpu = time.perf_counter(), time.process_time()
    roster_jobs.apply_import(job.pk)
    apply_step = time.perf_counter() - started
    apply_cpu = time.process_time() - cpu
    job.refresh_from_db()
    assert job.status == "done", (job.status, job.message)

    def one(hasher):
        started = time.perf_counter()
        make_password("abcdefgh23", hasher=hasher)
        return time.perf_counter() - started

    print(json.dumps({{
        "read_step": read_step,
        "read_parts": before_read,
        "apply_step": apply_step,
        "apply_cpu": apply_cpu,
        "apply_parts": spent,
        "created": job.result.get("create"),
        "one_temporary_hash": min(one(TEMPORARY_HASHER) for _ in range(5)),
        "one_default_hash": min(one("default") for _ in range(2)),
    }}))
    """
)


def profile_apply(env, tmp):
    path = write_roster(tmp / "profile.xlsx", seed=2, code_prefix="27")
    found = json.loads(
        shell(env, PROFILE.format(path=str(path), school_year="2027-2028"))
    )
    comment(
        "where the time goes (separate in-process run over a second file of "
        f"{found['created']} new students, in manage.py shell, same database):"
    )
    comment(f"  reading step (preview): {found['read_step']:.2f} s wall")
    for label, (wall, cpu) in found["read_parts"].items():
        comment(f"    {label}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    comment(
        f"  apply step (apply_import): {found['apply_step']:.2f} s wall, "
        f"{found['apply_cpu']:.2f} s CPU (all threads of the process)"
    )
    for label, (wall, cpu) in found["apply_parts"].items():
        comment(f"    {label}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    parts = {label: wall for label, (wall, _cpu) in found["apply_parts"].items()}
    known = (
        parts.get("read the file", 0)
        + parts.get("plan (match students)", 0)
        + parts.get("apply_plan (incl. hashing)", 0)
        + parts.get("render the slips PDF", 0)
    )
    comment(
        f"    rest (progress updates, saving files, job row): "
        f"{found['apply_step'] - known:.2f} s"
    )
    comment(
        f"  one hash: temporary hasher {found['one_temporary_hash'] * 1000:.1f} ms, "
        f"default hasher {found['one_default_hash'] * 1000:.0f} ms "
        f"(x {ROWS}: {found['one_default_hash'] * ROWS:.0f} s serial)"
    )
