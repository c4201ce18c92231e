"""Exam day: N learners sign in and take a quiz of 16 questions drawn from 80.

Run from the repository root with the project's virtualenv, with PostgreSQL on
127.0.0.1 (``createdb`` rights) and ``redis-server`` installed:

    .venv/bin/python benchmarks/quiz_load.py [--takers 1000] [--start-window 60] \\
        [--ports 8320-8339] [--database-prefix bench_quiz_]

What it does, all inside a temporary directory and a database of its own, both
removed at the end:

1. a fresh PostgreSQL database and a private redis-server (no persistence) on a free
   loopback port, for cache, sessions and the Celery broker;
2. production settings; ``migrate``; a course whose only item is a quiz of one
   ``draw`` slot, 16 questions from a bank of 80 (harness.bank), so each attempt
   draws and stores its own paper (passing it completes the course, so
   certificates are queued as on the real day);
   N enrolled learners whose passwords are hashed with
   ``people.hashers.TemporaryPasswordHasher``, as accounts imported from a roster;
3. gunicorn with the deployment's settings (``deploy/gunicorn.conf.py``, access log
   on; ``--workers`` and gthread ``--threads`` passed as WEB_CONCURRENCY and
   GUNICORN_THREADS) and one Celery worker;
4. a bounded async client (aiohttp; at most ``--concurrency`` requests in flight):
   every learner signs in through the sign-in form (before the exam minute), then
   starts the quiz at a random moment of the same ``--start-window`` seconds,
   answers each question after ``--think`` seconds (an autosave request per answer,
   as courses/static/courses/quiz.js sends), submits and opens the result;
5. the database is compared with what the clients saw.

Prints ``quiz_takers``, ``errors``, ``p50_ms``, ``p95_ms``, ``requests_per_second``
(over the exam phase), ``lost_attempts`` (submitted as far as the client saw, not
submitted in the database) and ``duplicate_attempts`` (attempts beyond one per
learner), plus ``#`` comment lines. Only 127.0.0.1 is contacted; every step has a
timeout.

One deliberate difference from production: the benchmark's settings list the
temporary-password hasher first, so that signing in does not re-hash each password
with the default PBKDF2 (1,000,000 iterations, ~0.4 s of CPU each, the cost of a
learner's very first sign-in, normally long before the exam).
"""

import asyncio
import json
import os
import random
import re
import statistics
import sys
import textwrap
import time

from harness import argument_parser, main
from harness.bank import MAKE_BANK, exam_bank, write_bank
from harness.cpu import cpu_seconds_by_process, cpu_used_between
from harness.output import comment, metric
from harness.site import shell
from harness.stack import (
    PASSWORD,
    Run,
    add_stack_arguments,
    cookie,
    cpu_groups,
    migrated_stack,
    percentile,
    production_stack,
    sign_in,
)

QUESTIONS = 16
BANK = 80
SEED = MAKE_BANK + textwrap.dedent(
    """\
    import json

    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from courses.models import CourseIndexPage, CoursePage, Enrolment, QuizPage
    from home.models import HomePage
    from people.hashers import TemporaryPasswordHasher
    from people.models import User

    TAKERS = {takers}
    home = HomePage.objects.get()
    index = home.add_child(instance=CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    course = index.add_child(instance=CoursePage(
        title="Kỹ năng số cơ bản", slug="ky-nang-so", summary="Thi thử", pass_mark=50))
    bank = make_bank("{bank_path}", "Ngân hàng thi thử")
    if "{paper}" == "drawn":
        slots = [("draw", {{"bank": bank, "count": {questions}, "tag": None}})]
    else:  # the same 16 questions for everyone, written in the quiz (before issue 15)
        with open("{bank_path}", encoding="utf-8") as spec:
            slots = [
                (item["kind"], {{"question": item["text"], "explanation": "",
                                 "choices": item["choices"]}})
                for item in json.load(spec)[:{questions}]
            ]
    quiz = course.add_child(instance=QuizPage(
        title="Bài kiểm tra cuối khóa", slug="kiem-tra", questions=slots))
    password = make_password("{password}", hasher=TemporaryPasswordHasher())
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(username=f"thisinh{{n:04d}}", full_name=f"Nguyễn Thí Sinh {{n}}",
                 password=password, must_change_password=False)
            for n in range(TAKERS)
        )
        Enrolment.objects.bulk_create(
            Enrolment(user=user, course=course) for user in users)
    urls = {{"quiz": quiz.get_url_parts()[2], "login": "/tai-khoan/dang-nhap/"}}
    print(json.dumps(urls))
    """
)

CHECK = textwrap.dedent(
    """\
    import json

    from django.db.models import Count, Q

    from certificates.models import Certificate
    from courses.models import QuizAttempt

    done = Count("pk", filter=Q(submitted_at__isnull=False))
    rows = (
        QuizAttempt.objects.filter(enrolment__user__username__startswith="thisinh")
        .values_list("enrolment__user__username")
        .annotate(total=Count("pk"), submitted=done)
    )
    statuses = Certificate.objects.values_list("status").annotate(n=Count("pk"))
    papers = {{
        tuple(sorted(str(q.get("qid")) for q in snapshot))
        for snapshot in QuizAttempt.objects.values_list("snapshot", flat=True)
    }}
    print(json.dumps({{
        "attempts": {{name: [total, submitted] for name, total, submitted in rows}},
        "certificates": dict(statuses),
        "papers": len(papers),
    }}))
    """
)

FIELD = re.compile(r'type="(?:radio|checkbox)" name="([^"]+)" value="([^"]+)"')
SAVE_URL = re.compile(r'data-save-url="([^"]+)"')


# --------------------------------------------------------------------------- clients


async def take_quiz(run, client, username, quiz, start_at, think):
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    token = cookie(client, "csrftoken")
    started = await run.call(
        "start",
        client,
        "POST",
        quiz + "bat-dau/",
        302,
        data={"csrfmiddlewaretoken": token},
    )
    if started is None:
        return
    attempt = started.headers["location"]
    page = await run.call("attempt_page", client, "GET", attempt, 200)
    if page is None:
        return
    html = page.text
    save_url = SAVE_URL.search(html)
    fields = {}
    for key, value in FIELD.findall(html):
        fields.setdefault(key, []).append(value)
    if save_url is None or len(fields) != QUESTIONS:
        run.errors.append(f"{attempt}: {len(fields)} questions found on the page")
        return
    answers = {}
    headers = {"X-CSRFToken": token}
    for key, choices in fields.items():
        await asyncio.sleep(random.uniform(*think))
        answers[key] = [random.choice(choices)]
        saved = await run.call(
            "autosave",
            client,
            "POST",
            save_url.group(1),
            200,
            json={"answers": answers},
            headers=headers,
        )
        if saved is None:
            return
    await asyncio.sleep(random.uniform(*think))
    form = {"csrfmiddlewaretoken": token, **{k: v[0] for k, v in answers.items()}}
    submitted = await run.call(
        "submit", client, "POST", attempt + "nop/", 302, data=form
    )
    if submitted is None:
        return
    run.submitted.add(username)
    await run.call("result", client, "GET", submitted.headers["location"], 200)


def exam_deadline(args):
    """The bound on the exam phase: a learner may start at the end of the window and
    think the longest time allowed before each answer and the submit."""
    if args.deadline is not None:
        return args.deadline
    return 2 + args.start_window + (QUESTIONS + 1) * args.think * 1.5 + 60


async def exam(origin, urls, args):
    run = Run(origin, args.concurrency, args.http_timeout)
    usernames = [f"thisinh{n:04d}" for n in range(args.takers)]
    clients = {username: run.client() for username in usernames}

    began = time.monotonic()
    signed = await asyncio.gather(
        *(sign_in(run, clients[u], u, urls["login"]) for u in usernames)
    )
    comment(
        f"sign-in phase: {sum(signed)} of {len(usernames)} signed in, "
        f"{time.monotonic() - began:.1f} s"
    )
    start = time.monotonic() + 2
    think = (args.think * 0.5, args.think * 1.5)
    began = time.monotonic()
    takers = asyncio.gather(
        *(
            take_quiz(
                run,
                clients[u],
                u,
                urls["quiz"],
                start + random.uniform(0, args.start_window),
                think,
            )
            for u, ok in zip(usernames, signed, strict=True)
            if ok
        )
    )
    try:  # bounded in time: whoever has not finished by then is counted
        await asyncio.wait_for(takers, timeout=exam_deadline(args))
    except TimeoutError:
        run.errors.append(f"deadline of {exam_deadline(args):.0f} s reached")
    exam_seconds = time.monotonic() - began
    await run.close(clients.values())
    run.signed_in = sum(signed)
    return run, exam_seconds


# --------------------------------------------------------------------------- measure


def measure(args, tmp):
    write_bank(tmp / "bank.json", exam_bank(size=BANK))
    with migrated_stack(args, tmp) as (env, ports, redis_pid):
        seeded = time.monotonic()
        urls = json.loads(
            shell(
                env,
                SEED.format(
                    takers=args.takers,
                    questions=QUESTIONS,
                    password=PASSWORD,
                    bank_path=tmp / "bank.json",
                    paper=args.paper,
                ),
            )
        )
        comment(f"seeded {args.takers} learners in {time.monotonic() - seeded:.1f} s")
        with production_stack(env, tmp, args.workers, args.threads, ports) as (
            origin,
            sessions,
        ):
            comment(
                f"against: gunicorn -c deploy/gunicorn.conf.py, WEB_CONCURRENCY="
                f"{args.workers}, GUNICORN_THREADS={args.threads} (gthread, access "
                "log on), production settings, PostgreSQL, Redis (cache, sessions, "
                "broker), one Celery worker (certificates of those who pass)"
            )
            comment(
                f"{args.takers} takers, start spread over {args.start_window} s, "
                f"think {args.think} s ± 50 % per question, {QUESTIONS} questions "
                f"({args.paper} paper), "
                f"at most {args.concurrency} requests in flight"
            )
            before = cpu_seconds_by_process()
            run, exam_seconds = asyncio.run(exam(origin, urls, args))
            cpu = cpu_used_between(
                before,
                cpu_seconds_by_process(),
                cpu_groups(sessions, redis_pid),
            )
            time.sleep(1)
            state = json.loads(shell(env, CHECK.format()))

    exam_ms = [ms for phase, ms in run.latencies if phase != "sign_in"]
    sign_in_ms = [ms for phase, ms in run.latencies if phase == "sign_in"]
    attempts = state["attempts"]
    submitted_in_db = {u for u, (_total, done) in attempts.items() if done}
    lost = len(run.submitted - submitted_in_db)
    duplicates = sum(max(0, total - 1) for total, _done in attempts.values())

    metric("quiz_takers", len(run.submitted), "learners")
    metric("errors", len(run.errors), "requests")
    metric("p50_ms", f"{statistics.median(exam_ms) if exam_ms else 0:.0f}", "ms")
    metric("p95_ms", f"{percentile(exam_ms, 0.95):.0f}", "ms")
    metric("requests_per_second", f"{len(exam_ms) / exam_seconds:.1f}", "req/s")
    metric("lost_attempts", lost, "attempts")
    metric("duplicate_attempts", duplicates, "attempts")
    comment(
        f"exam phase: {len(exam_ms)} requests in {exam_seconds:.1f} s; "
        f"p99 {percentile(exam_ms, 0.99):.0f} ms, max {max(exam_ms, default=0):.0f} ms"
    )
    comment(
        f"sign-in requests: p50 {percentile(sign_in_ms, 0.5):.0f} ms, "
        f"p95 {percentile(sign_in_ms, 0.95):.0f} ms"
    )
    for kind in ("start", "attempt_page", "autosave", "submit", "result"):
        values = [ms for phase, ms in run.latencies if phase == kind]
        comment(
            f"{kind}: {len(values)} requests, p50 {percentile(values, 0.5):.0f} ms, "
            f"p95 {percentile(values, 0.95):.0f} ms"
        )
    comment(
        f"CPU seconds over the exam phase ({exam_seconds:.0f} s on "
        f"{os.cpu_count()} cores): "
        + ", ".join(f"{label} {seconds:.1f}" for label, seconds in cpu.items())
    )
    unfinished = run.signed_in - len(run.submitted)
    comment(f"signed in, not submitted (errors or the deadline): {unfinished}")
    comment(f"certificates by status at the end: {state['certificates']}")
    comment(
        f"papers: {state['papers']} different sets of questions among "
        f"{sum(total for total, _done in attempts.values())} attempts"
    )
    # gunicorn's CPU per request does not depend on what else runs on the machine
    # (PostgreSQL's does: its processes are counted by name, all databases).
    comment(
        "gunicorn CPU per request of the exam phase: "
        f"{cpu['gunicorn'] * 1000 / max(1, len(exam_ms)):.1f} ms"
    )
    comment(
        f"target: {args.takers} takers, 0 errors, 0 lost, 0 duplicated, p95 < 1000 ms"
    )
    for error in run.errors[:10]:
        comment(f"error: {error}")


def parser():
    p = argument_parser(__doc__)
    p.add_argument("--takers", type=int, default=1000)
    p.add_argument(
        "--paper",
        choices=["drawn", "fixed"],
        default="drawn",
        help="16 drawn from the bank of 80 per attempt, or the same 16 for all "
        "(written in the quiz, as before issue 15: for comparisons)",
    )
    p.add_argument("--start-window", type=float, default=60, help="seconds")
    p.add_argument("--think", type=float, default=10, help="seconds per answer")
    add_stack_arguments(p, database_prefix="bench_quiz_")
    p.add_argument(
        "--deadline",
        type=float,
        default=None,
        help="seconds for the exam phase (default: the slowest taker the start window "
        "and think times allow, plus a minute for the server)",
    )
    return p


if __name__ == "__main__":
    sys.exit(main(measure, parser(), prefix="bench-quiz-load-"))
