"""Exam day with drawn papers and class windows: 500 learners in 15 classes.

Run from the repository root with the project's virtualenv, with PostgreSQL on
127.0.0.1 (``createdb`` rights; the server of ``DATABASE_URL`` when it names one)
and ``redis-server`` installed:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python benchmarks/exam_day.py [--learners 500] [--ports 8320-8339]

About three minutes on 2 cores (``make bench`` runs it with the others). The
pacing is quiz_load.py's (starts over 60 s, 10 s per answer: 35 requests/s here);
``--start-window 30 --think 4`` doubles the rate to ~72 requests/s, which keeps both
cores busy (12.9 ms of gunicorn CPU per request) and puts p95 at about 1.1 s.

The production stack as in quiz_load.py (harness.stack: a scratch database, a
private redis-server, gunicorn with deploy/gunicorn.conf.py, one Celery worker),
seeded with a bank of 80 questions (harness.bank; texts known to the benchmark), a
course (pass mark 70 %, three attempts) whose quiz is one ``draw`` slot of 16, five
schools of three classes each (one coordinator per school), the learners spread
over the classes and enrolled class by class. Over HTTP only, like browsers:

1. learners and coordinators sign in through the sign-in form;
2. each coordinator opens the quiz for each of their classes
   (``class_courses:quiz_window``, POST open=1);
3. every learner starts (``<quiz>/bat-dau/``) at a random moment of
   ``--start-window``, loads the attempt page (``lan/<id>/``), autosaves
   ``--saves`` times after a think time (``courses:autosave``, as quiz.js does),
   submits (``lan/<id>/nop/``) and opens the result (``lan/<id>/ket-qua/``). A third
   of the learners of the open classes answer everything right, the others six of
   sixteen (they fail);
4. once every learner of the last class is in an attempt and has saved, its
   coordinator closes the quiz for it (POST open=0); its learners then keep going:
   two more autosaves, the attempt page again, a new start, the submit, the result.

Afterwards the database is read and every response a learner received is checked
for the answer key (harness.leaks).

Figures: ``exam_takers`` (learners who went from the start to a result page),
``distinct_papers`` (different sets of questions among the attempt pages served),
``answer_key_leaks`` (responses that tell correct answers before the review rule
allows: attempt pages, autosave replies, submit redirects, result pages, except
the result page of a passed attempt, which the default rule opens — "correct answers
only after passing or after the last attempt"; every attempt here is the first of
three), ``attempts_after_close`` (autosaves answered 2xx, starts that led to an
attempt, submits recorded, and attempts left open, for the closed class after its
close), ``errors`` (requests failed or answered with a status not expected at that
step), ``p50_ms``, ``p95_ms``, ``requests``, ``requests_per_second``.

Tolerant of later rules: a quiz field with an "exam" choice is set to it, or a
boolean one named like "exam" to true (exam quizzes are closed until opened);
``--course-field name=value`` sets a course field if it exists (e.g.
``attempt_limit=5``); any refusal status (400, 403, 404, 409, 410,
423) or redirect counts as a refusal after the close. Review rules are left at
their defaults: that is what is measured.
"""

import asyncio
import json
import random
import statistics
import sys
import textwrap
import time
from collections import Counter

from harness import argument_parser, main
from harness.bank import MAKE_BANK, exam_bank, write_bank
from harness.cpu import cpu_seconds_by_process, cpu_used_between
from harness.exam_takers import (
    QUESTIONS,
    Exam,
    Taker,
    close_when_ready,
    switch_window,
)
from harness.leaks import AnswerKey, leaks_in
from harness.output import comment, metric
from harness.site import shell
from harness.stack import (
    PASSWORD,
    Run,
    add_stack_arguments,
    cpu_groups,
    migrated_stack,
    percentile,
    production_stack,
    sign_in,
)

SCHOOLS = 5
STEPS = ("sign_in", "window", "start", "attempt_page", "autosave", "submit", "result")
STEPS += ("after_close",)
CLASSES_PER_SCHOOL = 3
PASS_MARK = 70

SEED = MAKE_BANK + textwrap.dedent(
    """\
    import json

    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.urls import reverse

    from courses.enrolment import enrol_class
    from courses.models import CourseIndexPage, CoursePage, QuizPage
    from home.models import HomePage
    from people.hashers import TemporaryPasswordHasher
    from people.models import Membership, Organisation, SchoolClass, User

    LEARNERS = {learners}
    home = HomePage.objects.get()
    bank = make_bank("{bank_path}", "Ngân hàng thi cuối khóa")
    index = home.add_child(instance=CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    fields = dict(
        title="Kỹ năng số cơ bản", slug="ky-nang-so", summary="Thi cuối khóa",
        pass_mark={pass_mark}, attempt_limit=3,
    )
    extra = {{
        name: value for name, value in json.loads('{course_fields}').items()
        if hasattr(CoursePage, name)
    }}
    course = index.add_child(instance=CoursePage(**fields, **extra))
    quiz = QuizPage(
        title="Bài thi cuối khóa", slug="thi-cuoi-khoa",
        questions=[("draw", {{"bank": bank, "count": {questions}, "tag": None}})],
    )
    exam_field = None
    for model_field in QuizPage._meta.concrete_fields:
        if any(str(value) == "exam" for value, _ in model_field.choices or ()):
            setattr(quiz, model_field.name, "exam")
            exam_field = model_field.name
        elif (model_field.get_internal_type() == "BooleanField"
              and "exam" in model_field.name):
            setattr(quiz, model_field.name, True)
            exam_field = model_field.name
    course.add_child(instance=quiz)
    password = make_password("{password}", hasher=TemporaryPasswordHasher())
    classes = []
    with transaction.atomic():
        for s in range({schools}):
            school = Organisation.add_root(instance=Organisation(
                code=f"BENCH-T{{s:02d}}", name=f"Trường thử {{s + 1}}", kind="school"))
            coordinator = User.objects.create(
                username=f"giaovien{{s:02d}}", full_name=f"Trần Giáo Viên {{s + 1}}",
                password=password, must_change_password=False)
            Membership.objects.create(
                user=coordinator, organisation=school, role="coordinator")
            for c in range({per_school}):
                school_class = SchoolClass.objects.create(
                    organisation=school, name=f"12A{{c + 1}}", school_year="2026-2027",
                    grade=12)
                classes.append((school_class, coordinator))
        users = User.objects.bulk_create(
            User(username=f"thisinh{{n:04d}}", full_name=f"Nguyễn Thí Sinh {{n}}",
                 password=password, must_change_password=False)
            for n in range(LEARNERS)
        )
        Membership.objects.bulk_create(
            Membership(user=user, organisation=class_.organisation,
                       school_class=class_, role="learner")
            for class_, user in zip(
                (classes[n % len(classes)][0] for n in range(LEARNERS)), users)
        )
        for school_class, coordinator in classes:
            enrol_class(school_class, course, by=coordinator)
    print(json.dumps({{
        "quiz": quiz.get_url_parts()[2],
        "quiz_id": quiz.pk,
        "login": reverse("people:login"),
        "autosave": reverse("courses:autosave", args=[0]),
        "exam_field": exam_field,
        "course_fields": sorted(extra),
        "classes": [
            {{
                "id": school_class.pk,
                "window": reverse(
                    "class_courses:quiz_window", args=[school_class.pk, quiz.pk]),
                "coordinator": coordinator.username,
                "learners": [
                    f"thisinh{{n:04d}}" for n in range(i, LEARNERS, len(classes))],
            }}
            for i, (school_class, coordinator) in enumerate(classes)
        ],
    }}))
    """
)

CHECK = textwrap.dedent(
    """\
    import json

    from courses.models import QuizAttempt, QuizWindow

    def epoch(moment):
        return moment.timestamp() if moment else None

    rows = QuizAttempt.objects.filter(quiz_id={quiz_id}).values_list(
        "enrolment__user__username", "number", "started_at", "submitted_at",
        "answers_saved_at", "closed_by_switch", "passed", "snapshot")
    print(json.dumps({{
        "attempts": [
            [user, number, epoch(started), epoch(submitted), epoch(saved), switch,
             passed, sorted(str(q.get("qid")) for q in snapshot)]
            for user, number, started, submitted, saved, switch, passed, snapshot
            in rows
        ],
        "windows": {{
            str(class_id): [is_open, epoch(changed)]
            for class_id, is_open, changed in QuizWindow.objects.filter(
                quiz_id={quiz_id}).values_list("school_class_id", "is_open",
                                                "changed_at")
        }},
    }}))
    """
)


async def day(origin, urls, args, key):
    run = Run(origin, args.concurrency, args.http_timeout)
    classes = urls["classes"]
    closing = classes[-1]
    coordinators = sorted({c["coordinator"] for c in classes})
    usernames = [u for c in classes for u in c["learners"]]
    clients = {u: run.client() for u in usernames + coordinators}
    began = time.monotonic()
    signed = await asyncio.gather(
        *(sign_in(run, clients[u], u, urls["login"]) for u in clients)
    )
    signed_in = {u for u, ok in zip(clients, signed, strict=True) if ok}
    comment(
        f"sign-in: {len(signed_in)} of {len(clients)} in "
        f"{time.monotonic() - began:.1f} s"
    )
    opened = await asyncio.gather(
        *(
            switch_window(run, clients[c["coordinator"]], c["window"], True)
            for c in classes
        )
    )
    comment(f"quiz opened for {sum(opened)} of {len(classes)} classes")

    exam = Exam(key, args.saves, set(closing["learners"]) & signed_in)
    for c in classes[:-1]:  # a third of the open classes' learners pass
        exam.passing.update(u for u in c["learners"][::3] if u in signed_in)
    start = time.monotonic() + 1
    think = (args.think * 0.5, args.think * 1.5)
    tasks = [
        Taker(run, exam, clients[u], u, urls).take(
            start + random.uniform(0, args.start_window), think
        )
        for u in usernames
        if u in signed_in
    ]
    latest = start + args.start_window + args.saves * args.think * 1.5
    closer = clients[closing["coordinator"]]
    tasks.append(close_when_ready(run, exam, closer, closing["window"], latest))
    bound = latest - time.monotonic() + args.think * 1.5 + args.grace
    began = time.monotonic()
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=bound)
    except TimeoutError:
        run.errors.append(f"deadline of {bound:.0f} s reached")
    seconds = time.monotonic() - began
    await run.close(clients.values())
    return run, exam, seconds, closing


def check_after_close(state, exam, closing_class):
    """Recorded by the database after the close, for the closed class."""
    members = set(closing_class["learners"])
    close = exam.close_epoch or float("inf")
    recorded = Counter()
    for user, _number, started, submitted, saved, switch, _passed, _q in state[
        "attempts"
    ]:
        if user not in members:
            continue
        if submitted is None:
            recorded["left open"] += 1
        elif submitted > close:
            recorded["submitted after"] += 1
        if saved is not None and saved > close:
            recorded["saved after"] += 1
        if started > close:
            recorded["started after"] += 1
        if switch:
            recorded["closed by the switch"] += 1
    return recorded


def measure(args, tmp):
    random.seed(args.seed)
    bank = exam_bank(size=args.bank)
    key = AnswerKey(bank)
    write_bank(tmp / "bank.json", bank)
    with migrated_stack(args, tmp) as (env, ports, redis_pid):
        seeded = time.monotonic()
        course_fields = dict(parse_field(f) for f in args.course_field)
        urls = json.loads(
            shell(
                env,
                SEED.format(
                    learners=args.learners,
                    bank_path=tmp / "bank.json",
                    pass_mark=PASS_MARK,
                    course_fields=json.dumps(course_fields),
                    questions=QUESTIONS,
                    password=PASSWORD,
                    schools=SCHOOLS,
                    per_school=CLASSES_PER_SCHOOL,
                ),
            )
        )
        comment(
            f"seeded {args.learners} learners in {len(urls['classes'])} classes, "
            f"a bank of {args.bank}, a quiz drawing {QUESTIONS}, in "
            f"{time.monotonic() - seeded:.1f} s; exam field set: {urls['exam_field']}; "
            f"course fields set: {urls['course_fields']}"
        )
        with production_stack(env, tmp, args.workers, args.threads, ports) as (
            origin,
            sessions,
        ):
            comment(
                "against: gunicorn -c deploy/gunicorn.conf.py, WEB_CONCURRENCY="
                f"{args.workers}, GUNICORN_THREADS={args.threads}, production "
                "settings, PostgreSQL, Redis, one Celery worker; at most "
                f"{args.concurrency} requests in flight"
            )
            before = cpu_seconds_by_process()
            run, exam, seconds, closing_class = asyncio.run(
                day(origin, urls, args, key)
            )
            cpu = cpu_used_between(
                before, cpu_seconds_by_process(), cpu_groups(sessions, redis_pid)
            )
            time.sleep(1)
            state = json.loads(shell(env, CHECK.format(quiz_id=urls["quiz_id"])))
    report(run, exam, seconds, closing_class, state, cpu)


def count_leaks(seen):
    """(responses that leak by step, reasons found)."""
    leaking, reasons = Counter(), Counter()
    for response in seen:
        found = leaks_in(response.body, response.paper, response.picked)
        if found:
            leaking[response.step] += 1
            reasons.update(found)
    return leaking, reasons


def report(run, exam, seconds, closing_class, state, cpu):
    leaking, reasons = count_leaks(exam.seen)
    recorded = check_after_close(state, exam, closing_class)
    accepted = Counter(
        step
        for (step, outcome), n in exam.after_close.items()
        for _ in range(n)
        if outcome == "accepted"
    )
    after_close = (
        accepted["autosave"]
        + accepted["start"]
        + recorded["submitted after"]
        + recorded["left open"]
    )
    timed = [ms for phase, ms in run.latencies if phase not in {"sign_in", "window"}]
    db_papers = {tuple(q) for *_rest, q in state["attempts"]}
    papers = {p.identity for p in exam.papers.values()}

    metric("exam_takers", len(exam.finished), "learners")
    metric("distinct_papers", len(papers), "papers")
    metric("answer_key_leaks", sum(leaking.values()), "responses")
    metric("attempts_after_close", after_close, "requests")
    metric("errors", len(run.errors), "requests")
    metric("p50_ms", f"{statistics.median(timed) if timed else 0:.0f}", "ms")
    metric("p95_ms", f"{percentile(timed, 0.95):.0f}", "ms")
    metric("requests", len(run.latencies), "requests")
    metric("requests_per_second", f"{len(timed) / seconds:.1f}", "req/s")
    comment(
        f"exam phase {seconds:.1f} s (sign-in and window switches not timed in "
        f"p50/p95); p99 {percentile(timed, 0.99):.0f} ms, "
        f"max {max(timed, default=0):.0f} ms"
    )
    for kind in STEPS:
        values = [ms for phase, ms in run.latencies if phase == kind]
        comment(
            f"{kind}: {len(values)} requests, p50 {percentile(values, 0.5):.0f} ms, "
            f"p95 {percentile(values, 0.95):.0f} ms"
        )
    comment(
        f"papers served {len(exam.papers)}; distinct sets of questions in the "
        f"database {len(db_papers)} of {len(state['attempts'])} attempts"
    )
    checked = dict(Counter(s.step for s in exam.seen))
    comment(
        f"responses checked for the key: {len(exam.seen)} {checked}; result pages "
        f"of passed attempts not checked: {len(exam.passing & exam.finished)}"
    )
    comment(f"leaking responses by step: {dict(leaking)}; reasons: {dict(reasons)}")
    comment(
        f"closed class {closing_class['id']} ({len(exam.closing_class)} learners); "
        f"after the close the client saw {dict(exam.after_close)}"
    )
    comment(f"the database, for the closed class: {dict(recorded)}")
    comment(
        "CPU seconds over the exam: "
        + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items())
    )
    # gunicorn's CPU per request does not depend on what else runs on the machine
    # (PostgreSQL's does: its processes are counted by name, all databases).
    comment(
        "gunicorn CPU per request of the exam phase: "
        f"{cpu['gunicorn'] * 1000 / max(1, len(run.latencies)):.1f} ms"
    )
    comment(
        "targets: distinct_papers >= 450 (of 500), answer_key_leaks 0, "
        "attempts_after_close 0, errors 0, p95 < 1000 ms"
    )
    for error in run.errors[:10]:
        comment(f"error: {error}")


def parse_field(text):
    name, _, value = text.partition("=")
    lowered = value.lower()
    if lowered in {"true", "false"}:
        return name, lowered == "true"
    return name, int(value) if value.isdigit() else value


def parser():
    p = argument_parser(__doc__)
    p.add_argument("--learners", type=int, default=500)
    p.add_argument("--bank", type=int, default=80, help="questions in the bank")
    p.add_argument("--saves", type=int, default=4, help="autosaves per learner")
    # The exam pacing of quiz_load.py (its 1,000-taker target): starts spread over a
    # minute, ten seconds per answer.
    p.add_argument("--start-window", type=float, default=60, help="seconds")
    p.add_argument("--think", type=float, default=10, help="seconds between saves")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument(
        "--grace",
        type=float,
        default=180,
        help="seconds the server may lag behind the slowest learner's plan before "
        "the exam is cut (whoever has not finished then is counted)",
    )
    p.add_argument("--course-field", action="append", default=[], metavar="NAME=VALUE")
    add_stack_arguments(p, database_prefix="bench_exam_")
    return p


if __name__ == "__main__":
    sys.exit(main(measure, parser(), prefix="bench-exam-day-"))
