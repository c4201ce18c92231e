"""Settings shared by every environment.

Configuration comes from the environment. With nothing set, the project runs on the
embedded default (SQLite, local media; dev.py adds an embedded broker, tests run Celery
eagerly); ``DATABASE_URL`` and ``CELERY_BROKER_URL`` move it to PostgreSQL and a real
broker.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # Third party
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    # Local (dependencies point one way: people <- courses <- certificates <- reports)
    "core",  # plumbing under every app; installed for its template library (figures)
    "people",
    "courses",
    "certificates",
    "reports",
    "home",
    "search",
    "demo",  # the demo content and `load_demo`: fills the other apps, imported by none
    "config",  # the wiring: upstream fixes, `runstack`; imports apps, never imported
]

MIDDLEWARE = [
    # /healthz answers before host checks, HTTPS redirects and sessions.
    "config.health.HealthCheckMiddleware",
    # The client's address from X-Forwarded-For, when a trusted proxy sent it.
    "config.proxy.ForwardedForMiddleware",
    "config.logging.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files need no policy of their own.
    "config.csp.PortalCSPMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.language.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "people.middleware.ForcePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After a sign-in, the browser is remembered (people/sign_in_devices.py).
    "people.sign_in_devices.DeviceCookieMiddleware",
    # Last: turns a throttled sign-in into the lockout page (config/login_throttling).
    "axes.middleware.AxesMiddleware",
]

# Reverse proxies (addresses or networks) whose X-Forwarded-For gives the client's
# address (config/proxy.py); production trusts loopback by default.
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=[])

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "people.context_processors.roles",
                # The processing notice's banner until read (people/privacy_notice.py).
                "people.privacy_notice.notice_due",
                "home.context_processors.portal",
                "config.navigation.nav_urls",
            ],
        },
    },
]

# Database: SQLite beside the code unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Users and authentication
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a throttled username+device before any password is checked.
    "config.login_throttling.ThrottledSignInBackend",
    "people.auth_backends.UsernameOrEmailBackend",
]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# The default first; the temporary-password hasher only verifies roster passwords
# until the first sign-in re-hashes them (people/hashers.py explains).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "people.hashers.TemporaryPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# site/locale_overrides fills the Vietnamese that Wagtail, Django and their add-ons ship
# without (the admin); `make messages` compiles it but never rewrites it.
LOCALE_PATHS = [SITE_DIR / "locale", SITE_DIR / "locale_overrides"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's own vi formats read 05/03/2010 as 3 May; ours read and write dd/mm/yyyy.
FORMAT_MODULE_PATH = ["config.formats"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Files with personal data (login slips, rosters, certificates) are served only by
# views that check the user's organisation: they live outside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
# Django serves MEDIA_ROOT at MEDIA_URL itself (config/media.py) when nothing in front
# does: dev, prod-local and the Compose web container turn it on; off behind nginx.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Static files carry a content hash in their name, so browsers may keep them a year.
WHITENOISE_MAX_AGE = 365 * 24 * 3600

# Email
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Cổng tập huấn kỹ năng số <no-reply@localhost>"
)
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
if env("DJANGO_EMAIL_URL", default=""):  # e.g. smtp+tls://user:pass@mail.example.vn:587
    vars().update(env.email_url("DJANGO_EMAIL_URL"))

# Cache: Redis when REDIS_URL is set, process memory otherwise. While Redis is down
# the cache reads as empty instead of failing pages (config/cache.py).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: a real broker when CELERY_BROKER_URL is set, eager in-process otherwise
# (dev.py, the embedded default, puts an embedded broker in its place).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task is acknowledged when it ends, not when it starts: a worker killed mid-task
# leaves it on the broker, which hands it out again (tasks are safe to run twice).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Task time limits, in one place: no task may run longer than CELERY_LONGEST_TASK
# (class archives and large exports: 30 minutes; a test checks every task). Redis
# redelivers an unacknowledged task after the visibility timeout, so a killed
# worker's task starts again that long after it was handed out; the sweeps of stuck
# imports and exports (people/sweeps.py, reports/exports/sweeps.py) act after a
# task's own limit plus the same margin.
CELERY_LONGEST_TASK = 30 * 60
CELERY_STUCK_MARGIN = 5 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int(
        "CELERY_VISIBILITY_TIMEOUT", default=CELERY_LONGEST_TASK + CELERY_STUCK_MARGIN
    ),
    # A broker that stops answering (not just refusing) must not hold a request:
    # Redis replies in well under a millisecond.
    "socket_connect_timeout": 0.5,
    "socket_timeout": 0.5,
}
# Queueing from a web request must not hang while the broker is down: one quick
# retry (a pooled connection gone stale), then core/queueing.py records the
# work as waiting and opens its circuit breaker for a few seconds.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# How often the statistics summary tables are rebuilt (reports/dashboard/rollup.py);
# a page finding them older than this queues a rebuild. Tests may shorten it.
REPORTS_REFRESH_SECONDS = env.int("REPORTS_REFRESH_SECONDS", default=10 * 60)
# No code reads task results; storing them would make every queueing subscribe to
# the result store (20 retries, 19 s, while Redis was down).
CELERY_TASK_IGNORE_RESULT = True
# Periodic work, run by `celery -A config beat` beside the workers.
CELERY_BEAT_SCHEDULE = {
    # Certificates whose issuing task was lost (broker restart, killed worker).
    "certificates-requeue-stuck": {
        "task": "certificates.tasks.requeue_stuck_certificates",
        "schedule": 5 * 60,
    },
    # The statistics summary tables (reports/dashboard/rollup.py): figures at most
    # ~10 min old.
    "reports-refresh-summary": {
        "task": "reports.tasks.refresh_summary",
        "schedule": REPORTS_REFRESH_SECONDS,
    },
    # Wagtail's scheduled publishing ("go live" / "expiry" dates): every half minute,
    # so a page goes live at most ~30 s after its time (every minute, a page due just
    # after a tick waited a full minute more behind the tick's other tasks).
    "wagtail-publish-scheduled": {
        "task": "home.tasks.publish_scheduled_pages",
        "schedule": 30,
    },
}
# Imports and exports whose task never reached the broker, or whose worker died
# (people/sweeps.py, reports/exports/sweeps.py).
CELERY_BEAT_SCHEDULE["people-sweep-roster-imports"] = {
    "task": "people.tasks.sweep_roster_imports",
    "schedule": 2 * 60,
}
CELERY_BEAT_SCHEDULE["reports-sweep-exports"] = {
    "task": "reports.export_tasks.sweep_export_jobs",
    "schedule": 2 * 60,
}
# Reminder jobs whose task never reached the broker or whose worker died, and the
# weekly straggler digest to coordinators who switched it on, Monday 07:00
# (reports/stragglers/).
CELERY_BEAT_SCHEDULE["reports-sweep-reminder-jobs"] = {
    "task": "reports.stragglers.tasks.sweep_reminder_jobs_task",
    "schedule": 2 * 60,
}
CELERY_BEAT_SCHEDULE["reports-weekly-digest"] = {
    "task": "reports.stragglers.tasks.send_weekly_digests_task",
    "schedule": crontab(day_of_week="mon", hour=7, minute=0),
}
# Attempts past their deadline or their exam window's end, scored even if the
# learner never comes back (courses/exam_windows.py).
CELERY_BEAT_SCHEDULE["courses-sweep-overdue-attempts"] = {
    "task": "courses.tasks.sweep_overdue_attempts",
    "schedule": 60,
}
# --- xAPI: lesson and quiz statements to a Learning Record Store (off when empty;
# courses/xapi_statements.py). Beat sends what the LRS did not take at once.
XAPI_LRS_URL = env("XAPI_LRS_URL", default="")
XAPI_LRS_USERNAME = env("XAPI_LRS_USERNAME", default="")
XAPI_LRS_PASSWORD = env("XAPI_LRS_PASSWORD", default="")
CELERY_BEAT_SCHEDULE["courses-send-xapi-statements"] = {
    "task": "courses.tasks.send_xapi_statements",
    "schedule": 60,
}

# --- consent: legal basis, processing notice, retention of files (docs/privacy.md) ---
# Learners younger than this need their guardian's consent (people/consent.py).
GUARDIAN_CONSENT_AGE = env.int("GUARDIAN_CONSENT_AGE", default=18)
# Days after which files holding personal data are deleted by the retention sweep
# (people/retention.py, run by beat every hour): uploaded class lists and their
# rows-in-error files, login slips, learner-list exports, certificate ZIPs.
RETENTION_ROSTER_FILE_DAYS = env.int("RETENTION_ROSTER_FILE_DAYS", default=30)
RETENTION_SLIP_DAYS = env.int("RETENTION_SLIP_DAYS", default=7)
RETENTION_EXPORT_DAYS = env.int("RETENTION_EXPORT_DAYS", default=1)
RETENTION_ARCHIVE_DAYS = env.int("RETENTION_ARCHIVE_DAYS", default=7)
CELERY_BEAT_SCHEDULE["people-retention-sweep"] = {
    "task": "people.tasks.sweep_retention",
    "schedule": 60 * 60,
}

# Wagtail
WAGTAIL_SITE_NAME = "Cổng tập huấn kỹ năng số"
# No Gravatar: it would send a hash of each editor's e-mail to an outside service
# (and the admin's Content-Security-Policy would have to allow it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin's "new Wagtail version" notice fetches from an outside server; off unless
# asked for (then the admin's Content-Security-Policy allows that server).
WAGTAIL_ENABLE_UPDATE_CHECK = env.bool("WAGTAIL_ENABLE_UPDATE_CHECK", default=False)
# The admin's date pickers read and write dd/mm/yyyy, like config/formats/vi (whose
# input formats parse them back).
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# Slugs from Vietnamese titles are plain ASCII ("Nhận diện" -> "nhan-dien"), never
# percent-encoded Unicode in addresses.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# "simple": PostgreSQL's English configuration would drop Vietnamese syllables such as
# "so", "can", "the" as stop words.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "simple",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "webp": "webp"}
# Complex page editors can exceed Django's default of 1000 fields per form.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SESSION_COOKIE_AGE = 14 * 24 * 3600
# Sessions read from the cache (Redis in production), written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

# Sign-in throttling (people/sign_in_throttle.py, docs/sign-in-throttling.md): one
# count per account and address (never the address alone: a school signs in from one
# address), known browsers apart; after the limit learners wait a few seconds more
# each time, staff are paused for the cool-off. Counted in the database, so it holds
# with Redis down.
# The address is REMOTE_ADDR, which config/proxy.py sets behind a trusted proxy.
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(
    minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "config.login_throttling.normalised_username"
AXES_LOCKOUT_CALLABLE = "config.login_throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Retrying while paused does not extend the pause: the pupil can try again on time.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No database row per successful sign-in (a thousand at the start of an exam).
AXES_DISABLE_ACCESS_LOG = True
AXES_HANDLER = "people.sign_in_throttle.IdentityThrottleHandler"
SIGN_IN_DELAY_SECONDS = env.int("DJANGO_SIGN_IN_DELAY_SECONDS", default=2)
SIGN_IN_DELAY_MAX_SECONDS = env.int("DJANGO_SIGN_IN_DELAY_MAX_SECONDS", default=30)
# Password-reset requests an hour (people/reset_limits.py), per address and per e-mail.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int(
    "DJANGO_PASSWORD_RESET_LIMIT_PER_ADDRESS", default=20
)
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int(
    "DJANGO_PASSWORD_RESET_LIMIT_PER_EMAIL", default=3
)

# Content-Security-Policy (config/csp.py): the public site runs no inline code.
# The one hash allows the inline style of the bare error pages (500, CSRF failure),
# which must render even when static files cannot be found.
VIDEO_PLAYERS = [
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [
            SELF,
            UNSAFE_HASHES,
            "'sha256-vw6k8i+96b+vScYAu6e6jEx9v5aVqJiRubEMebQ6mn8='",
        ],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": VIDEO_PLAYERS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail and Django admins use inline scripts and styles, and show images and
# previews from elsewhere (embeds, choosers); editors are trusted staff.
CSP_ADMIN_PREFIXES = ["/admin/", "/django-admin/"]
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_PLAYERS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
if WAGTAIL_ENABLE_UPDATE_CHECK:
    CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]["connect-src"].append(
        "https://releases.wagtail.org"
    )

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # One JSON object per line (config/logging.py); production's default.
        "json": {"()": "config.logging.JsonFormatter"},
    },
    "filters": {
        "client_errors_on_one_line": {"()": "config.logging.ClientErrorsOnOneLine"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("DJANGO_LOG_FORMAT", default="plain"),
            "filters": ["client_errors_on_one_line"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # One line per background index update on every page save is noise, not news.
    # axes.apps: a "BEGIN" banner at every start; axes' lockouts log as warnings.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},
    },
}

# --- oidc: sign-in through an OpenID Connect provider (VNeID-ready), people/oidc/ ---
# Off unless OIDC_CLIENT_ID and either OIDC_ISSUER (endpoints discovered from its
# /.well-known/openid-configuration) or the endpoints themselves are set. Code flow
# with PKCE, state and nonce (mozilla-django-oidc). An identity signs in to an
# existing account only through a link (people.ExternalIdentity) or a verified
# personal identification number; never by e-mail, never a new account.
OIDC_OP_ISSUER = env("OIDC_ISSUER", default="")
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_SCOPES", default="openid profile")
# The claims that carry the 12-digit personal identification number and the name;
# when OIDC_PERSONAL_ID_VERIFIED_CLAIM is set, the number counts only if that claim
# is true.
OIDC_PERSONAL_ID_CLAIM = env("OIDC_PERSONAL_ID_CLAIM", default="personal_id")
OIDC_PERSONAL_ID_VERIFIED_CLAIM = env("OIDC_PERSONAL_ID_VERIFIED_CLAIM", default="")
OIDC_NAME_CLAIM = env("OIDC_NAME_CLAIM", default="name")
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", default="VNeID")
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=5)
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "people:oidc_callback"
AUTHENTICATION_BACKENDS.append("people.oidc.backend.PortalOIDCBackend")
# --- idcrypt: personal ID numbers encrypted at rest, found by a keyed hash ---
# people/encryption.py. DJANGO_PERSONAL_ID_KEYS: Fernet keys (Fernet.generate_key()),
# comma-separated, newest first: the first encrypts, each decrypts (rotation).
# DJANGO_PERSONAL_ID_HASH_KEY: the HMAC key of the searchable digest. The defaults
# are public development keys; config/settings/production.py refuses them.
DEV_PERSONAL_ID_KEY = "NIbf6OqohgTLpMa2DiTR_QYkUENwp34xPhHLptDp40Y="
DEV_PERSONAL_ID_HASH_KEY = "dev-only-personal-id-hash-key"  # noqa: S105
PERSONAL_ID_KEYS = env.list("DJANGO_PERSONAL_ID_KEYS", default=[DEV_PERSONAL_ID_KEY])
PERSONAL_ID_HASH_KEY = env(
    "DJANGO_PERSONAL_ID_HASH_KEY", default=DEV_PERSONAL_ID_HASH_KEY
)
# --- rights: personal data requests (people/data_requests.py) ---
# Days a request to see, correct or erase personal data may wait before it shows as
# overdue. 3 days = the 72 hours Decree 13/2023/NĐ-CP set for erasure; set it to what
# the decree implementing the 2025 law requires.
PERSONAL_DATA_REQUEST_DAYS = env.int("PERSONAL_DATA_REQUEST_DAYS", default=3)
# --- vc: verifiable certificates (certificates/credentials/, docs/credentials.md) ---
# Folder of the Ed25519 keys that sign Open Badges credentials (make_signing_key);
# empty = "signing-keys" inside PRIVATE_MEDIA_ROOT. Never under MEDIA_ROOT/STATIC_ROOT.
CREDENTIALS_KEY_DIR = env("DJANGO_CREDENTIALS_KEY_DIR", default="")
# --- api: the REST API for other systems (reports/api/, docs/api.md) ---
# Requests per client per minute (429 with Retry-After beyond); rows per page.
API_RATE_LIMIT_PER_MINUTE = env.int("API_RATE_LIMIT_PER_MINUTE", default=120)
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=1000)
# Completions changed in the last N seconds wait for the next call (late commits).
API_SETTLE_SECONDS = env.int("API_SETTLE_SECONDS", default=30)
