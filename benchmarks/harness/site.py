"""The site under measurement: settings module, migrated SQLite database with the demo
content, the bare Wagtail page and ``collectstatic``, all inside the temporary
directory, through ``manage.py`` subprocesses with a timeout each."""

import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

from cryptography.fernet import Fernet

from .output import BenchmarkError

REPO = Path(__file__).resolve().parent.parent.parent
BARE_SLUG = "bench-bare-wagtail"
COMMAND_TIMEOUT_S = 10 * 60
SERVICE_VARS = {
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
}

# The settings the benchmark runs under: production, with only STATIC_ROOT moved into
# the temporary directory (config/settings/base.py fixes it to <repo>/staticfiles, and
# a stale copy there would be served to the test suite by WhiteNoise).
BENCH_SETTINGS = textwrap.dedent(
    """\
    import os

    from config.settings.production import *  # noqa: F403

    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
    """
)

CREATE_BARE_PAGE = textwrap.dedent(
    f"""\
    from wagtail.models import Page, Site

    from home.models import HomePage

    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk, "the default site must start at the home page"
    bare = home.add_child(instance=Page(title="Bare Wagtail page", slug="{BARE_SLUG}"))
    bare.save_revision().publish()
    print(bare.get_url_parts()[2])
    """
)


def bench_env(tmp):
    # The embedded default: no PostgreSQL, Redis or broker even if the caller has them.
    env = {key: value for key, value in os.environ.items() if key not in SERVICE_VARS}
    env.update(
        {
            "PYTHONPATH": os.pathsep.join([str(tmp), str(REPO)]),
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "BENCH_STATIC_ROOT": str(tmp / "static"),
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(tmp / "media"),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp / "private"),
            "DJANGO_SECRET_KEY": "bench-only",
            # A fresh database each run: fresh keys (production refuses the dev ones).
            "DJANGO_PERSONAL_ID_KEYS": Fernet.generate_key().decode(),
            "DJANGO_PERSONAL_ID_HASH_KEY": secrets.token_urlsafe(32),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def manage(env, *args, timeout=COMMAND_TIMEOUT_S):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(
        command,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise BenchmarkError(
            f"{' '.join(args[:2])} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout


def shell(env, code):
    """Run ``code`` with ``manage.py shell -c``; returns the last line it printed."""
    lines = manage(env, "shell", "-c", code).strip().splitlines()
    if not lines:
        raise BenchmarkError("manage.py shell printed nothing")
    return lines[-1]


def has_load_demo():
    return (REPO / "demo" / "management" / "commands" / "load_demo.py").exists()


def prepare_site(tmp, *, without_demo=False):
    """Settings module, migrated database and demo content in ``tmp``.

    Returns (environment for manage.py and gunicorn, description of the content).
    """
    env = bench_env(tmp)
    (tmp / "bench_settings.py").write_text(BENCH_SETTINGS)
    manage(env, "migrate", "--noinput")
    if has_load_demo():
        manage(env, "load_demo")
        content = "demo content from manage.py load_demo"
    elif without_demo:
        content = "WITHOUT demo content (load_demo missing; --without-demo)"
    else:
        raise BenchmarkError(
            "manage.py load_demo does not exist; pass --without-demo to measure "
            "an empty site"
        )
    return env, content


def create_bare_page(env):
    """A plain ``wagtail.models.Page`` under the home page; returns its path."""
    return shell(env, CREATE_BARE_PAGE).strip()


def collectstatic(env):
    manage(env, "collectstatic", "--noinput", "-v", "0")
