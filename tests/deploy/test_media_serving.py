"""Public media through the documented stacks, under the production settings.

An image is uploaded and a rendition made with ``config.settings.production`` (in a
``manage.py shell`` of a fresh SQLite site), then fetched over HTTP:

* from gunicorn with ``DJANGO_SERVE_MEDIA=true``: the ``make prod-local`` and Compose
  way (nothing in front of the app);
* from nginx running deploy/nginx/portal-locations.conf in front of gunicorn with
  ``DJANGO_SERVE_MEDIA`` off: the systemd way (skips when nginx is not installed).

Ports 8170-8172 on 127.0.0.1.
"""

import http.client
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import processes

ROOT = Path(__file__).resolve().parent.parent.parent
HOST = "127.0.0.1"
APP_PORT, NGINX_PORT, BACKEND_PORT = 8170, 8171, 8172
SERVICE_VARS = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
)

UPLOAD = """
import io, json
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

buffer = io.BytesIO()
PILImage.new("RGB", (640, 480), (200, 30, 30)).save(buffer, "PNG")
image = get_image_model()(title="Ảnh bài học", width=640, height=480,
                          file=ImageFile(buffer, name="anh-bai-hoc.png"))
image.save()
rendition = image.get_rendition("fill-160x120")
print(json.dumps({"original": image.file.url, "rendition": rendition.url,
                  "rendition_file": rendition.file.path}))
"""


def _env(tmp, **extra):
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="media-stack-test-" + "x7Qp2" * 10,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_PERSONAL_ID_KEYS="LgpTgVhIMh0vNjBMluDPK43rjSGqVazsF9pQ2dUYCQE=",
        DJANGO_PERSONAL_ID_HASH_KEY="media-stack-test-hash-key",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DATABASE_URL=f"sqlite:///{tmp / 'site.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_PRIVATE_MEDIA_ROOT=str(tmp / "private"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_ACCESS_LOG="false",
        WEB_CONCURRENCY="1",
    )
    env.update(extra)
    return env


def _manage(env, *args):
    result = processes.run_python(["manage.py", *args], env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _get(port, path, host="127.0.0.1"):
    connection = http.client.HTTPConnection(HOST, port, timeout=15)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def _wait_for(port, process, log):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server on {port} exited:\n{log.read_text()[-3000:]}")
        try:
            _get(port, "/healthz")
        except OSError:
            time.sleep(0.2)
            continue
        return
    pytest.fail(f"nothing answered on port {port}:\n{log.read_text()[-3000:]}")


def _start(command, env, port, log):
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    _wait_for(port, process, log)
    return process


def _stop(process):
    processes.stop(process, grace=20)


def _gunicorn(env, tmp, port, name):
    env = {**env, "GUNICORN_BIND": f"{HOST}:{port}"}
    command = [sys.executable, "-m", "gunicorn", "config.wsgi"]
    # No control socket: the default one in ~/.gunicorn is shared by every gunicorn.
    command += ["-c", "deploy/gunicorn.conf.py", "--no-control-socket"]
    return _start(command, env, port, tmp / f"{name}.log")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated production-settings site with one uploaded image and rendition."""
    tmp = tmp_path_factory.mktemp("media-stack")
    env = _env(tmp)
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "collectstatic", "--noinput", "-v", "0")  # as every deployment does
    uploaded = json.loads(_manage(env, "shell", "-c", UPLOAD).strip().splitlines()[-1])
    (tmp / "private" / "certificates").mkdir(parents=True)
    (tmp / "private" / "certificates" / "chu-ky.png").write_bytes(b"signature")
    (tmp / "media" / "documents").mkdir(exist_ok=True)
    (tmp / "media" / "documents" / "trang.html").write_text("<script>1</script>")
    return tmp, env, uploaded


def test_gunicorn_serves_media_the_prod_local_way(site):
    tmp, env, uploaded = site
    server = _gunicorn({**env, "DJANGO_SERVE_MEDIA": "true"}, tmp, APP_PORT, "app")
    try:
        assert uploaded["rendition"].startswith("/media/images/")
        status, headers, body = _get(APP_PORT, uploaded["rendition"])
        assert status == 200
        assert headers["Content-Type"] == "image/png"
        assert body == Path(uploaded["rendition_file"]).read_bytes()
        assert "max-age=86400" in headers["Cache-Control"]
        assert _get(APP_PORT, uploaded["original"])[0] == 200
        assert _get(APP_PORT, "/media/../private/certificates/chu-ky.png")[0] == 404
        assert _get(APP_PORT, "/media/%2e%2e/private/certificates/chu-ky.png")[0] in (
            400,
            404,
        )
    finally:
        _stop(server)


def _nginx_conf(tmp):
    """A server on NGINX_PORT running the project's locations file, media path and
    upstream port replaced by the test's."""
    locations = (ROOT / "deploy/nginx/portal-locations.conf").read_text()
    locations = locations.replace("/var/lib/portal/media/", f"{tmp / 'media'}/")
    (tmp / "portal-locations.conf").write_text(locations)
    temp = tmp / "nginx-temp"
    temp.mkdir(exist_ok=True)
    user = "user root;" if os.geteuid() == 0 else ""
    conf = f"""
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    upstream portal_web {{ server {HOST}:{BACKEND_PORT}; }}
    server {{
        listen {HOST}:{NGINX_PORT};
        server_name localhost;
        include {tmp}/portal-locations.conf;
    }}
}}
"""
    path = tmp / "nginx.conf"
    path.write_text(conf)
    return path


def test_nginx_serves_media_in_front_of_gunicorn(site):
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    tmp, env, uploaded = site
    conf = _nginx_conf(tmp)
    test = processes.run([nginx, "-t", "-p", str(tmp), "-c", str(conf)], timeout=30)
    assert test.returncode == 0, test.stderr
    # The systemd way: gunicorn does not serve media at all, nginx does.
    backend = _gunicorn({**env, "DJANGO_SERVE_MEDIA": "false"}, tmp, BACKEND_PORT, "be")
    try:
        proxy = _start(
            [nginx, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"],
            env,
            NGINX_PORT,
            tmp / "nginx.log",
        )
        try:
            assert _get(BACKEND_PORT, uploaded["rendition"])[0] == 404
            status, headers, body = _get(NGINX_PORT, uploaded["rendition"])
            assert status == 200
            assert headers["Server"].startswith("nginx")
            assert headers["Content-Type"] == "image/png"
            assert body == Path(uploaded["rendition_file"]).read_bytes()
            assert headers["Cache-Control"] == "max-age=86400"
            assert "sandbox" in headers["Content-Security-Policy"]
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert _get(NGINX_PORT, uploaded["original"])[0] == 200
            status, headers, _body = _get(NGINX_PORT, "/media/documents/trang.html")
            assert status == 200
            assert headers["Content-Type"] == "application/octet-stream"
            assert headers["Content-Disposition"] == "attachment"
            for path in (
                "/media/../private/certificates/chu-ky.png",
                "/media/certificates/chu-ky.png",
                "/private/certificates/chu-ky.png",
            ):
                assert _get(NGINX_PORT, path)[0] == 404, path
            # Everything else reaches Django through the proxy.
            status, headers, _body = _get(NGINX_PORT, "/healthz")
            assert status in (200, 503)
            assert "database" in _body.decode()
        finally:
            _stop(proxy)
    finally:
        _stop(backend)


def test_the_full_nginx_example_passes_nginx_own_test(tmp_path):
    """deploy/nginx/portal.conf as shipped, with a throw-away certificate."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists() or shutil.which("openssl") is None:
        pytest.skip("nginx or openssl is not installed")
    subprocess.run(  # noqa: S603
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-keyout", str(tmp_path / "key.pem")]
        + ["-out", str(tmp_path / "cert.pem")],
        capture_output=True,
        timeout=60,
        check=True,
    )
    site = (ROOT / "deploy/nginx/portal.conf").read_text()
    site = site.replace(
        "/etc/letsencrypt/live/taphuan.example.gov.vn/fullchain.pem",
        str(tmp_path / "cert.pem"),
    )
    site = site.replace(
        "/etc/letsencrypt/live/taphuan.example.gov.vn/privkey.pem",
        str(tmp_path / "key.pem"),
    )
    site = site.replace(
        "/etc/nginx/snippets/portal-locations.conf",
        str(ROOT / "deploy/nginx/portal-locations.conf"),
    )
    (tmp_path / "portal.conf").write_text(site)
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/portal.conf; }}\n"
    )
    result = processes.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], timeout=30
    )
    assert result.returncode == 0, result.stderr
