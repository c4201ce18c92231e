"""Sending a generated request through Django's test client, and judging the answer.

The rules (issue 14): no 5xx; a refused request (4xx, a form shown again with
errors, or an error message) changes none of the tables that matter; every form
error is shown on the page; a 400 says why.
"""

import html
import json
import traceback
from collections import defaultdict
from urllib.parse import urlencode

from django.contrib.messages import constants, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import BaseForm, BaseFormSet
from django.test import Client

from tests.fuzz.fingerprint import changed_tables, fingerprint


def client_for(user):
    client = Client(raise_request_exception=True)
    if user is not None:
        client.force_login(user)
    return client


def send(client, request):
    url = request.path + ("?" + urlencode(request.query) if request.query else "")
    method = request.method.lower()
    if request.json_body is not None:
        return client.generic(
            request.method, url, request.json_body, content_type="application/json"
        )
    if request.method in ("GET", "HEAD", "DELETE", "OPTIONS"):
        return getattr(client, method)(url)
    data = defaultdict(list)
    for name, value in request.data:
        data[name].append(value)
    if request.method != "POST":
        return client.generic(
            request.method,
            url,
            urlencode(data, doseq=True),
            content_type="application/x-www-form-urlencoded",
        )
    for name, filename, content, kind in request.files:
        data[name].append(SimpleUploadedFile(filename, content, content_type=kind))
    return client.post(url, dict(data))


def body_of(response):
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", "replace")


def form_errors(response):
    """Messages of the forms and formsets in the template context."""
    found = []
    for context in response.context or []:
        for value in context.flatten().values() if hasattr(context, "flatten") else []:
            # Only forms the view validated: reading .errors would validate the
            # others now, after the request (its uploads already closed).
            validated = getattr(value, "_errors", None) is not None
            if isinstance(value, BaseForm) and value.is_bound and validated:
                for errors in value.errors.values():
                    found += [str(e) for e in errors]
            elif isinstance(value, BaseFormSet) and value.is_bound and validated:
                found += [str(e) for e in value.non_form_errors()]
                for form_errors_ in value.errors:
                    for errors in form_errors_.values():
                        found += [str(e) for e in errors]
    return list(dict.fromkeys(found))


def error_messages(response):
    request = getattr(response, "wsgi_request", None)
    if request is None or not hasattr(request, "_messages"):
        return []
    return [str(m) for m in get_messages(request) if m.level >= constants.ERROR]


def shown(message, page):
    escaped = html.escape(message)
    as_json = json.dumps(message)[1:-1]
    return any(
        text in page
        for text in (message, escaped, as_json, html.escape(as_json), escaped[:60])
    )


def judge(request, response, before, after, page):
    problems = []
    if response.status_code >= 500:
        problems.append(f"HTTP {response.status_code}")
    errors = form_errors(response)
    refused = 400 <= response.status_code < 500 or errors or error_messages(response)
    changed = changed_tables(before, after)
    if refused and changed:
        problems.append(f"refused (HTTP {response.status_code}) but wrote {changed}")
    hidden = [e for e in errors if not shown(e, page)]
    if hidden and response.status_code in (200, 400):
        problems.append(f"form errors not on the page: {hidden[:3]}")
    if response.status_code == 400 and request.method != "HEAD" and not page.strip():
        problems.append("400 without a word of explanation")
    return problems


def attempt(users, request):
    """Send ``request``; return (response or None, problems)."""
    before = fingerprint()
    try:
        response = send(client_for(users[request.role]), request)
    except Exception:
        return None, ["server error:\n" + traceback.format_exc(limit=-6)]
    page = body_of(response)
    return response, judge(request, response, before, fingerprint(), page)
