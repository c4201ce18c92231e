"""Settings of the scratch provider (not the portal's): everything it needs comes
from OIDC_TEST_PROVIDER_DIR (SQLite file, the claims file) and its own address."""

import os
from pathlib import Path

DIR = Path(os.environ["OIDC_TEST_PROVIDER_DIR"])
SITE_URL = os.environ["OIDC_TEST_PROVIDER_URL"]

DEBUG = False
SECRET_KEY = "scratch-provider-only"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.oidc_test_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": ["django.template.context_processors.request"]
        },
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DIR / "provider.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
LOGIN_URL = "/login/"
# Cookies are per host, not per port: on 127.0.0.1 beside the portal, names of its own.
SESSION_COOKIE_NAME = "provider_sessionid"
CSRF_COOKIE_NAME = "provider_csrftoken"
# The claims a test gave each user (claims.py); no consent page for the portal.
OIDC_USERINFO = "tests.oidc_test_provider.claims.userinfo"
OIDC_EXTRA_SCOPE_CLAIMS = "tests.oidc_test_provider.claims.PersonalIdClaims"
LOGGING = {"version": 1, "disable_existing_loggers": True}
