"""The embedded default: SQLite, eager Celery, console email, local media."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Not a secret: this key only signs sessions on a developer's own machine.
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="dev-only-not-secret-9f2c1e7a4b8d6e0f3a5c7b9d1e2f4a6c"
)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
)
# Serve un-hashed files straight from the source folders while developing.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Media served by Django (config/media.py) whether DEBUG is on or off.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=True)
