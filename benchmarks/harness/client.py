"""A small HTTP client for 127.0.0.1: one request per fresh connection, and a cookie
jar (:class:`Client`) for signing in and posting forms."""

import gzip
import http.client
import socket
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from .output import BenchmarkError, comment

HOST = "127.0.0.1"
# Read at each request: a benchmark whose requests do heavy work may raise it.
HTTP_TIMEOUT_S = 15
USER_AGENT = "portal-benchmark"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def request(port, method, path, *, headers=None, body=None):
    """One request on a fresh connection (gunicorn's sync worker closes it anyway).

    Returns (status, headers as a list of pairs, body as sent).
    """
    connection = http.client.HTTPConnection(HOST, port, timeout=HTTP_TIMEOUT_S)
    try:
        all_headers = {"Connection": "close", "User-Agent": USER_AGENT}
        all_headers.update(headers or {})
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def get(port, path, accept_gzip=True, cookies=None):
    """GET ``path``; ``cookies`` is a Cookie header value or a dict. Returns
    (status, headers as a dict, body as sent)."""
    headers = {}
    if accept_gzip:
        headers["Accept-Encoding"] = "gzip"
    if isinstance(cookies, dict):
        cookies = cookie_header(cookies)
    if cookies:
        headers["Cookie"] = cookies
    status, header_list, body = request(port, "GET", path, headers=headers)
    return status, dict(header_list), body


@dataclass
class Client:
    """A cookie jar over :func:`request`: enough to sign in and post forms.

    Redirects are not followed: :meth:`request` returns the Location header.
    """

    port: int
    cookies: dict = field(default_factory=dict)

    def request(self, method, path, form=None):
        headers = {"Accept-Encoding": "gzip"}
        if self.cookies:
            headers["Cookie"] = cookie_header(self.cookies)
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{HOST}:{self.port}"
        status, header_list, raw = request(
            self.port, method, path, headers=headers, body=body
        )
        for name, value in header_list:
            if name.lower() != "set-cookie":
                continue
            for morsel in SimpleCookie(value).values():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(morsel.key, None)
                else:
                    self.cookies[morsel.key] = morsel.value
        header_map = {name.lower(): value for name, value in header_list}
        if header_map.get("content-encoding") == "gzip":
            raw = gzip.decompress(raw)
        location = header_map.get("location")
        if location:
            location = urlsplit(location)._replace(scheme="", netloc="").geturl()
        return status, location, raw

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form=None):
        """POST a form with Django's CSRF token taken from the csrftoken cookie."""
        if "csrftoken" not in self.cookies:
            raise BenchmarkError(f"no CSRF cookie before POST {path}")
        data = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **(form or {})}
        return self.request("POST", path, form=data)

    def sign_in(self, login_path, username, password):
        status, _location, _body = self.get(login_path)
        if status != 200:
            raise BenchmarkError(f"GET {login_path} answered {status}")
        status, location, _body = self.post(
            login_path, {"username": username, "password": password}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise BenchmarkError(
                f"signing in as {username} failed: HTTP {status}, to {location}"
            )


def describe_page(port, name, path, cookies=None):
    """A comment line with the status and HTML size of one page."""
    status, headers, body = get(port, path, cookies=cookies)
    plain = gzip.decompress(body) if headers.get("Content-Encoding") else body
    comment(
        f"{name}: HTTP {status}, HTML {len(plain)} bytes, "
        f"{len(body)} bytes as sent ({headers.get('Content-Encoding', 'none')})"
    )
    return status
