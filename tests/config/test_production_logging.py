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
