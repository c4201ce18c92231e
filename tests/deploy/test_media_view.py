"""Django's own /media/ handler (config/media.py): on by setting, never private."""

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from config.checks import private_media_outside_public


@pytest.fixture
def media(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "private").mkdir()
    (tmp_path / "media" / "images" / "anh.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "media" / "trang.html").write_text("<script>alert(1)</script>")
    (tmp_path / "private" / "chu-ky.png").write_bytes(b"signature")
    settings.SERVE_MEDIA = True
    return tmp_path


def test_a_public_file_is_served_with_caching(client, media):
    response = client.get("/media/images/anh.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\x89PNG fake"
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=86400"
    again = client.get(
        "/media/images/anh.png", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
    )
    assert again.status_code == 304


def test_off_unless_the_setting_says_so_whatever_debug_says(client, media, settings):
    settings.SERVE_MEDIA = False
    settings.DEBUG = True
    assert client.get("/media/images/anh.png").status_code == 404


def test_nothing_outside_media_root(client, media):
    for path in (
        "/media/../private/chu-ky.png",
        "/media/%2e%2e/private/chu-ky.png",
        "/media/images/../../private/chu-ky.png",
        "/media/images/",
        "/media/nothing.png",
    ):
        assert client.get(path).status_code == 404, path


def test_private_folder_inside_media_is_still_private(client, media, settings):
    inner = media / "media" / "private"
    inner.mkdir()
    (inner / "chu-ky.png").write_bytes(b"signature")
    settings.PRIVATE_MEDIA_ROOT = inner
    assert client.get("/media/private/chu-ky.png").status_code == 404
    errors = private_media_outside_public(None)
    assert [error.id for error in errors] == ["portal.E001"]


def test_pages_uploaded_as_files_are_downloaded_not_shown(client, media):
    response = client.get("/media/trang.html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_separate_folders_pass_the_check(media):
    assert private_media_outside_public(None) == []


@override_settings(SERVE_MEDIA=True)
def test_only_reading(client, media):
    assert client.post("/media/images/anh.png").status_code == 405


def test_checks_run_clean_on_the_test_settings():
    assert not [m for m in run_checks() if m.id == "portal.E001"]
