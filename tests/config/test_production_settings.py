"""Production settings, loaded in a child process as a server would load them."""

import json
import os
from pathlib import Path

import pytest

from tests.processes import run_python

REPO = Path(__file__).resolve().parents[2]
# Long and random enough for check --deploy (security.W009); not a real secret.
SECRET = "prod-settings-test-" + "k3Jx9QmV7pLs2RtY8wZc4NbF6hGd1aEu5oIi0"  # noqa: S105
PERSONAL_ID_KEY = (
    "LgpTgVhIMh0vNjBMluDPK43rjSGqVazsF9pQ2dUYCQE="  # a Fernet key; not a real one
)
SERVICE_VARS = {
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
}


def production_env(**overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "AXES_"))
        and key not in SERVICE_VARS
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": SECRET,
            "DJANGO_ALLOWED_HOSTS": "taphuan.example.gov.vn",
            "DJANGO_PERSONAL_ID_KEYS": PERSONAL_ID_KEY,
            "DJANGO_PERSONAL_ID_HASH_KEY": "prod-settings-test-hash-key",
            # Never connected to by these tests: check --deploy reads settings only.
            "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
            "REDIS_URL": "redis://127.0.0.1:6379/1",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(args, env):
    return run_python(args, env=env, timeout=120)


SHOW_SETTINGS = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": db["ENGINE"],
    "conn_max_age": db["CONN_MAX_AGE"],
    "conn_health_checks": db["CONN_HEALTH_CHECKS"],
    "cache": settings.CACHES["default"]["LOCATION"],
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "media_root": str(settings.MEDIA_ROOT),
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "redirect_exempt": settings.SECURE_REDIRECT_EXEMPT,
    "secure_cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "hsts": settings.SECURE_HSTS_SECONDS,
    "proxy_header": list(settings.SECURE_PROXY_SSL_HEADER),
    "csrf_origins": settings.CSRF_TRUSTED_ORIGINS,
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
    "first_backend": settings.AUTHENTICATION_BACKENDS[0],
    "trusted_proxies": settings.TRUSTED_PROXIES,
}))
"""


@pytest.mark.parametrize(
    "missing",
    [
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "DJANGO_PERSONAL_ID_KEYS",
        "DJANGO_PERSONAL_ID_HASH_KEY",
    ],
)
def test_refuses_to_start_without(missing):
    result = run(
        ["-c", "import config.settings.production"], production_env(**{missing: None})
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set in production" in result.stderr


def test_starts_with_both_and_reads_the_services_from_the_environment(tmp_path):
    env = production_env(
        DJANGO_CSRF_TRUSTED_ORIGINS="https://taphuan.example.gov.vn",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )
    result = run(["manage.py", "shell", "-c", SHOW_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown == {
        "debug": False,
        "engine": "django.db.backends.postgresql",
        "conn_max_age": 60,
        "conn_health_checks": True,
        "cache": "redis://127.0.0.1:6379/1",
        "eager": False,
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "media_root": str(tmp_path / "media"),
        "ssl_redirect": True,
        "redirect_exempt": [r"^healthz/?$"],
        "secure_cookies": [True, True],
        "hsts": 30 * 24 * 3600,
        "proxy_header": ["HTTP_X_FORWARDED_PROTO", "https"],
        "csrf_origins": ["https://taphuan.example.gov.vn"],
        "log_formatter": "json",
        "first_backend": "config.login_throttling.ThrottledSignInBackend",
        "trusted_proxies": ["127.0.0.1", "::1"],
    }


def test_check_deploy_is_clean():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_the_database_is_not_postgresql(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "portal.W001" in result.stderr + result.stdout


def test_check_deploy_catches_a_weakened_setting():
    env = production_env(DJANGO_SECURE_COOKIES="false")
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "security.W012" in result.stderr + result.stdout


def test_s3_media_without_django_storages_says_what_to_install():
    try:
        import storages  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("django-storages is installed here")
    env = production_env(DJANGO_MEDIA_S3_BUCKET="portal-media")
    result = run(["-c", "import config.settings.production"], env)
    assert result.returncode != 0
    assert "deploy/requirements-s3.txt" in result.stderr
