"""Structured logs: JSON lines with the request id, access records as fields."""

import json
import logging
import sys

from django.http import HttpResponse
from django.test import RequestFactory

from config.logging import JsonFormatter, RequestIdMiddleware, request_id_var


def record(name, message, args=None, exc_info=None):
    return logging.LogRecord(name, logging.INFO, __file__, 1, message, args, exc_info)


def test_a_record_is_one_json_line():
    line = JsonFormatter().format(record("courses", "Bài %s xong", ("3",)))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Bài 3 xong"
    assert entry["level"] == "INFO"
    assert entry["logger"] == "courses"
    assert entry["time"].endswith("+00:00")


def test_exceptions_are_kept_inside_the_line():
    try:
        raise ValueError("hỏng")
    except ValueError:
        line = JsonFormatter().format(record("x", "failed", exc_info=sys.exc_info()))
    entry = json.loads(line)
    assert "ValueError: hỏng" in entry["exception"]


def test_gunicorn_access_records_become_fields():
    atoms = {
        "h": "203.0.113.7",
        "m": "GET",
        "U": "/khoa-hoc/",
        "q": "",
        "s": "200",
        "B": "5120",
        "M": 42,
        "a": "Mozilla/5.0",
        "{x-request-id}o": "abc123",
    }
    entry = json.loads(
        JsonFormatter().format(record("gunicorn.access", "%(h)s", atoms))
    )
    assert entry["status"] == 200
    assert entry["bytes"] == 5120
    assert entry["duration_ms"] == 42
    assert entry["path"] == "/khoa-hoc/"
    assert entry["request_id"] == "abc123"
    assert "query" not in entry  # empty atoms are left out


def test_each_request_gets_an_id_in_its_log_lines_and_response():
    seen = {}

    def view(request):
        seen["id"] = request_id_var.get()
        return HttpResponse("ok")

    middleware = RequestIdMiddleware(view)
    response = middleware(RequestFactory().get("/"))
    assert len(response["X-Request-ID"]) == 32
    assert seen["id"] == response["X-Request-ID"]
    assert request_id_var.get() == ""  # reset after the request

    # A sane id from the proxy is kept; anything else is replaced.
    kept = middleware(RequestFactory().get("/", HTTP_X_REQUEST_ID="nginx-42.a"))
    assert kept["X-Request-ID"] == "nginx-42.a"
    replaced = middleware(RequestFactory().get("/", HTTP_X_REQUEST_ID='x" y<z>'))
    assert replaced["X-Request-ID"] != 'x" y<z>'

    token = request_id_var.set("req-7")
    try:
        entry = json.loads(JsonFormatter().format(record("django", "hello")))
    finally:
        request_id_var.reset(token)
    assert entry["request_id"] == "req-7"


FORBIDDEN_SCRIPT = """
import django
django.setup()
from django.core.exceptions import PermissionDenied
from django.core.handlers import exception
from django.http import HttpResponseForbidden
from django.test import RequestFactory

# The 403 page itself needs the database; only the logging is under test here.
exception.get_exception_response = lambda *args: HttpResponseForbidden()

request = RequestFactory().get("/dieu-phoi/lop/7/", HTTP_HOST="taphuan.example.gov.vn")
try:
    raise PermissionDenied("not this class")
except PermissionDenied as error:
    response = exception.response_for_exception(request, error)
assert response.status_code == 403, response.status_code
"""


def test_a_403_is_logged_on_one_line_without_a_traceback(tmp_path):
    """Issue 14, finding 11: a refused request is one log line, not a stack."""
    from tests.config.test_production_settings import production_env, run

    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        DJANGO_LOG_LEVEL="WARNING",
    )
    result = run(["-c", FORBIDDEN_SCRIPT], env)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    forbidden = [json.loads(line) for line in lines if "Forbidden" in line]
    assert len(forbidden) == 1, result.stdout
    entry = forbidden[0]
    assert entry["level"] == "WARNING"
    assert entry["message"] == "Forbidden (Permission denied): /dieu-phoi/lop/7/"
    assert "exception" not in entry
    assert "Traceback" not in result.stdout + result.stderr


def test_server_errors_keep_their_traceback():
    from config.logging import ClientErrorsOnOneLine

    try:
        raise ValueError("hỏng")
    except ValueError:
        server_error = record("django.request", "Internal Server Error: /", None)
        server_error.exc_info = sys.exc_info()
        refused = record("django.request", "Forbidden: /", None)
        refused.exc_info = sys.exc_info()
    server_error.status_code, refused.status_code = 500, 403
    one_line = ClientErrorsOnOneLine()
    assert one_line.filter(server_error) and one_line.filter(refused)
    assert server_error.exc_info is not None
    assert refused.exc_info is None
