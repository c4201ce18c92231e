"""Behind a trusted proxy the client's address comes from X-Forwarded-For; nobody else
may choose it (it keys the sign-in throttle and the certificate look-up limit)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from config.proxy import ForwardedForMiddleware


def seen_address(trusted, remote, forwarded=None):
    def view(request):
        return HttpResponse(request.META["REMOTE_ADDR"])

    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **headers)
    with override_settings(TRUSTED_PROXIES=trusted):
        middleware = ForwardedForMiddleware(view)
    return middleware(request).content.decode()


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        # nginx on the same machine passes the client's address.
        (["127.0.0.1"], "127.0.0.1", "203.0.113.7", "203.0.113.7"),
        # A client's own X-Forwarded-For is kept to the left and ignored.
        (["127.0.0.1"], "127.0.0.1", "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        # Chains of trusted proxies are skipped, networks included.
        (
            ["127.0.0.1", "10.0.0.0/8"],
            "127.0.0.1",
            "198.51.100.2, 10.1.2.3",
            "198.51.100.2",
        ),
        # IPv6 clients.
        (["::1"], "::1", "2001:db8::5", "2001:db8::5"),
        # Not from a trusted proxy: the header is the client's invention.
        (["127.0.0.1"], "198.51.100.9", "1.2.3.4", "198.51.100.9"),
        # No proxy configured (the embedded default): nothing changes.
        ([], "127.0.0.1", "1.2.3.4", "127.0.0.1"),
        # Garbage or nothing in the header: the proxy's address stays.
        (["127.0.0.1"], "127.0.0.1", "not-an-address", "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", None, "127.0.0.1"),
    ],
)
def test_client_address(trusted, remote, forwarded, expected):
    assert seen_address(trusted, remote, forwarded) == expected


@pytest.mark.django_db
def test_sign_in_lock_follows_the_forwarded_address(client, settings):
    """Two pupils behind one nginx are two addresses to the throttle."""
    from django.urls import reverse

    from tests.factories import UserFactory

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.AXES_FAILURE_LIMIT = 2
    UserFactory(username="hocsinh")

    def attempt(address):
        return client.post(
            reverse("people:login"),
            {"username": "hocsinh", "password": "sai"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        )

    assert attempt("203.0.113.1").status_code == 200
    assert attempt("203.0.113.1").status_code == 429
    assert attempt("203.0.113.2").status_code == 200
