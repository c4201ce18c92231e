"""Learning without a signal: keep the demo course offline, cut the network, read
every lesson and answer its practice quiz, restore the network, count what arrived.

Run from the repository root with the project's virtualenv:

    .venv/bin/python benchmarks/offline.py

What it does, all inside a temporary directory that is removed at the end:

1. the same site as ``learner_pages.py``: a fresh SQLite database with ``load_demo``,
   ``collectstatic``, gunicorn with one sync worker and the production settings on
   127.0.0.1;
2. over HTTP, as the demo student: sign in through the form, enrol in the demo course
   and start its practice quiz (the attempt page holds the questions);
3. first visit of a lesson, cold cache, in headless Chromium (system,
   /usr/bin/chromium) with the learner's cookies: bytes of every response from the
   DevTools protocol, once with the installable app (manifest, pwa.js, the service
   worker /sw.js and what it fetches while installing) and once without it (the same
   site restarted with ``DJANGO_OFFLINE_BUDGET_MIB=0``, which turns the app off);
4. a phone profile (Pixel 5: 393 px, touch, mobile user agent): "Lưu để học ngoại
   tuyến" on the course page, then ``context.set_offline(True)``; every page of the
   pack opened (course, lessons, practice quiz, the attempt in progress) must answer
   200 with its own title; each lesson is marked done and the quiz answered and
   submitted, which the offline queue (``site/static/js/offline-queue.js``, helper
   "sync"'s) keeps on the phone;
5. the network back: the queue is sent to ``POST /hoc/dong-bo/``; the database must
   hold every lesson done and the submitted attempt; then every sync request the
   browser sent is posted again (a replay) and the records must not change.

Prints ``name: value unit`` lines and ``#`` comment lines. Only 127.0.0.1 is
contacted. Every step has a timeout.
"""

import gzip
import json
import sys
import textwrap

from harness import argument_parser, main
from harness.browser import CHROMIUM, CHROMIUM_ARGS
from harness.client import Client, cookie_header, request
from harness.output import BenchmarkError, comment, metric
from harness.servers import serve
from harness.site import collectstatic, prepare_site, shell

USERNAME = "hocsinh"
PASSWORD = "demo-2026"  # the published password of the demo accounts
COURSE_SLUG = "cong-dan-so-an-toan"
TIMEOUT_MS = 60_000
SYNC_PATH = "/hoc/dong-bo/"
SW_BUDGET_BYTES = 20 * 1024

FIND_PAGES = textwrap.dedent(
    f"""\
    import json

    from django.urls import reverse

    from courses.models import CoursePage, LessonPage, QuizPage

    course = CoursePage.objects.live().get(slug="{COURSE_SLUG}")
    lessons = LessonPage.objects.live().child_of(course).order_by("path")
    quiz = QuizPage.objects.live().child_of(course).order_by("path").first()
    print(json.dumps({{
        "course": course.get_url_parts()[2],
        "course_title": course.title,
        "lessons": [[p.get_url_parts()[2], p.title] for p in lessons],
        "quiz": quiz.get_url_parts()[2],
        "quiz_title": quiz.title,
        "login": reverse("people:login"),
    }}))
    """
)

# What the server holds for the learner: lessons done, submitted attempts, and the
# answer key of the open attempt (the browser never sees it before submitting).
RECORDS = textwrap.dedent(
    f"""\
    import json

    from courses.models import LessonProgress, QuizAttempt

    progress = LessonProgress.objects.filter(enrolment__user__username="{USERNAME}")
    attempts = QuizAttempt.objects.filter(enrolment__user__username="{USERNAME}")
    open_attempt = attempts.filter(submitted_at__isnull=True).first()
    print(json.dumps({{
        "lessons_done": progress.count(),
        "submitted": attempts.filter(submitted_at__isnull=False).count(),
        "attempts": attempts.count(),
        "key": {{q["key"]: list(q["correct"]) for q in open_attempt.snapshot}}
        if open_attempt else {{}},
    }}))
    """
)


def records(env):
    return json.loads(shell(env, RECORDS))


def sign_in_and_start(port, urls):
    client = Client(port)
    client.sign_in(urls["login"], USERNAME, PASSWORD)
    status, location, _body = client.post(urls["course"] + "ghi-danh/")
    if status != 302:
        raise BenchmarkError(f"enrolling answered {status}, to {location}")
    status, attempt, _body = client.post(urls["quiz"] + "bat-dau/")
    if status != 302 or not attempt or "/lan/" not in attempt:
        raise BenchmarkError(f"starting the quiz answered {status}, to {attempt}")
    for path in (urls["course"], attempt):  # shows (and clears) the flash messages
        client.get(path)
    return client, attempt


def first_visit_bytes(browser, origin, path, cookies, with_worker):
    """Bytes on the wire for a cold first visit of ``path``: the page's requests
    from its DevTools session; with the worker, plus what that session does not see
    and a phone fetches: the worker script, the web app manifest and its icon."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        service_workers="allow" if with_worker else "block",
    )
    context.add_cookies(
        [{"name": k, "value": v, "url": origin} for k, v in cookies.items()]
    )
    sizes, paths = {}, {}
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.on(
        "Network.responseReceived",
        lambda e: paths.__setitem__(e["requestId"], e["response"]["url"]),
    )
    session.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    session.send("Network.enable")
    page.goto(origin + path, wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    rows = [(paths.get(k, "?").replace(origin, ""), v) for k, v in sizes.items()]
    if with_worker:
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.wait_for_timeout(1000)
        seen = {row[0] for row in rows}
        manifest = page.locator("link[rel=manifest]").get_attribute("href")
        icon = json.loads(_fetch(origin, manifest, cookies)[1])["icons"][0]["src"]
        for extra in ("/sw.js", manifest, icon):
            if extra not in seen:
                rows.append(
                    (
                        extra + "  (outside the page's session)",
                        _fetch(origin, extra, cookies)[0],
                    )
                )
    context.close()
    return sum(size for _path, size in rows), sorted(rows)


def _fetch(origin, path, cookies):
    """(bytes on the wire, body) of a GET as the browser sends it (gzip, cookies)."""
    port = int(origin.rsplit(":", 1)[1])
    headers = {"Accept-Encoding": "gzip", "Cookie": cookie_header(cookies)}
    status, header_list, raw = request(port, "GET", path, headers=headers)
    if status != 200:
        raise BenchmarkError(f"GET {path} answered {status}")
    head = sum(len(n) + len(v) + 4 for n, v in header_list) + 17
    gzipped = any(n.lower() == "content-encoding" for n, _v in header_list)
    return len(raw) + head, gzip.decompress(raw) if gzipped else raw


def keep_and_read_offline(browser, devices, origin, urls, attempt, cookies, env):
    """Steps 4 and 5; returns the figures."""
    profile = {
        k: v for k, v in devices["Pixel 5"].items() if k != "default_browser_type"
    }
    context = browser.new_context(**profile, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies(
        [{"name": k, "value": v, "url": origin} for k, v in cookies.items()]
    )
    synced_bodies = []
    context.on(
        "request",
        lambda r: (
            r.method == "POST"
            and r.url.endswith(SYNC_PATH)
            and synced_bodies.append(r.post_data)
        ),
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(origin + urls["course"])
    box = page.locator("#offline-pack")
    box.locator("[data-role=status]").filter(has_text="Khoảng").wait_for()
    comment("before download: " + box.locator("[data-role=status]").inner_text())
    pack = page.evaluate(
        "url => fetch(url).then(r => r.json())", box.get_attribute("data-pack")
    )
    box.get_by_role("button", name="Lưu để học ngoại tuyến").click()
    page.wait_for_selector("#offline-pack[data-kept]", timeout=TIMEOUT_MS)
    kept = page.evaluate(
        "id => offlinePages.ask({type: 'status', course: id})",
        box.get_attribute("data-course"),
    )
    metric("course_pack_kib", f"{kept['bytes'] / 1024:.1f}", "KiB")
    comment(
        f"pack as announced before download: {pack['total_bytes'] / 1024:.1f} KiB "
        f"(estimate), {len(pack['entries'])} entries; budget "
        f"{pack['budget_bytes'] // (1024 * 1024)} MiB"
    )

    context.set_offline(True)
    readable, wanted = 0, []
    wanted.append((urls["course"], urls["course_title"]))
    wanted += [tuple(lesson) for lesson in urls["lessons"]]
    wanted += [(urls["quiz"], urls["quiz_title"]), (attempt, urls["quiz_title"])]
    has_queue = False
    for path, title in wanted:
        response = page.goto(origin + path)
        heading = page.locator("h1").first.inner_text().strip()
        if response and response.status == 200 and heading == title:
            readable += 1
        else:
            comment(f"offline, not readable: {path} ({response and response.status})")
    has_queue = page.evaluate("typeof window.offlineQueue === 'object'")
    metric("offline_pages_readable", f"{readable}/{len(wanted)}", "pages")
    if not page.locator("#offline-banner").is_visible():
        comment("the offline banner was NOT shown")

    if not has_queue:
        comment(
            "no offline queue on the page (helper sync's offline-queue.js is not "
            "merged): answers and sync not measured"
        )
        context.close()
        return
    expected = len(urls["lessons"]) + 1
    for path, _title in urls["lessons"]:
        page.goto(origin + path)
        form = page.locator("form[data-offline=lesson_done]")
        if form.count():
            form.get_by_role("button").click()
            form.wait_for(state="detached")  # the queue kept it: the form says so
    page.goto(origin + attempt)
    for choices in records(env)["key"].values():
        for key in choices:
            page.locator(f"#c-{key}").check()
    page.get_by_role("button", name="Nộp bài").click()
    page.locator("[data-save-status]").filter(has_text="khi có mạng").wait_for()

    context.set_offline(False)
    # Back online, the quiz page sends its queued answers and opens the result page
    # itself; a navigation of ours racing it is aborted: wait and go again.
    from playwright.sync_api import Error as PlaywrightError

    for tries_left in range(4, -1, -1):
        try:
            page.goto(origin + urls["lessons"][0][0])
            break
        except PlaywrightError:
            if not tries_left:
                raise
            page.wait_for_timeout(1000)
    for _ in range(20):
        left = page.evaluate("offlineQueue.flush().then(r => r ? r.length : 0)")
        if not left:
            break
        page.wait_for_timeout(500)
    after = records(env)
    synced = after["lessons_done"] + after["submitted"]
    metric("offline_answers_synced", f"{synced}/{expected}", "items")
    metric("offline_lost", expected - synced, "items")
    comment(
        f"recorded after reconnecting: {after['lessons_done']} of "
        f"{len(urls['lessons'])} lessons done, "
        f"{after['submitted']} quiz attempt submitted"
    )
    context.close()

    # A replay: every sync request the browser sent, once more.
    client_cookies = dict(cookies)
    replays = 0
    for body in synced_bodies:
        status, _headers, _raw = request(
            int(origin.rsplit(":", 1)[1]),
            "POST",
            SYNC_PATH,
            headers={
                "Cookie": cookie_header(client_cookies),
                "Content-Type": "application/json",
                "X-CSRFToken": client_cookies["csrftoken"],
                "Origin": origin,
                "Referer": origin + "/",
            },
            body=body,
        )
        replays += status == 200
    replayed = records(env)
    duplicates = (replayed["lessons_done"] - after["lessons_done"]) + (
        replayed["attempts"] - after["attempts"]
    )
    metric("duplicate_records_after_replay", duplicates, "records")
    comment(f"replayed {replays}/{len(synced_bodies)} sync requests (HTTP 200)")


def measure(args, tmp):
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise BenchmarkError(f"{CHROMIUM} is missing")
    env, content = prepare_site(tmp)
    urls = json.loads(shell(env, FIND_PAGES))
    collectstatic(env)
    lesson = urls["lessons"][0][0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            off = {**env, "DJANGO_OFFLINE_BUDGET_MIB": "0"}
            with serve(off, tmp) as server:
                client, attempt = sign_in_and_start(server.port, urls)
                cookies = {n: client.cookies[n] for n in ("sessionid", "csrftoken")}
                baseline, _rows = first_visit_bytes(
                    browser, server.origin, lesson, cookies, with_worker=False
                )
            with serve(env, tmp) as server:
                comment(
                    f"against: gunicorn -w 1 (sync), production settings, {content}"
                )
                with_sw, rows = first_visit_bytes(
                    browser, server.origin, lesson, cookies, with_worker=True
                )
                metric("first_visit_kib_without_sw", f"{baseline / 1024:.1f}", "KiB")
                metric("first_visit_kib_with_sw", f"{with_sw / 1024:.1f}", "KiB")
                added = with_sw - baseline
                comment(
                    f"the app adds {added / 1024:.1f} KiB to a first visit of {lesson} "
                    f"(budget {SW_BUDGET_BYTES // 1024} KiB): "
                    + ("within" if added <= SW_BUDGET_BYTES else "OVER")
                )
                for path, size in rows:
                    comment(f"  {size:>8} {path}")
                keep_and_read_offline(
                    browser,
                    playwright.devices,
                    server.origin,
                    urls,
                    attempt,
                    cookies,
                    env,
                )
        finally:
            browser.close()


if __name__ == "__main__":
    parser = argument_parser(__doc__)
    sys.exit(main(measure, parser, prefix="bench-offline-"))
