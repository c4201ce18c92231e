"""The provider's configuration: the settings (config/settings/base.py, "oidc"
block), with the endpoints the issuer publishes filling those left empty."""

from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.cache import cache

ENDPOINTS = {  # setting -> key of the provider's discovery document
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
DISCOVERY_SECONDS = 60 * 60
KEYS_SECONDS = 10 * 60


class Unreachable(Exception):
    """The issuer's discovery document could not be read."""


def is_enabled():
    """Configured: a client id and either an issuer or the three endpoints a code
    flow needs. Otherwise there is no button and every route is a 404."""
    if not settings.OIDC_RP_CLIENT_ID:
        return False
    return bool(settings.OIDC_OP_ISSUER) or all(
        getattr(settings, name)
        for name in (
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
    )


def _published(url, seconds, *, fresh=False):
    """A JSON document the provider publishes, kept ``seconds`` in the shared cache."""
    key = f"oidc:published:{url}"
    document = None if fresh else cache.get(key)
    if document is None:
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise Unreachable(str(error)) from error
        cache.set(key, document, seconds)
    return document


def discovery(issuer):
    """The issuer's published configuration (an hour)."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    return _published(url, DISCOVERY_SECONDS)


def signing_keys(jwks_url, *, fresh=False):
    """The provider's public keys (ten minutes; ``fresh`` after a rotation)."""
    return _published(jwks_url, KEYS_SECONDS, fresh=fresh)


def setting(name, *default):
    """What mozilla-django-oidc asks for: the setting, or for an empty endpoint the
    issuer's discovered one (raises ``Unreachable`` if it cannot be read)."""
    value = getattr(settings, name, *default)
    if name in ENDPOINTS and not value and settings.OIDC_OP_ISSUER:
        value = discovery(settings.OIDC_OP_ISSUER).get(ENDPOINTS[name], "")
    return value


def authorization_origin():
    """scheme://host[:port] of the authorization endpoint: a form that starts the
    flow redirects there, which the page's Content-Security-Policy must allow."""
    parts = urlsplit(setting("OIDC_OP_AUTHORIZATION_ENDPOINT"))
    return f"{parts.scheme}://{parts.netloc}"
