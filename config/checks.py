"""Our own checks: where files live (always), PostgreSQL (``check --deploy``)."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


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


@register()
def private_media_outside_public(app_configs, **kwargs):
    """Whatever serves MEDIA_ROOT (nginx, config/media.py) would serve certificates,
    rosters and signatures too if the private folder sat inside it."""
    public = Path(settings.MEDIA_ROOT).resolve()
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    if private == public or public in private.parents:
        return [
            Error(
                f"DJANGO_PRIVATE_MEDIA_ROOT ({private}) is inside DJANGO_MEDIA_ROOT.",
                hint="Put private files in a folder of their own, e.g. beside media/.",
                id="portal.E001",
            )
        ]
    return []


@register()
def personal_id_keys_are_fernet_keys(app_configs, **kwargs):
    """A malformed key would only fail at the first number saved or read."""
    from cryptography.fernet import Fernet

    errors = []
    for position, key in enumerate(settings.PERSONAL_ID_KEYS, start=1):
        try:
            Fernet(key)
        except ValueError:
            errors.append(
                Error(
                    f"Key {position} of DJANGO_PERSONAL_ID_KEYS is not a Fernet key.",
                    hint="Make one with: python -c 'from cryptography.fernet import "
                    "Fernet; print(Fernet.generate_key().decode())'",
                    id="portal.E002",
                )
            )
    return errors


def signing_keys_outside_public(app_configs, **kwargs):
    """The keys that sign certificates' credentials must never be served."""
    from certificates.credentials.keys import key_dir

    keys = key_dir().resolve()
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = Path(getattr(settings, name)).resolve()
        if keys == public or public in keys.parents:
            return [
                Error(
                    f"DJANGO_CREDENTIALS_KEY_DIR ({keys}) is inside {name}.",
                    hint="Keep signing keys in private storage (docs/credentials.md).",
                    id="portal.E003",
                )
            ]
    return []
