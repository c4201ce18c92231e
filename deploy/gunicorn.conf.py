"""gunicorn settings: ``gunicorn config.wsgi -c deploy/gunicorn.conf.py``.

Every value can be overridden from the environment; access and error logs are JSON
lines on stdout, in the same shape as Django's (config/logging.py).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: requests are short (no streaming, no websockets); Celery does long work.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# Recycle workers now and then, so a slow leak never grows into an outage; but not
# every minute on exam day: at 2,000 each of three workers restarted about every 80 s
# of the quiz benchmark, each time with a fresh Django, cold caches and connections.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# Only the proxy in front may say the request came over HTTPS (X-Forwarded-Proto). The
# client's address is Django's business: DJANGO_TRUSTED_PROXIES (config/proxy.py).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# The heartbeat files on a RAM disk: a slow disk must not make gunicorn kill workers.
# gunicorn only writes its own per-worker heartbeat files there.
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "true") != "false" else None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    # gunicorn merges this over its defaults, whose root logger names "console".
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {
            "handlers": ["stdout"],
            "level": "INFO",
            "propagate": False,
        },
    },
}
