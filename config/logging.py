"""Structured logs: one JSON object per line on stdout, for journald or a log shipper.

``JsonFormatter`` serves Django's, Celery's and gunicorn's loggers alike. A gunicorn
access record carries its fields (status, path, duration...) as a dict in
``record.args``; those become JSON fields instead of one formatted string.
``RequestIdMiddleware`` gives every request an id (the proxy's ``X-Request-ID`` when
it sends a sane one), echoes it in the response and adds it to the request's log lines.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

request_id_var = contextvars.ContextVar("request_id", default="")

_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")

# gunicorn access-log atoms worth keeping, under readable names.
_ACCESS_FIELDS = {
    "h": "remote_addr",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "a": "user_agent",
    "{x-request-id}o": "request_id",
}
_NUMBERS = {"status", "bytes", "duration_ms"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry["message"] = "access"
            for atom, field in _ACCESS_FIELDS.items():
                value = record.args.get(atom)
                if value not in (None, "", "-"):
                    entry[field] = (
                        int(value)
                        if field in _NUMBERS and str(value).isdigit()
                        else value
                    )
        else:
            entry["message"] = record.getMessage()
        request_id = request_id_var.get()
        if request_id and "request_id" not in entry:
            entry["request_id"] = request_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class ClientErrorsOnOneLine(logging.Filter):
    """A refused request (403, 400: ``django.request`` / ``django.security`` records
    of a 4xx response) is news in one line, not a traceback: Django attaches the
    exception to them, and probes would fill the log with stacks. 5xx keep theirs."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if record.exc_info and isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response.headers.setdefault("X-Request-ID", request_id)
        return response
