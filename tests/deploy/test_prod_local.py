"""``make prod-local`` as documented: the README's variables, state inside the project
folder it is given, public media served.

Runs deploy/prod-local.sh itself (gunicorn, worker, beat, production settings) on a
scratch PostgreSQL database next to the test database and the test's Redis, on port
8173, with STATE_DIR in a temporary folder. Needs PostgreSQL and Redis (``services``).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.deploy.test_media_serving import UPLOAD, _get
from tests.processes import run_python

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parent.parent.parent
PORT = 8173


def _services():
    database = os.environ.get("DATABASE_URL", "")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not database.startswith("postgres") or not broker.startswith("redis"):
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("REQUIRE_SERVICES is set but DATABASE_URL/CELERY_BROKER_URL")
        pytest.skip("needs PostgreSQL and Redis: set DATABASE_URL, CELERY_BROKER_URL")
    return database, broker


@pytest.fixture
def scratch_database():
    database, _broker = _services()
    parts = urlsplit(database)
    name = f"{parts.path.strip('/')}_prodlocal"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_prod_local_uses_the_readme_variables_and_serves_media(
    scratch_database, tmp_path
):
    _database, broker = _services()
    state = tmp_path / "state"
    env = {
        **os.environ,
        "DATABASE_URL": scratch_database,
        "CELERY_BROKER_URL": broker,
        "REDIS_URL": os.environ.get("REDIS_URL", broker),
        "PORT": str(PORT),
        "STATE_DIR": str(state),
        "WEB_CONCURRENCY": "1",
        "BIN": str(Path(sys.executable).parent),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = (tmp_path / "prod-local.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        ["bash", "deploy/prod-local.sh"],  # noqa: S607
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own group: stopped below by its id
    )
    try:
        deadline = time.monotonic() + 600  # migrate + load_demo + collectstatic
        while True:
            assert process.poll() is None, (tmp_path / "prod-local.log").read_text()
            assert time.monotonic() < deadline, "prod-local never answered"
            try:
                status, _headers, body = _get(PORT, "/healthz")
            except OSError:
                time.sleep(1)
                continue
            break
        assert status == 200, body

        # The demo went into DATABASE_URL's database, not portal_prod_local.
        with psycopg.connect(scratch_database) as connection:
            (admins,) = connection.execute(
                "SELECT count(*) FROM people_user WHERE username = 'admin'"
            ).fetchone()
        assert admins == 1

        # An image uploaded under the same settings is served by prod-local's gunicorn.
        keys = (state / "personal_id_keys").read_text().split()
        shell_env = {
            **env,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": (state / "secret_key").read_text().strip(),
            "DJANGO_PERSONAL_ID_KEYS": keys[0],
            "DJANGO_PERSONAL_ID_HASH_KEY": keys[1],
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_MEDIA_ROOT": str(state / "media"),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(state / "private"),
            "DJANGO_STATIC_ROOT": str(state / "static"),
        }
        out = run_python(
            ["manage.py", "shell", "-c", UPLOAD], env=shell_env, timeout=300, check=True
        ).stdout
        import json

        uploaded = json.loads(out.strip().splitlines()[-1])
        status, headers, body = _get(PORT, uploaded["rendition"])
        assert status == 200
        assert headers["Content-Type"] == "image/png"
        assert body == Path(uploaded["rendition_file"]).read_bytes()
        assert Path(uploaded["rendition_file"]).is_relative_to(state / "media")

        # Its state stays in STATE_DIR: logs, pid files, beat's schedule.
        assert (state / "logs" / "web.log").stat().st_size > 0
        assert (state / "run" / "gunicorn.pid").read_text().strip().isdigit()
        assert (state / "run" / "worker.pid").exists()
        assert (state / "run" / "gunicorn.ctl").is_socket()
        assert (state / "static" / "staticfiles.json").exists()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()
