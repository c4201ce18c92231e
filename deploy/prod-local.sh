#!/usr/bin/env bash
# The production stack on this machine, in the foreground: gunicorn, a Celery worker and
# Celery beat under config.settings.production, on PostgreSQL and Redis.
# Ctrl-C (or any of the three exiting) stops all of them.
#
#   make prod-local                      # http://127.0.0.1:8000/
#   PORT=8080 DATABASE_URL=postgres://postgres@127.0.0.1:5432/other \
#     CELERY_BROKER_URL=redis://127.0.0.1:6379/5 REDIS_URL=redis://127.0.0.1:6379/6 \
#     deploy/prod-local.sh
#
# DATABASE_URL, CELERY_BROKER_URL and REDIS_URL (the README's variables) are used as
# given. Without DATABASE_URL the database portal_prod_local on local PostgreSQL is
# created if missing; without the Redis ones, Redis databases 0 (broker) and 1 (cache).
# The database is migrated on every start and gets the demo content once. HTTPS
# redirects and secure cookies are off: this serves plain HTTP on loopback, media
# included (DJANGO_SERVE_MEDIA). Its state (secret key, static files, media, private
# files, logs, pid files, beat's schedule) lives in $STATE_DIR, by default
# .prod-local/ inside the project (ignored by git).
set -euo pipefail

cd "$(dirname "$0")/.."
BIN="${BIN:-.venv/bin}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
REDIS="${REDIS:-redis://127.0.0.1:6379}"
STATE_DIR="${STATE_DIR:-$PWD/.prod-local}"
export PGHOST PGPORT PGUSER

mkdir -p "$STATE_DIR/logs" "$STATE_DIR/run"
STATE_DIR="$(cd "$STATE_DIR" && pwd)"
if [ ! -s "$STATE_DIR/secret_key" ]; then
    (umask 077 && "$BIN/python" -c "import secrets; print(secrets.token_urlsafe(50))" \
        >"$STATE_DIR/secret_key")
fi
if [ ! -s "$STATE_DIR/personal_id_keys" ]; then
    (umask 077 && "$BIN/python" -c "from cryptography.fernet import Fernet; import secrets; print(Fernet.generate_key().decode()); print(secrets.token_urlsafe(32))" \
        >"$STATE_DIR/personal_id_keys")
fi

CREATE_DB=""
if [ -z "${DATABASE_URL:-}" ]; then
    CREATE_DB="${PROD_LOCAL_DB:-portal_prod_local}"
    DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$CREATE_DB"
fi
export DATABASE_URL
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-$REDIS/${REDIS_DB_BROKER:-0}}"
export REDIS_URL="${REDIS_URL:-$REDIS/${REDIS_DB_CACHE:-1}}"

export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY="$(cat "$STATE_DIR/secret_key")"
DJANGO_PERSONAL_ID_KEYS="$(sed -n 1p "$STATE_DIR/personal_id_keys")"
DJANGO_PERSONAL_ID_HASH_KEY="$(sed -n 2p "$STATE_DIR/personal_id_keys")"
export DJANGO_PERSONAL_ID_KEYS DJANGO_PERSONAL_ID_HASH_KEY
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,$HOST"
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false
export DJANGO_SECURE_HSTS_SECONDS=0
export DJANGO_STATIC_ROOT="$STATE_DIR/static"
export DJANGO_MEDIA_ROOT="$STATE_DIR/media"
export DJANGO_PRIVATE_MEDIA_ROOT="$STATE_DIR/private"
export DJANGO_SERVE_MEDIA=true
export WAGTAILADMIN_BASE_URL="http://$HOST:$PORT"
export GUNICORN_BIND="$HOST:$PORT"
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-3}"

# The demo is loaded once per database (a marker named after the database URL).
DEMO_MARKER="$STATE_DIR/demo-loaded-$(printf %s "$DATABASE_URL" | sha1sum | cut -c1-12)"
if [ -n "$CREATE_DB" ]; then
    pg_isready -q || { echo "PostgreSQL is not answering on $PGHOST:$PGPORT" >&2; exit 1; }
    if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$CREATE_DB'" | grep -q 1; then
        echo "Creating database $CREATE_DB"
        createdb "$CREATE_DB"
        rm -f "$DEMO_MARKER"
    fi
fi
for url in "$CELERY_BROKER_URL" "$REDIS_URL"; do
    case "$url" in redis://*|rediss://*) ;; *) continue ;; esac
    "$BIN/python" - "$url" <<'PY' || { echo "Redis is not answering on $url" >&2; exit 1; }
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=2).ping()
PY
done

"$BIN/python" manage.py migrate --noinput -v 0
if [ ! -e "$DEMO_MARKER" ]; then
    echo "Loading the demo content (once)"
    "$BIN/python" manage.py load_demo
    touch "$DEMO_MARKER"
fi
"$BIN/python" manage.py collectstatic --noinput -v 0

pids=()
stop() {
    trap - INT TERM EXIT
    echo "Stopping: ${pids[*]}" >&2
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

# gunicorn's control socket goes with the rest of the state, not into ~/.gunicorn
# (shared by every gunicorn of the user); a Unix socket path must be short.
CONTROL=(--control-socket "$STATE_DIR/run/gunicorn.ctl")
[ ${#STATE_DIR} -lt 90 ] || CONTROL=(--no-control-socket)
# Each process logs to the terminal and to $STATE_DIR/logs/<name>.log.
"$BIN/gunicorn" config.wsgi -c deploy/gunicorn.conf.py "${CONTROL[@]}" \
    --pid "$STATE_DIR/run/gunicorn.pid" \
    > >(tee -a "$STATE_DIR/logs/web.log") 2>&1 & pids+=($!)
"$BIN/celery" -A config worker --loglevel=INFO --concurrency=2 \
    --pidfile="$STATE_DIR/run/worker.pid" \
    > >(tee -a "$STATE_DIR/logs/worker.log") 2>&1 & pids+=($!)
"$BIN/celery" -A config beat --loglevel=INFO \
    --schedule="$STATE_DIR/run/celerybeat-schedule" \
    --pidfile="$STATE_DIR/run/beat.pid" \
    > >(tee -a "$STATE_DIR/logs/beat.log") 2>&1 & pids+=($!)

echo ""
echo "  Production stack: http://$HOST:$PORT/   health: http://$HOST:$PORT/healthz"
echo "  Ctrl-C stops gunicorn, the worker and beat. Logs and state: $STATE_DIR"
echo ""
# Whichever exits first (or Ctrl-C) takes the others down with it.
wait -n "${pids[@]}" || true
