"""Signing in with VNeID (OpenID Connect): how long the whole code flow takes.

Run from the repository root with the project's virtualenv:

    .venv/bin/python benchmarks/identity.py [--learners 40] [--rounds 3]

What it does, inside a temporary directory that is removed at the end:

1. the scratch OpenID Connect provider of the tests (django-oidc-provider,
   tests/oidc_test_provider: gunicorn, 4 threads, SQLite) with ``--learners``
   people, each with a verified personal identification number;
2. the portal: a fresh SQLite database (``migrate``), the same learners with those
   numbers, gunicorn with one sync worker and the production settings, configured
   for the provider by its issuer alone (endpoints discovered);
3. each learner is already signed in at the provider (as on their phone); then,
   ``--rounds`` times each, timed on the client: the portal's "Sign in with VNeID"
   (state, nonce, PKCE) → the provider's authorisation → the portal's callback
   (code exchanged with the verifier, ID token verified against the provider's
   published keys, user info, account found) → signed in. The first round finds the
   account by personal identification number and links it; later rounds by the link.

Prints ``oidc_signin_p50_ms`` (median of every sign-in) and comments with the first
round's median and the 95th percentile. Only 127.0.0.1 is contacted; every request
has a timeout.

Then, when DATABASE_URL names a PostgreSQL server (``make bench`` sets it), erasing a
learner with 50 attempts and a certificate (benchmarks/harness/erasure.py) on a scratch
database: ``erasure_seconds``.
"""

import os
import statistics
import sys
import textwrap
import time

import requests
from harness import argument_parser, main
from harness.output import BenchmarkError, comment, metric
from harness.servers import serve
from harness.site import BENCH_SETTINGS, REPO, bench_env, collectstatic, manage, shell

sys.path.insert(0, str(REPO))
from tests.oidc_test_provider.server import TestProvider  # noqa: E402

PASSWORD = "mat-khau-vneid"  # noqa: S105
CLIENT = {"client_id": "cong-tap-huan", "client_secret": "bi-mat-do-hieu-nang"}
START = "/tai-khoan/vneid/dang-nhap/"
CALLBACK = "/tai-khoan/vneid/tra-ve/"


def number(i):
    return f"0012050{i:05d}"


def learners_code(count):
    return textwrap.dedent(
        f"""\
        from people.models import User

        for i in range({count}):
            User.objects.update_or_create(
                username=f"hv{{i}}",
                defaults={{"full_name": f"Học Viên {{i}}",
                           "citizen_id": f"0012050{{i:05d}}"}},
            )
        print("ok")
        """
    )


def sign_in_once(port, provider, provider_session):
    """One full code flow, timed on the client: milliseconds in all, and of its
    three legs (the portal's start, the provider's authorisation, the callback)."""
    portal = requests.Session()
    marks = [time.perf_counter()]
    start = portal.get(
        f"http://127.0.0.1:{port}{START}", allow_redirects=False, timeout=15
    )
    marks.append(time.perf_counter())
    if start.status_code != 302:
        raise BenchmarkError(f"{START} answered {start.status_code}")
    callback = provider.authorize(provider_session, start.headers["Location"])
    marks.append(time.perf_counter())
    done = portal.get(callback, allow_redirects=False, timeout=15)
    marks.append(time.perf_counter())
    legs = [(b - a) * 1000 for a, b in zip(marks, marks[1:], strict=False)]
    if done.status_code != 302 or done.headers["Location"] != "/":
        to = done.headers.get("Location")
        raise BenchmarkError(f"the callback answered {done.status_code} to {to}")
    if "sessionid" not in portal.cookies:
        raise BenchmarkError("the callback signed nobody in")
    return sum(legs), legs


def measure(args, tmp):
    provider = TestProvider(tmp / "provider")
    provider.directory.mkdir()
    people = [
        {
            "username": f"hv{i}",
            "password": PASSWORD,
            "claims": {
                "name": f"Học Viên {i}",
                "personal_id": number(i),
                "personal_id_verified": True,
            },
        }
        for i in range(args.learners)
    ]
    provider.start(users=people)
    try:
        env = bench_env(tmp)
        (tmp / "bench_settings.py").write_text(BENCH_SETTINGS)
        manage(env, "migrate", "--noinput")
        if shell(env, learners_code(args.learners)) != "ok":
            raise BenchmarkError("could not create the learners")
        collectstatic(env)  # the production settings' pages need the manifest
        env.update(
            {
                "OIDC_ISSUER": provider.issuer,
                "OIDC_CLIENT_ID": CLIENT["client_id"],
                "OIDC_CLIENT_SECRET": CLIENT["client_secret"],
                "OIDC_SCOPES": "openid profile vneid",
                "OIDC_PERSONAL_ID_VERIFIED_CLAIM": "personal_id_verified",
            }
        )
        with serve(env, tmp) as server:
            redirect = f"http://127.0.0.1:{server.port}{CALLBACK}"
            provider.add(clients=[{**CLIENT, "redirect_uris": [redirect]}])
            sessions = [provider.signed_in(p["username"], PASSWORD) for p in people]
            comment(
                "against: portal gunicorn -w 1 (sync), production settings, SQLite; "
                "provider django-oidc-provider 0.9.0, gunicorn gthread x4, SQLite"
            )
            sign_in_once(server.port, provider, sessions[0])  # warm up
            rounds = []
            for _round in range(args.rounds):
                rounds.append(
                    [sign_in_once(server.port, provider, s) for s in sessions]
                )
            every = [ms for one in rounds for ms, _legs in one]
            legs = list(
                zip(*(legs for one in rounds for _ms, legs in one), strict=True)
            )
            metric("oidc_signin_p50_ms", f"{statistics.median(every):.0f}", "ms")
            comment(
                f"{len(every)} sign-ins ({args.learners} learners x {args.rounds}); "
                f"first round (found by personal ID, linked) p50 "
                f"{statistics.median(ms for ms, _ in rounds[0]):.0f} ms; "
                f"p95 {statistics.quantiles(every, n=20)[-1]:.0f} ms"
            )
            start, authorise, callback = (statistics.median(leg) for leg in legs)
            comment(
                f"p50 of each leg: portal start {start:.0f} ms, provider "
                f"authorisation {authorise:.0f} ms, portal callback (token, keys "
                f"cached, user info, account) {callback:.0f} ms"
            )
    finally:
        provider.stop()
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        from harness import erasure

        erasure.run()
    else:
        comment("erasure_seconds: not measured, needs DATABASE_URL=postgres://…")


if __name__ == "__main__":
    parser = argument_parser(__doc__)
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    sys.exit(main(measure, parser, prefix="bench-identity-"))
