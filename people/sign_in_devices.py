"""Device cookies: a browser where an account has signed in before is known to it.

After a successful sign-in the browser keeps a signed cookie naming the accounts
that signed in on it. Wrong passwords sent with that cookie are counted for that
browser alone, so a storm of wrong passwords from the school's shared address
(everyone behind one NAT) does not hold up the pupil on their own phone or on the
computer-room PC they used before. The cookie is signed (it cannot be forged) and
gives no extra guesses: each known browser has its own, equally strict, counter.
(The idea is OWASP's "device cookies" against lockout attacks.)
"""

import secrets

from django.conf import settings
from django.core import signing

COOKIE = "portal_device"
SALT = "people.sign_in_devices"
MAX_AGE = 180 * 24 * 3600
# A shared computer-room PC remembers the last accounts that signed in on it.
MAX_ACCOUNTS = 60


def _read(request):
    value = request.COOKIES.get(COOKIE)
    if not value:
        return None
    try:
        data = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("accounts"), list):
        return None
    return data


def device_for(request, identity):
    """The known-device key for this account on this browser, or "" if unknown."""
    data = _read(request)
    if data and identity in data["accounts"]:
        return f"device:{data['device']}"
    return ""


def remember_sign_in(request, identity):
    """Note that ``identity`` signed in here; the middleware writes the cookie."""
    data = _read(request) or {"device": secrets.token_urlsafe(12), "accounts": []}
    accounts = [a for a in data["accounts"] if a != identity] + [identity]
    data["accounts"] = accounts[-MAX_ACCOUNTS:]
    request.sign_in_device_cookie = signing.dumps(data, salt=SALT, compress=True)


class DeviceCookieMiddleware:
    """Writes the cookie that ``remember_sign_in`` prepared, on any sign-in view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        value = getattr(request, "sign_in_device_cookie", None)
        if value:
            response.set_cookie(
                COOKIE,
                value,
                max_age=MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
