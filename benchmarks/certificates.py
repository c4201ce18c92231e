"""Certificate rendering speed per CPU core and PDF size, with a full template.

Run from the repository root with the project's virtualenv:

    .venv/bin/python benchmarks/certificates.py

What it does, inside a temporary directory that is removed at the end:

1. the demo template's artwork (``demo.certificate_art``: a full-page background, a
   logo with transparency, a scanned signature) is prepared once, as the issuing task
   does when a template is saved (``certificates.images``);
2. ``--count`` certificates with different names, courses, numbers and verification
   codes are rendered one after another in this process by ``certificates.pdf``
   (background, logo, signature, QR code, two embedded font subsets), after a few
   warm-up renders (font loading);
3. CPU time (user + system of this process) and wall time are measured around the
   loop; one process is one core.

Prints ``certificates_per_second_per_core`` (target ≥ 60) and
``certificate_pdf_kib`` (the largest PDF rendered; target ≤ 60 KiB), plus ``#``
lines breaking the size down. Touches no database and no network.
"""

import argparse
import os
import random
import resource
import shutil
import signal
import statistics
import sys
import tempfile
import time
import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOTAL_TIMEOUT_S = 5 * 60
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Nông", "Đàm", "Triệu", "Bế", "Lý"]
MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Ngọc", "Quốc", "Minh", "Thị Ánh", "Gia", "Hữu"]
GIVEN = ["An", "Bình", "Tuyết", "Dũng", "Hạnh", "Việt", "Ánh", "Thảo", "Huy", "Ngọc"]
COURSES = [
    "Công dân số an toàn",
    "Tình nguyện viên hỗ trợ người dân dùng dịch vụ công trực tuyến",
    "Tiếp nhận và số hóa hồ sơ",
    "Hướng dẫn người dân nộp hồ sơ và thanh toán trực tuyến",
]


def comment(text):
    print(f"# {text}", flush=True)


def metric(name, value, unit):
    print(f"{name}: {value} {unit}", flush=True)


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def setup_django(tmp):
    sys.path.insert(0, str(REPO))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"  # tasks in-process
    os.environ["DJANGO_MEDIA_ROOT"] = str(tmp / "media")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()


def prepared_artwork():
    from django.core.files.base import ContentFile

    from certificates import images, pdf
    from demo import certificate_art as demo_art

    names = {}
    for kind, make in (
        ("background", demo_art.background_png),
        ("logo", demo_art.logo_png),
        ("signature", demo_art.signature_png),
    ):
        names[kind] = images.store_prepared(
            kind, ContentFile(make(), name=f"{kind}.png")
        )
    loaded = {kind: images.load_prepared(name) for kind, name in names.items()}
    return pdf.Artwork(**loaded), loaded


def contents(count, seed=2026):
    from certificates.codes import format_code, new_code
    from certificates.pdf import CertificateContent

    rng = random.Random(seed)
    for number in range(1, count + 1):
        code = new_code()
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if number % 5 == 0:  # some names typed decomposed, as phones may send them
            name = unicodedata.normalize("NFD", name)
        completed = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
        yield CertificateContent(
            holder_name=name,
            date_of_birth=date(2010, 1, 1) + timedelta(days=rng.randrange(700)),
            unit=f"Lớp 10A{rng.randrange(1, 9)}, Trường THPT Bắc Kạn",
            course_title=rng.choice(COURSES),
            completed_on=completed,
            score=Decimal(rng.randrange(700, 1001)) / 10,
            issuing_body="Sở Giáo dục và Đào tạo tỉnh Thái Nguyên",
            superior_body="Ủy ban nhân dân tỉnh Thái Nguyên",
            place_name="Thái Nguyên",
            issued_on=completed,
            signer_title="Giám đốc",
            signer_name="Nguyễn Văn Minh",
            serial=f"{number:05d}/2026/GCN-SGDĐT",
            verification_code=format_code(code),
            verify_url=f"https://taphuan.thainguyen.gov.vn/chung-nhan/xac-minh/{code}/",
        )


def measure(args, tmp):
    setup_django(tmp)
    from certificates import pdf

    try:
        import _rl_accel  # noqa: F401

        accelerated = "yes"
    except ImportError:
        accelerated = "no (pip install rl-accel)"
    artwork, loaded = prepared_artwork()
    warm = list(contents(5, seed=1))
    for content in warm:
        pdf.render_pdf(content, artwork)

    batch = list(contents(args.count))
    sizes = []
    wall_start, cpu_start = time.perf_counter(), cpu_seconds()
    for content in batch:
        sizes.append(len(pdf.render_pdf(content, artwork)))
    cpu = cpu_seconds() - cpu_start
    wall = time.perf_counter() - wall_start

    metric(
        "certificates_per_second_per_core", f"{len(batch) / cpu:.1f}", "certificates/s"
    )
    metric("certificate_pdf_kib", f"{max(sizes) / 1024:.1f}", "KiB")
    comment(
        f"{len(batch)} certificates in {cpu:.2f} s CPU, {wall:.2f} s wall "
        f"({1000 * cpu / len(batch):.2f} ms CPU each), one process; rl_accel: "
        f"{accelerated}"
    )
    comment(
        f"PDF size: median {statistics.median(sizes) / 1024:.1f} KiB, "
        f"max {max(sizes) / 1024:.1f} KiB, min {min(sizes) / 1024:.1f} KiB"
    )
    for kind, image in loaded.items():
        mask = f" + mask {len(image.smask.stream)} B" if image.smask else ""
        comment(
            f"{kind}: {image.width}x{image.height} px, {image.filter}, "
            f"{len(image.stream)} B{mask} embedded"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=600, help="certificates to render")
    args = parser.parse_args()
    signal.alarm(TOTAL_TIMEOUT_S)
    tmp = Path(tempfile.mkdtemp(prefix="bench-certificates-"))
    try:
        measure(args, tmp)
    finally:
        signal.alarm(0)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
