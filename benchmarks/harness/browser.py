"""Page weight: headless system Chromium (``/usr/bin/chromium``, never downloaded)
through Playwright, bytes from the DevTools ``Network.loadingFinished`` events."""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .output import BenchmarkError, comment

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
BROWSER_TIMEOUT_MS = 30_000


@dataclass(eq=False)
class Response:
    size: int  # encodedDataLength: body as sent plus response headers
    status: object
    encoding: str
    path: str
    resource_type: str


def page_weight(url, cookies=None):
    """Bytes and requests on the wire for a first visit with an empty cache.

    ``cookies``: a dict added to the new browser context for the page's origin (the
    context starts with no cache). Returns (list of :class:`Response`, {request id:
    error text} of failed requests).
    """
    from playwright.sync_api import sync_playwright

    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    finished = {}
    failed = {}
    responses = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(
                viewport={"width": 360, "height": 740}, locale="vi-VN"
            )
            if cookies:
                context.add_cookies(
                    [
                        {"name": name, "value": value, "url": origin}
                        for name, value in cookies.items()
                    ]
                )
            context.set_default_timeout(BROWSER_TIMEOUT_MS)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.on(
                "Network.responseReceived",
                lambda event: responses.__setitem__(event["requestId"], event),
            )
            cdp.on(
                "Network.loadingFinished",
                lambda event: finished.__setitem__(
                    event["requestId"], event["encodedDataLength"]
                ),
            )
            cdp.on(
                "Network.loadingFailed",
                lambda event: failed.__setitem__(
                    event["requestId"], event.get("errorText", "")
                ),
            )
            cdp.send("Network.enable")
            response = page.goto(url, wait_until="load", timeout=BROWSER_TIMEOUT_MS)
            if response is None or response.status != 200:
                raise BenchmarkError(f"browser got {response and response.status}")
            if response.url != url:
                raise BenchmarkError(f"browser was sent to {response.url}, not {url}")
            page.wait_for_load_state("networkidle", timeout=BROWSER_TIMEOUT_MS)
            page.wait_for_timeout(500)
            context.close()
        finally:
            browser.close()
    rows = []
    for request_id, size in finished.items():
        event = responses.get(request_id, {})
        response = event.get("response", {})
        headers = {
            name.lower(): value for name, value in response.get("headers", {}).items()
        }
        url_path = response.get("url", "?")
        if url_path.startswith(origin):
            url_path = url_path[len(origin) :] or "/"
        rows.append(
            Response(
                size=int(size),
                status=response.get("status", "?"),
                encoding=headers.get("content-encoding", "identity"),
                path=url_path,
                resource_type=event.get("type", "?"),
            )
        )
    return rows, failed


def comment_responses(rows, failed, excluded=()):
    """Per-response comment lines, largest first; ``excluded`` rows are marked."""
    comment("first visit, bytes received incl. headers, per response:")
    for row in sorted(rows, key=lambda row: (row.size, row.path), reverse=True):
        mark = "  (excluded)" if row in excluded else ""
        comment(f"  {row.size:>8} {row.status} {row.encoding:<8} {row.path}{mark}")
    for request_id, error in failed.items():
        comment(f"  failed request {request_id}: {error}")
