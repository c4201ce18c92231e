"""The roster import over HTTP, as a coordinator's browser does it: sign in, upload
the file, poll until the preview, confirm, poll until done, download the slips;
every request timed on the client."""

import json
import re
import time
import uuid
from html import unescape

from .client import HOST, Client, cookie_header, request
from .output import BenchmarkError

COORDINATOR = "giaovien"
PASSWORD = "demo-2026"  # the published password of the demo accounts
LOGIN_PATH = "/tai-khoan/dang-nhap/"
UPLOAD_PATH = "/dieu-phoi/nhap-danh-sach/"
IMPORT_PATH = re.compile(r"^/dieu-phoi/nhap-danh-sach/(\d+)/$")
POLL_INTERVAL_S = 0.2
FLOW_TIMEOUT_S = 300


class Timed:
    """Every request of the flow with its wall time, client side."""

    def __init__(self, client):
        self.client = client
        self.requests = []  # (label, ms, status)

    def _record(self, label, started, status):
        self.requests.append((label, (time.perf_counter() - started) * 1000, status))

    def get(self, label, path):
        started = time.perf_counter()
        status, location, body = self.client.get(path)
        self._record(label, started, status)
        return status, location, body

    def post(self, label, path, form):
        started = time.perf_counter()
        status, location, body = self.client.request("POST", path, form=form)
        self._record(label, started, status)
        return status, location, body

    def upload(self, label, path, fields, file_path):
        """A multipart POST (the harness Client only sends urlencoded forms)."""
        boundary = f"----bench{uuid.uuid4().hex}"
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{value}\r\n".encode()
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{file_path.name}"\r\nContent-Type: application/vnd.'
            "openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".encode()
            + file_path.read_bytes()
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {
            "Cookie": cookie_header(self.client.cookies),
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Origin": f"http://{HOST}:{self.client.port}",
        }
        started = time.perf_counter()
        status, header_list, _body = request(
            self.client.port, "POST", path, headers=headers, body=b"".join(parts)
        )
        self._record(label, started, status)
        location = {k.lower(): v for k, v in header_list}.get("location", "")
        return status, location.replace(f"http://{HOST}:{self.client.port}", "")


def _form_value(html, pattern, what):
    match = re.search(pattern, html, re.S)
    if not match:
        raise BenchmarkError(f"the upload form has no {what}")
    return unescape(match.group(1))


def read_upload_form(html):
    """CSRF token and the form's defaults (the coordinator's one school, this year)."""
    return {
        "csrfmiddlewaretoken": _form_value(
            html, r'name="csrfmiddlewaretoken" value="([^"]+)"', "CSRF token"
        ),
        "organisation": _form_value(
            html,
            r'<select name="organisation".*?<option value="(\d+)" selected',
            "selected school",
        ),
        "school_year": _form_value(
            html, r'name="school_year" value="([^"]+)"', "school year"
        ),
        "default_class_name": "",
    }


def poll(timed, status_path, wanted, phase):
    deadline = time.monotonic() + FLOW_TIMEOUT_S
    while time.monotonic() < deadline:
        status, _location, body = timed.get(f"status ({phase})", status_path)
        if status != 200:
            raise BenchmarkError(f"GET {status_path} answered {status}")
        state = json.loads(body)
        if state["status"] == wanted:
            return state
        if state["status"] in ("invalid", "failed"):
            raise BenchmarkError(f"the import stopped as {state['status']}")
        time.sleep(POLL_INTERVAL_S)
    raise BenchmarkError(f"no {wanted!r} within {FLOW_TIMEOUT_S} s")


# The confirm step records the school's legal basis with the accounts
# (people/consent.py), as a coordinator fills it in.
LEGAL_BASIS = {
    "basis-kind": "public_task",
    "basis-text": "Kế hoạch số 12/KH-THPT về tập huấn kỹ năng số",
    "basis-basis_date": "01/09/2025",
    "basis-guardian_consent": "on",
}


def run_flow(port, file_path):
    """Sign in, upload, preview, confirm, slips. Returns timings and the PDF."""
    client = Client(port)
    client.sign_in(LOGIN_PATH, COORDINATOR, PASSWORD)
    timed = Timed(client)

    status, _location, body = timed.get("upload form", UPLOAD_PATH)
    if status != 200:
        raise BenchmarkError(f"GET {UPLOAD_PATH} answered {status}")
    fields = read_upload_form(body.decode())

    marks = {"start": time.perf_counter()}
    status, location = timed.upload("upload", UPLOAD_PATH, fields, file_path)
    match = IMPORT_PATH.match(location or "")
    if status != 302 or not match:
        raise BenchmarkError(f"the upload answered {status}, to {location!r}")
    import_path, import_id = location, int(match.group(1))
    status_path = f"{import_path}trang-thai/"
    timed.get("import page", import_path)
    marks["uploaded"] = time.perf_counter()

    poll(timed, status_path, "preview", "reading")
    marks["preview"] = time.perf_counter()
    status, _location, body = timed.get("preview page", import_path)
    if status != 200 or b"/xac-nhan/" not in body:
        raise BenchmarkError(f"the preview page ({status}) has no confirm form")
    token = _form_value(
        body.decode(), r'name="csrfmiddlewaretoken" value="([^"]+)"', "CSRF token"
    )

    marks["confirm"] = time.perf_counter()
    status, location, _body = timed.post(
        "confirm",
        f"{import_path}xac-nhan/",
        {"csrfmiddlewaretoken": token} | LEGAL_BASIS,
    )
    if status != 302 or location != import_path:
        raise BenchmarkError(f"the confirm answered {status}, to {location!r}")
    timed.get("import page", import_path)
    poll(timed, status_path, "done", "applying")
    marks["done"] = time.perf_counter()

    status, _location, body = timed.get("done page", import_path)
    slips_path = f"{import_path}phieu-dang-nhap.pdf"
    if status != 200 or slips_path.encode() not in body:
        raise BenchmarkError(f"the done page ({status}) has no slips link")
    status, _location, pdf = timed.get("slips PDF", slips_path)
    if status != 200 or not pdf.startswith(b"%PDF"):
        raise BenchmarkError(f"GET {slips_path} answered {status}")
    marks["slips"] = time.perf_counter()
    return import_id, marks, timed.requests, pdf
