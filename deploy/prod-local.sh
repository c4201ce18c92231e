#!/usr/bin/env bash
# The production stack on this machine, in the foreground: gunicorn, a Celery worker and
# Celery beat under config.settings.production, on local PostgreSQL and Redis.
# Ctrl-C (or any of the three exiting) stops all of them.
#
#   make prod-local                      # http://127.0.0.1:8000/
#   PORT=8080 REDIS_DB_BROKER=5 REDIS_DB_CACHE=6 deploy/prod-local.sh
#
# The database (portal_prod_local) is created if missing, migrated on every start, and
# gets the demo content once. HTTPS redirects and secure cookies are off: this serves
# plain HTTP on loopback. State (secret key, static, media) lives in $STATE_DIR.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN="${BIN:-.venv/bin}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
DB_NAME="${PROD_LOCAL_DB:-portal_prod_local}"
REDIS="${REDIS:-redis://127.0.0.1:6379}"
STATE_DIR="${STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/portal-prod-local}"
export PGHOST PGPORT PGUSER

mkdir -p "$STATE_DIR"
if [ ! -s "$STATE_DIR/secret_key" ]; then
    (umask 077 && "$BIN/python" -c "import secrets; print(secrets.token_urlsafe(50))" \
        >"$STATE_DIR/secret_key")
fi

export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY="$(cat "$STATE_DIR/secret_key")"
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,$HOST"
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false
export DJANGO_SECURE_HSTS_SECONDS=0
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB_NAME"
export CELERY_BROKER_URL="$REDIS/${REDIS_DB_BROKER:-0}"
export REDIS_URL="$REDIS/${REDIS_DB_CACHE:-1}"
export DJANGO_STATIC_ROOT="$STATE_DIR/static"
export DJANGO_MEDIA_ROOT="$STATE_DIR/media"
export DJANGO_PRIVATE_MEDIA_ROOT="$STATE_DIR/private"
export WAGTAILADMIN_BASE_URL="http://$HOST:$PORT"
export GUNICORN_BIND="$HOST:$PORT"
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-3}"

pg_isready -q || { echo "PostgreSQL is not answering on $PGHOST:$PGPORT" >&2; exit 1; }
"$BIN/python" - "$REDIS" <<'PY' || { echo "Redis is not answering on $REDIS" >&2; exit 1; }
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=2).ping()
PY

if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    echo "Creating database $DB_NAME"
    createdb "$DB_NAME"
    rm -f "$STATE_DIR/demo-loaded-$DB_NAME"
fi
"$BIN/python" manage.py migrate --noinput -v 0
if [ ! -e "$STATE_DIR/demo-loaded-$DB_NAME" ]; then
    echo "Loading the demo content (once)"
    "$BIN/python" manage.py load_demo
    touch "$STATE_DIR/demo-loaded-$DB_NAME"
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

"$BIN/gunicorn" config.wsgi -c deploy/gunicorn.conf.py & pids+=($!)
"$BIN/celery" -A config worker --loglevel=INFO --concurrency=2 & pids+=($!)
"$BIN/celery" -A config beat --loglevel=INFO \
    --schedule="$STATE_DIR/celerybeat-schedule" & pids+=($!)

echo ""
echo "  Production stack: http://$HOST:$PORT/   health: http://$HOST:$PORT/healthz"
echo "  Ctrl-C stops gunicorn, the worker and beat."
echo ""
# Whichever exits first (or Ctrl-C) takes the others down with it.
wait -n "${pids[@]}" || true
