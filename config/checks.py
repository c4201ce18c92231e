"""Our own deploy checks, run by ``manage.py check --deploy`` (production settings)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.database, deploy=True)
def database_is_postgresql(app_configs, **kwargs):
    """SQLite works for one process on one machine; the production stack (several
    gunicorn workers, Celery workers, locks under load) needs PostgreSQL."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine == "django.db.backends.postgresql":
        return []
    return [
        Warning(
            f"The database is {engine}, not PostgreSQL.",
            hint="Set DATABASE_URL=postgres://user:password@host:5432/portal.",
            id="portal.W001",
        )
    ]
