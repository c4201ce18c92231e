"""Open Badges credentials: signing speed per core, and independent verification.

Run from the repository root with the project's virtualenv:

    .venv/bin/python benchmarks/credentials.py

What it does, inside a temporary directory that is removed at the end (the signing
key is made there by ``certificates.credentials.keys``, as on first use):

1. ``--count`` issued certificates (in memory: names, courses with competence tags
   and hours, serials, codes) get their Open Badges 3.0 credential built and signed
   one after another by ``certificates.credentials.badge`` (VC-JOSE, EdDSA), after a
   few warm-up signatures; CPU time of this process (one process is one core);
2. every credential is verified by the portal's own verifier
   (``certificates.credentials.jws``) and by joserfc against the published JWKS
   (the one ``/.well-known/jwks.json`` serves): ``vc_verify_ok`` counts those both
   accept;
3. three tampered variants of each (payload edited, signature of another credential,
   signed by another key) must be rejected by both: ``vc_tampered_rejected``.

Prints ``vc_signed_per_second`` (per core; target ≥ 200), ``vc_verify_ok`` and
``vc_tampered_rejected`` (each ``n/total``). Touches no database and no network.

Then, when DATABASE_URL names a PostgreSQL server (``make bench`` sets it), the API
for other systems over 1,000,000 enrolments in a child process
(benchmarks/harness/api_load.py): ``api_completions_rows_per_second``,
``api_completions_peak_rss_mib`` and ``api_p95_ms``.
"""

import base64
import json
import os
import subprocess
import sys
import time
import warnings
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

from harness import argument_parser, main
from harness.output import comment, metric

REPO = Path(__file__).resolve().parent.parent
NAMES = ["Nguyễn Thị Ánh Tuyết", "Hoàng Đức Nam", "Nông Văn Dũng", "Đàm Thu Hạnh"]
COURSES = [
    "Công dân số an toàn",
    "Tình nguyện viên hỗ trợ người dân dùng dịch vụ công trực tuyến",
    "Tiếp nhận và số hóa hồ sơ",
]


def setup_django(tmp):
    sys.path.insert(0, str(REPO))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DJANGO_PRIVATE_MEDIA_ROOT"] = str(tmp / "private")
    os.environ["DJANGO_CREDENTIALS_KEY_DIR"] = str(tmp / "keys")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def certificates(count):
    """Issued certificates with their courses and tags, in memory."""
    from django.utils import timezone

    from certificates.models import Certificate
    from courses.models import CompetenceTag

    tags = [
        CompetenceTag(framework="qd757", code=f"{d}.{c}", name=f"Năng lực {d}.{c}")
        for d in range(1, 4)
        for c in range(1, 4)
    ]
    made = []
    for number in range(count):
        course = SimpleNamespace(
            pk=number % 3 + 1,
            summary=COURSES[number % 3] + ": kỹ năng số cơ bản.",
            duration_minutes=90 + 30 * (number % 5),
        )
        certificate = Certificate(
            pk=number + 1,
            status=Certificate.Status.ISSUED,
            verification_code=f"{number:013d}",
            serial=f"{number + 1:05d}/2026/GCN",
            holder_name=NAMES[number % len(NAMES)],
            course_title=COURSES[number % 3],
            completed_on=date(2026, 11, 1) + timedelta(days=number % 30),
            issued_at=timezone.now(),
            issuing_body="Sở Giáo dục và Đào tạo tỉnh Thái Nguyên",
        )
        made.append((certificate, course, tags[number % 9 : number % 9 + 3]))
    return made


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def tampered(token, other):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    head, body, signature = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=="))
    payload["credentialSubject"]["creditsEarned"] = 999
    edited = b64url(json.dumps(payload, ensure_ascii=False).encode())
    forged = Ed25519PrivateKey.generate().sign(f"{head}.{edited}".encode())
    return [
        f"{head}.{edited}.{signature}",
        f"{head}.{body}.{other.split('.')[2]}",
        f"{head}.{edited}.{b64url(forged)}",
    ]


def measure(args, tmp):
    setup_django(tmp)
    from django.test import RequestFactory
    from joserfc import jws as joserfc_jws
    from joserfc.errors import JoseError
    from joserfc.jwk import KeySet

    from certificates.credentials import badge, jws
    from certificates.credentials.views import jwks

    warnings.filterwarnings("ignore", message="EdDSA is deprecated")
    issued = certificates(args.count)
    for certificate, course, tags in issued[:20]:  # warm-up
        badge.sign(badge.credential_of(certificate, course, tags))
    start = time.process_time()
    tokens = [
        badge.sign(badge.credential_of(certificate, course, tags))
        for certificate, course, tags in issued
    ]
    spent = time.process_time() - start
    comment(f"{len(tokens)} credentials signed in {spent:.2f} s CPU (one process)")
    comment(f"credential size: {max(map(len, tokens))} bytes of compact JWS at most")

    request = RequestFactory().get("/.well-known/jwks.json")
    keyset = KeySet.import_key_set(json.loads(jwks(request).content))

    def ours(token):
        try:
            jws.verify(token, badge.TYP)
            return True
        except jws.BadJWS:
            return False

    def theirs(token):
        try:
            joserfc_jws.deserialize_compact(token, keyset, algorithms=["EdDSA"])
            return True
        except JoseError:
            return False

    ok = sum(1 for token in tokens if ours(token) and theirs(token))
    variants = [
        variant
        for index, token in enumerate(tokens)
        for variant in tampered(token, tokens[index - 1])
    ]
    rejected = sum(1 for v in variants if not ours(v) and not theirs(v))
    comment("verified by certificates.credentials.jws and by joserfc 1.8 (JWKS)")
    metric("vc_signed_per_second", round(len(tokens) / spent), "per core")
    metric("vc_verify_ok", f"{ok}/{len(tokens)}", "credentials")
    metric("vc_tampered_rejected", f"{rejected}/{len(variants)}", "variants")


def measure_api():
    """The API's figures, from their own process (Django set up on PostgreSQL)."""
    if not os.environ.get("DATABASE_URL", "").startswith(
        ("postgres://", "postgresql://")
    ):
        comment("api_*: not measured, needs DATABASE_URL=postgres://…")
        return 0
    script = Path(__file__).resolve().parent / "harness" / "api_load.py"
    return subprocess.run([sys.executable, str(script)], check=False).returncode


if __name__ == "__main__":
    parser = argument_parser(__doc__)
    parser.add_argument("--count", type=int, default=2000, help="credentials to sign")
    status = main(measure, parser, "bench-credentials-")
    sys.exit(status or measure_api())
