"""The scratch OpenID Connect provider as a process: start, fill, forge, stop.

It listens on loopback, on OIDC_TEST_PROVIDER_PORT when set (a port of one's own on a
shared machine), else on a free port the system picks. Its signing key sits in its
SQLite file; ``sign`` uses it to make ID tokens the portal cannot tell from the
provider's own (an expired one, one for someone else), which is how the refusal
tests forge what a real provider never sends.
"""

import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import jwt
import requests

from tests.processes import ROOT, stop

SETTINGS = "tests.oidc_test_provider.settings"


def free_port():
    if os.environ.get("OIDC_TEST_PROVIDER_PORT"):
        return int(os.environ["OIDC_TEST_PROVIDER_PORT"])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TestProvider:
    __test__ = False  # not a test class, whatever pytest thinks of its name

    def __init__(self, directory):
        self.directory = Path(directory)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.issuer = f"{self.url}/openid"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "OIDC_TEST_PROVIDER_DIR": str(self.directory),
            "OIDC_TEST_PROVIDER_URL": self.url,
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("DATABASE_URL", None)
        self.process = None

    def _setup(self, spec):
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "tests.oidc_test_provider.setup", json.dumps(spec)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"provider setup failed:\n{done.stderr}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self, *, clients=(), users=()):
        """Create its tables, key, clients and users, then serve; the subjects."""
        subjects = self._setup({"clients": list(clients), "users": list(users)})
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--log-level",
                "warning",
                "tests.oidc_test_provider.wsgi:application",
            ],
            cwd=ROOT,
            env=self.env,
        )
        try:
            self._wait_until_serving()
        except BaseException:
            self.stop()
            raise
        return subjects

    def _wait_until_serving(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(
                    f"{self.issuer}/.well-known/openid-configuration", timeout=5
                )
                return
            except requests.RequestException:
                if self.process.poll() is not None:
                    raise RuntimeError("the scratch provider did not start") from None
                time.sleep(0.2)
        raise RuntimeError("the scratch provider did not answer within 60 s")

    def add(self, *, clients=(), users=()):
        return self._setup({"clients": list(clients), "users": list(users)})

    def stop(self):
        if self.process is not None:
            stop(self.process, grace=10)
            self.process = None

    def signed_in(self, username, password):
        """A session signed in at the provider, as a person's browser would be."""
        session = requests.Session()
        session.get(f"{self.url}/login/", timeout=10)
        response = session.post(
            f"{self.url}/login/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": session.cookies["provider_csrftoken"],
                "next": "/openid/jwks",
            },
            allow_redirects=False,
            timeout=10,
        )
        if response.status_code != 302:
            raise RuntimeError(f"{username} could not sign in at the provider")
        return session

    def authorize(self, session, authorize_url):
        """The provider's answer to the portal's request: the callback URL."""
        response = session.get(authorize_url, allow_redirects=False, timeout=10)
        if response.status_code != 302:
            raise RuntimeError(f"the provider answered {response.status_code}")
        return response.headers["Location"]

    def sign(self, claims):
        """An ID token with these claims, signed with the provider's own key."""
        with sqlite3.connect(self.directory / "provider.sqlite3") as db:
            (key,) = db.execute("SELECT key FROM oidc_provider_rsakey").fetchone()
        kid = hashlib.md5(key.encode()).hexdigest()  # noqa: S324  (the provider's)
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})
