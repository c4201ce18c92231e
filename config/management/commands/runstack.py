"""``manage.py runstack [HOST:PORT]``: what `make run` serves (config/stack.py).

On the embedded default (no CELERY_BROKER_URL) it starts the web server, a Celery
worker and Celery beat on the embedded broker, so background work behaves as in
production. With CELERY_BROKER_URL set it starts the web server only: a real broker
may be shared, beat must run exactly once, and how many workers run is the operator's
choice (`make worker`, `make beat`, docs/deployment.md).
"""

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from config.stack import Stack

DEFAULT_ADDRESS = "127.0.0.1:8000"


def celery(*args):
    return [sys.executable, "-m", "celery", "-A", "config", *args]


class Command(BaseCommand):
    help = (
        "Chạy máy chủ web, Celery worker và Celery beat (bộ điều phối tác vụ nhúng) "
        "cùng nhau; Ctrl-C dừng tất cả."
    )

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", default=DEFAULT_ADDRESS)
        parser.add_argument(
            "--noreload",
            action="store_true",
            help="Không tự khởi động lại máy chủ web khi mã nguồn thay đổi.",
        )

    def handle(self, *args, address, noreload, **options):
        host, _, port = address.rpartition(":")
        host = host or "127.0.0.1"
        env = {**os.environ, "HOST": host, "PORT": port}
        web = [sys.executable, "manage.py", "runserver", address]
        if noreload:
            web.append("--noreload")
        commands = [("web server", web)]
        embedded = not os.environ.get("CELERY_BROKER_URL")
        if embedded:
            level = os.environ.get("CELERY_LOG_LEVEL", "WARNING")
            commands += [
                (
                    "celery worker",
                    celery(
                        "worker",
                        f"--loglevel={level}",
                        "--concurrency=2",
                        "--hostname=embedded@%h",
                        "--without-gossip",
                        "--without-mingle",
                        "--without-heartbeat",
                    ),
                ),
                ("celery beat", celery("beat", f"--loglevel={level}")),
            ]
        self.stdout.write(self.summary(host, port, embedded))
        code = Stack(commands, env=env, cwd=settings.BASE_DIR).run()
        if code:
            sys.exit(code)

    def summary(self, host, port, embedded):
        lines = [
            "",
            f"  Site:  http://{host}:{port}/     Admin: http://{host}:{port}/admin/",
        ]
        if embedded:
            lines.append(
                "  With a Celery worker and beat on the embedded broker "
                f"({getattr(settings, 'EMBEDDED_DIR', '')}). Ctrl-C stops all of it."
            )
        else:
            lines.append(
                "  CELERY_BROKER_URL is set: only the web server runs here; start "
                "`make worker` and `make beat` beside it."
            )
        if host in ("0.0.0.0", "::", "[::]") and not os.environ.get(  # noqa: S104
            "WAGTAILADMIN_BASE_URL"
        ):
            lines.append(
                "  Set WAGTAILADMIN_BASE_URL to this machine's address for QR codes "
                "and login slips that work from other devices."
            )
        return "\n".join([*lines, ""])
