"""A fresh `make run` runs the whole system: proofs in a real browser.

The module starts `make run` itself (migrate, demo content, then the launcher:
runserver, a Celery worker and beat on the embedded broker) on a temporary SQLite
database, media and broker folder and a free port: not eager mode, not pytest's live
server. Then, in Chromium at 360 px (axe-core on each page visited):

- a page scheduled a minute ahead is published within two minutes;
- a 1,500-row class list shows a progress bar that moves and finishes, and its login
  slips point at the port `make run` serves;
- the statistics' "figures as of" time moves on by itself (beat's period is shortened
  to 61 s for the test: REPORTS_REFRESH_SECONDS);
- Ctrl-C (SIGINT to the terminal's process group) stops every process it started.

They exercise the embedded default, so they skip when DATABASE_URL or
CELERY_BROKER_URL is set (CI's PostgreSQL + Redis run).
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible
from tests.browser.legal_basis import fill_legal_basis
from tests.browser.signing import fill_sign_in_form
from tests.data.roster_large_files import many_rows_csv

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL") or os.environ.get("CELERY_BROKER_URL")),
        reason="proves the embedded default (SQLite, embedded broker): runs in the "
        "SQLite run only",
    ),
]

ROOT = Path(__file__).resolve().parent.parent.parent
DEMO_PASSWORD = "demo-2026"
REFRESH_SECONDS = 61  # beat's statistics period for the test: a new minute each time
START_TIMEOUT = 600  # migrations and the demo content on a busy 2-core machine
FILE_LABEL = re.compile(r"Class list \(\.xlsx|Danh sách lớp \(\.xlsx")
UPLOAD = re.compile(r"^(Upload and preview|Tải lên và xem trước)$")
CONFIRM = re.compile(r"^(Confirm: create and update the accounts|Xác nhận: tạo)")
SLIPS_LINK = re.compile(r"^(Download the login slips|Tải phiếu đăng nhập)")
AS_OF = re.compile(r"(\d{2}:\d{2} \d{2}/\d{2}/\d{4})")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children():
    """{parent pid: [child pids]} of every process on the machine."""
    tree = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _descendants(pid):
    tree, found, todo = _children(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class MakeRun:
    """`make run` in its own process group, as a terminal would run it."""

    def __init__(self, folder):
        self.folder = folder
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        drop = {"DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"}
        drop |= {"REDIS_URL", "WAGTAILADMIN_BASE_URL", "DJANGO_DEBUG"}
        drop |= {"CELERY_TASK_ALWAYS_EAGER", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        self.env = {k: v for k, v in os.environ.items() if k not in drop} | {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(folder / "media"),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "PORTAL_EMBEDDED_DIR": str(folder / "embedded"),
            "REPORTS_REFRESH_SECONDS": str(REFRESH_SECONDS),
            "CELERY_LOG_LEVEL": "INFO",
        }
        self.log = folder / "make-run.log"
        self.process = None

    def start(self):
        # -o: the virtualenv is already installed (make test did it); the rest is
        # exactly the `run` recipe.
        self.process = subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "-o",
                ".venv/.requirements",
                "run",
                "HOST=127.0.0.1",
                f"PORT={self.port}",
            ],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"make run exited: {self.tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(1)
        pytest.fail(f"make run did not serve in {START_TIMEOUT} s: {self.tail()}")

    def tail(self, lines=40):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def manage(self, code):
        """Run Python in the stack's Django (its settings, database); its stdout."""
        return subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def ctrl_c(self, timeout=60):
        """SIGINT to the process group, as Ctrl-C in a terminal; True when every
        process `make run` had started is gone."""
        started = _descendants(self.process.pid)
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False, started
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.2)
        return not any(_alive(pid) for pid in started), started

    def kill(self):
        if self.process and self.process.poll() is None:
            for pid in [self.process.pid, *_descendants(self.process.pid)]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    run = MakeRun(tmp_path_factory.mktemp("make-run"))
    try:
        run.start()
        yield run
    finally:
        run.kill()


def sign_in(page, stack, username):
    page.goto(stack.url + "/tai-khoan/dang-nhap/")
    fill_sign_in_form(page, username, DEMO_PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/tai-khoan/dang-nhap/"))


def reload_until(page, found, timeout):
    """Reload the page until ``found()`` is truthy; its value, or None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = found()
        if value:
            return value
        time.sleep(1)
        page.reload()
    return found()


# ------------------------------------------------------------------------- tests

SCHEDULE = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Site
from courses.models import CourseIndexPage, CoursePage
index = CourseIndexPage.objects.first()
page = index.add_child(instance=CoursePage(
    title="Khóa học hẹn giờ", slug="khoa-hoc-hen-gio",
    summary="Lên trang sau một phút.", live=False))
page.go_live_at = timezone.now() + timedelta(minutes=1)
page.save_revision().publish()
page.refresh_from_db()
assert not page.live and page.has_unpublished_changes
print(page.relative_url(Site.objects.get(is_default_site=True)))
"""


def test_a_page_scheduled_a_minute_ahead_is_published_within_two_minutes(stack, page):
    scheduled_at = time.monotonic()
    path = stack.manage(SCHEDULE).splitlines()[-1]
    assert path.startswith("/")

    # Until its time: the friendly Vietnamese 404, not Django's debug page.
    response = page.goto(stack.url + path)
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang")
    assert "Traceback" not in page.content()
    assert_accessible(page)

    # Beat runs Wagtail's scheduled publishing every 30 s, in the worker.
    left = 120 - (time.monotonic() - scheduled_at)
    live = reload_until(
        page,
        lambda: page.get_by_role("heading", level=1, name="Khóa học hẹn giờ").count(),
        timeout=left,
    )
    assert live, f"not published within two minutes:\n{stack.tail()}"
    assert time.monotonic() - scheduled_at <= 125  # the last reload's own time
    assert_accessible(page)


def test_a_1500_row_class_list_shows_a_progress_bar_that_moves(stack, page, tmp_path):
    roster = tmp_path / "lop-10C-1500.csv"
    roster.write_bytes(many_rows_csv(1500))
    sign_in(page, stack, "giaovien")
    page.goto(stack.url + "/dieu-phoi/nhap-danh-sach/")
    assert_accessible(page)
    page.get_by_label(FILE_LABEL).set_input_files(str(roster))
    page.locator("main").get_by_role("button", name=UPLOAD).click()
    expect(page).to_have_url(re.compile(r"/dieu-phoi/nhap-danh-sach/\d+/$"))
    job_url = page.url

    # The worker reads the file; the page refreshes itself until the preview.
    confirm = page.get_by_role("button", name=CONFIRM)
    expect(confirm).to_be_visible(timeout=180_000)
    expect(page.locator("main")).to_contain_text(
        re.compile(r"(New accounts|Tài khoản mới): 1[.,]?500\b")
    )
    fill_legal_basis(page)
    confirm.click()

    # Applying: the page updates its bar in place (no reload) until the slips are ready.
    bar, done = page.locator("main progress"), page.get_by_role("link", name=SLIPS_LINK)
    seen, checked = [], False
    deadline = time.monotonic() + 300
    while not done.count() and time.monotonic() < deadline:
        try:
            if bar.count():
                seen.append(int(bar.get_attribute("value", timeout=1_000)))
                if not checked:
                    assert_accessible(page)
                    checked = True
        except PlaywrightError:  # the block was swapped while being read
            pass
        time.sleep(0.3)
    assert page.url == job_url
    expect(done).to_be_visible()
    assert len(set(seen)) >= 2, f"the bar did not move: {seen}"
    assert seen == sorted(seen), f"the bar went back: {seen}"
    expect(page.locator("main")).to_contain_text(
        re.compile(r"(Accounts created|Tài khoản đã tạo): 1[.,]?500\b")
    )
    assert_accessible(page)

    # The slips give the address `make run` serves (its HOST and PORT), not :8000.
    with page.expect_download() as download:
        done.click()
    first_sheet = PdfReader(download.value.path()).pages[0].extract_text()
    assert stack.url in first_sheet


def test_the_statistics_refresh_on_schedule(stack, page):
    sign_in(page, stack, "sogd")
    page.goto(stack.url + "/thong-ke/")
    as_of = page.locator("#stats-as-of")

    def shown():
        return as_of.count() and AS_OF.search(as_of.inner_text()).group(1)

    # The first visit finds no summary: live figures, and a rebuild is queued.
    first = reload_until(page, shown, timeout=120)
    assert first, f"no summary was built:\n{stack.tail()}"
    assert_accessible(page)
    # Beat rebuilds it every REFRESH_SECONDS: the time moves on by itself.
    later = reload_until(page, lambda: shown() != first and shown(), timeout=200)
    assert later, f"the figures stayed as of {first}:\n{stack.tail()}"
    assert time.strptime(later, "%H:%M %d/%m/%Y") > time.strptime(
        first, "%H:%M %d/%m/%Y"
    )
    assert_accessible(page)


def test_ctrl_c_stops_every_process(stack):
    stopped, started = stack.ctrl_c()
    # make, the launcher, runserver and its reloaded server, worker, its pool, beat.
    assert len(started) >= 6, started
    assert stopped, f"left running: {[p for p in started if _alive(p)]}"
