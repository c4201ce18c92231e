"""Site search over 5,000 lessons: the search page and autocomplete, server side.

Run from the repository root with the project's virtualenv:

    .venv/bin/python benchmarks/search.py                 # SQLite (FTS5)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python \\
        benchmarks/search.py                              # PostgreSQL (tsvector)

What it does:

1. a scratch database: SQLite in a temporary directory, or, when DATABASE_URL names
   a PostgreSQL server, a new database ``bench_search_<pid>`` on that server (the
   named database itself is not touched); ``migrate``;
2. seeds 20 courses of 250 lessons each (5,000 lessons, about 120 words of
   Vietnamese each, some with the phrases searched for below, some written without
   marks), then builds the search index in one pass (``update_index``) and, on
   PostgreSQL, refreshes the planner's statistics (``ANALYZE``);
3. in-process with Django's test client (no network), after a warm-up, times
   ``GET /tim-kiem/?q=…`` for a mix of queries with and without marks, and
   ``GET /tim-kiem/goi-y/?q=…`` for partial words, round-robin.

Prints ``search_p50_ms`` and ``autocomplete_p50_ms`` (median wall time of a whole
request: query, ranking, snippets, template) and ``#`` lines with p90 and result
counts per query. Drops the scratch database and removes the temporary directory.
Contacts only the database server named by DATABASE_URL (127.0.0.1 in CI).
"""

import argparse
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
TOTAL_TIMEOUT_S = 25 * 60
COURSES = 20
LESSONS_PER_COURSE = 250
WORDS_PER_LESSON = 120

SEARCHES = [
    "chuyen doi so",
    "chuyển đổi số",
    "dịch vụ công",
    "dich vu cong",
    "Đoàn",
    "doan thanh nien",
    "thanh toán trực tuyến",
    "mat khau manh",
    "hồ sơ",
    "VNeID",
]
PARTIALS = ["dich v", "chuy", "thanh to", "mật kh", "doa", "ho s", "vne"]

VOCABULARY = (
    "người dân cán bộ học sinh giáo viên trường học ứng dụng điện thoại tài khoản "
    "thông tin dữ liệu cá nhân an toàn bảo mật mạng xã hội thủ tục hành chính nộp "
    "hồ sơ thanh toán trực tuyến phí lệ phí kết quả tra cứu hướng dẫn từng bước "
    "đăng nhập mật khẩu xác thực hai bước lừa đảo cảnh giác kiểm chứng nguồn tin "
    "chữ ký số văn bản lưu trữ quét giấy tờ định danh điện tử đoàn viên thanh niên "
    "tình nguyện hỗ trợ gia đình người cao tuổi bộ phận một cửa tiếp nhận giải quyết "
    "chính quyền số kinh tế số xã hội số kỹ năng cơ bản ngân hàng ví điện tử mã QR"
).split()
PHRASES = [
    "chuyển đổi số",
    "dịch vụ công",
    "Đoàn thanh niên",
    "dự đoán",
    "mật khẩu mạnh",
    "VNeID",
    "chuyen doi so",  # some editors type without marks
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed rounds")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds")
    parser.add_argument("--lessons", type=int, default=COURSES * LESSONS_PER_COURSE)
    return parser.parse_args()


def comment(text):
    print(f"# {text}", flush=True)


def metric(name, value, unit):
    print(f"{name}: {value} {unit}", flush=True)


class ScratchDatabase:
    """A database of our own: SQLite in ``tmp``, or a new one on the PostgreSQL
    server named by DATABASE_URL. Sets DATABASE_URL for Django; drops it on exit."""

    def __init__(self, tmp):
        self.given = os.environ.get("DATABASE_URL", "")
        self.tmp = tmp
        self.name = None

    def __enter__(self):
        if self.given.startswith(("postgres://", "postgresql://")):
            import psycopg

            self.name = f"bench_search_{os.getpid()}"
            with psycopg.connect(self.given, autocommit=True, connect_timeout=10) as c:
                c.execute(f'CREATE DATABASE "{self.name}"')
            parts = urlsplit(self.given)
            os.environ["DATABASE_URL"] = urlunsplit(
                parts._replace(path=f"/{self.name}")
            )
            return "PostgreSQL"
        os.environ["DATABASE_URL"] = f"sqlite:///{self.tmp / 'search.sqlite3'}"
        return "SQLite"

    def __exit__(self, *exc):
        if self.name is None:
            return
        from django.db import connections

        connections.close_all()
        import psycopg

        with psycopg.connect(self.given, autocommit=True, connect_timeout=10) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{self.name}"')


def lesson_text(rng):
    words = rng.choices(VOCABULARY, k=WORDS_PER_LESSON)
    for _ in range(rng.randint(0, 3)):
        words.insert(rng.randrange(len(words)), rng.choice(PHRASES))
    return " ".join(words).capitalize() + "."


def seed(total_lessons, rng):
    """Courses through Wagtail's API; their lessons in bulk, as the rows Wagtail would
    write for published pages (``add_child`` per lesson takes half an hour on a busy
    PostgreSQL); then the search index in one pass (``update_index``)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page, Site
    from wagtail.rich_text import RichText

    from courses.models import CourseIndexPage, CoursePage, LessonPage

    home = Site.objects.get(is_default_site=True).root_page
    per_course = max(1, total_lessons // COURSES)
    lesson_type = ContentType.objects.get_for_model(LessonPage)
    now = timezone.now()
    with transaction.atomic():
        index = home.add_child(
            instance=CourseIndexPage(title="Khóa học", slug="khoa-hoc")
        )
        for c in range(COURSES):
            course = index.add_child(
                instance=CoursePage(
                    title=f"Khóa {c + 1}: " + " ".join(rng.sample(VOCABULARY, 5)),
                    slug=f"khoa-{c + 1}",
                    summary=lesson_text(rng)[:400],
                )
            )
            lessons = [
                LessonPage(
                    title=f"Bài {n + 1}: "
                    + " ".join(rng.sample(VOCABULARY + PHRASES, 4)),
                    slug=f"bai-{n + 1}",
                    intro=lesson_text(rng)[:200],
                    body=[("text", RichText(f"<p>{lesson_text(rng)}</p>"))],
                )
                for n in range(per_course)
            ]
            base_pages = Page.objects.bulk_create(
                [
                    Page(
                        title=item.title,
                        draft_title=item.title,
                        slug=item.slug,
                        content_type=lesson_type,
                        path=Page._get_path(course.path, course.depth + 1, n + 1),
                        depth=course.depth + 1,
                        numchild=0,
                        url_path=f"{course.url_path}{item.slug}/",
                        locale_id=course.locale_id,
                        live=True,
                        first_published_at=now,
                        last_published_at=now,
                    )
                    for n, item in enumerate(lessons)
                ]
            )
            for item, base in zip(lessons, base_pages, strict=True):
                item.page_ptr_id = item.pk = base.pk
            # bulk_create() refuses multi-table children: insert their own rows.
            LessonPage._base_manager._insert(
                lessons, fields=LessonPage._meta.local_concrete_fields
            )
            Page.objects.filter(pk=course.pk).update(numchild=per_course)
    call_command("update_index", verbosity=0)
    from django.db import connection

    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum keeps them on a live database: without
        # them the planner takes 5,000 bulk-inserted pages for a handful.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return LessonPage.objects.live().count()


def timed(client, url, params):
    start = time.perf_counter()
    response = client.get(url, params)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} {params} answered {response.status_code}")
    return elapsed, response


def measure(args):
    from django.test import Client
    from django.urls import reverse

    client = Client()
    search_url, suggest_url = reverse("search"), reverse("search_autocomplete")
    for _ in range(args.warmup):
        for q in SEARCHES:
            timed(client, search_url, {"q": q})
        for q in PARTIALS:
            timed(client, suggest_url, {"q": q})
    search_ms, suggest_ms, per_query, counts = [], [], {}, {}
    for _ in range(args.rounds):
        for q in SEARCHES:
            elapsed, response = timed(client, search_url, {"q": q})
            search_ms.append(elapsed)
            per_query.setdefault(q, []).append(elapsed)
            counts[q] = response.context["search_results"].paginator.count
        for q in PARTIALS:
            elapsed, response = timed(client, suggest_url, {"q": q})
            suggest_ms.append(elapsed)
            per_query.setdefault(f"~{q}", []).append(elapsed)
            counts[f"~{q}"] = len(response.json()["results"])
    return search_ms, suggest_ms, per_query, counts


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(args):
    tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        with ScratchDatabase(tmp) as vendor:
            os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
            os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"  # tasks in-process
            os.environ["DJANGO_DEBUG"] = "false"  # no query log in memory
            os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
            sys.path.insert(0, str(REPO))
            import django

            django.setup()
            from django.core.management import call_command
            from django.test.utils import setup_test_environment

            setup_test_environment()  # lets the client see response.context
            started = time.perf_counter()
            call_command("migrate", verbosity=0)
            comment(
                f"database: {vendor}, migrated in {time.perf_counter() - started:.0f} s"
            )
            started = time.perf_counter()
            lessons = seed(args.lessons, random.Random(2026))
            comment(
                f"seeded and indexed {lessons} live lessons in {COURSES} courses in "
                f"{time.perf_counter() - started:.0f} s"
            )
            search_ms, suggest_ms, per_query, counts = measure(args)
            comment(
                f"{args.rounds} rounds of {len(SEARCHES)} searches and "
                f"{len(PARTIALS)} autocompletes, after {args.warmup} warm-up rounds"
            )
            for q, values in per_query.items():
                comment(
                    f"{q!r}: median {statistics.median(values):.1f} ms, "
                    f"{counts[q]} results"
                )
            comment(
                f"search p90 {percentile(search_ms, 0.9):.1f} ms, "
                f"autocomplete p90 {percentile(suggest_ms, 0.9):.1f} ms"
            )
            metric("search_p50_ms", f"{statistics.median(search_ms):.1f}", "ms")
            metric("autocomplete_p50_ms", f"{statistics.median(suggest_ms):.1f}", "ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def on_timeout(signum, frame):
    raise TimeoutError(f"benchmark took longer than {TOTAL_TIMEOUT_S} s")


if __name__ == "__main__":
    # WhiteNoise warns that collectstatic has not run: static files are not measured.
    warnings.filterwarnings("ignore", message="No directory at")
    signal.signal(signal.SIGALRM, on_timeout)
    signal.alarm(TOTAL_TIMEOUT_S)
    run(parse_args())
