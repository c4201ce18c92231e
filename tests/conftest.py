"""Shared fixtures: media in a temporary folder, a home page, users."""

import pytest
from celery.result import allow_join_result
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage
from tests.factories import DEFAULT_PASSWORD


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _may_wait_for_task_results():
    """Celery's "inside a task, never wait for a result" flag is one per process, and
    eager tasks run by two threads at once (the concurrency tests) can leave it set;
    a later test's ``result.get()`` would then refuse to wait. Each test starts
    clear."""
    with allow_join_result():
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rolled-back tests reuse ids, so cached fragments must not outlive a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The site's home page (made by migration home/0002, remade after a flush)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    # A transactional test flushed the tables: rebuild what the migrations made.
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def password():
    return DEFAULT_PASSWORD
