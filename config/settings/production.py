"""Production: PostgreSQL, Redis, Celery workers, HTTPS behind a proxy, JSON logs.

Refuses to start without ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS``, or with
the public development keys of the personal ID numbers (``DJANGO_PERSONAL_ID_KEYS``,
``DJANGO_PERSONAL_ID_HASH_KEY``). Any
``DATABASE_URL`` is accepted (the benchmarks run these settings on SQLite), but
``manage.py check --deploy`` warns (portal.W001) unless it points at PostgreSQL.
docs/deployment.md lists every variable.
"""

from django.core.exceptions import ImproperlyConfigured

import config.checks  # noqa: F401  (portal.E001-E003: media, ID keys, signing keys; W001)

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY_ADMIN,
    DATABASES,
    DEV_PERSONAL_ID_HASH_KEY,
    DEV_PERSONAL_ID_KEY,
    LOGGING,
    PERSONAL_ID_HASH_KEY,
    PERSONAL_ID_KEYS,
    STORAGES,
    env,
)

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")
# The development keys are in the repository: numbers under them are not secret.
if DEV_PERSONAL_ID_KEY in PERSONAL_ID_KEYS or not PERSONAL_ID_KEYS:
    raise ImproperlyConfigured("DJANGO_PERSONAL_ID_KEYS must be set in production.")
if PERSONAL_ID_HASH_KEY in ("", DEV_PERSONAL_ID_HASH_KEY):
    raise ImproperlyConfigured("DJANGO_PERSONAL_ID_HASH_KEY must be set in production.")

# PostgreSQL: connections kept open between requests and checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# HTTPS behind a proxy that sets X-Forwarded-Proto (nginx lines: docs/deployment.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# nginx on the same machine; set DJANGO_TRUSTED_PROXIES for a proxy elsewhere.
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Load balancers probe over plain HTTP (config/health.py answers before this anyway).
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
# e.g. https://taphuan.example.gov.vn — needed when the proxy changes the Host header.
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

SILENCED_SYSTEM_CHECKS = []
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' HSTS preload list cannot be undone quickly and binds every
    # subdomain of the province's domain: the operator decides, not a default.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# Media: local disk by default (DJANGO_MEDIA_ROOT, in base.py), or an S3-compatible
# bucket when DJANGO_MEDIA_S3_BUCKET is set. Private files (rosters, login slips,
# certificates) stay on disk: they are served only through views that check access.
MEDIA_S3_BUCKET = env("DJANGO_MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    try:
        import storages  # noqa: F401
    except ImportError as error:
        raise ImproperlyConfigured(
            "DJANGO_MEDIA_S3_BUCKET is set but django-storages is missing: "
            "pip install -r deploy/requirements-s3.txt"
        ) from error
    MEDIA_S3_CUSTOM_DOMAIN = env("DJANGO_MEDIA_S3_CUSTOM_DOMAIN", default="")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env("DJANGO_MEDIA_S3_ENDPOINT_URL", default=None),
            "region_name": env("DJANGO_MEDIA_S3_REGION", default=None),
            "access_key": env("DJANGO_MEDIA_S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("DJANGO_MEDIA_S3_SECRET_ACCESS_KEY", default=None),
            "custom_domain": MEDIA_S3_CUSTOM_DOMAIN or None,
            # Public images and documents: plain URLs that browsers and proxies cache.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    media_origin = (
        f"https://{MEDIA_S3_CUSTOM_DOMAIN}"
        if MEDIA_S3_CUSTOM_DOMAIN
        else env("DJANGO_MEDIA_S3_ENDPOINT_URL", default="https:")
    )
    for policy in (CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN):
        for directive in ("img-src", "media-src"):
            sources = policy["DIRECTIVES"].setdefault(directive, ["'self'"])
            sources.append(media_origin)

# Structured logs: one JSON object per line on stdout (journald / docker collect it).
LOGGING["handlers"]["console"]["formatter"] = env("DJANGO_LOG_FORMAT", default="json")
LOGGING["handlers"]["console"]["stream"] = "ext://sys.stdout"
# Celery keeps the logging configured here instead of installing its own handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
