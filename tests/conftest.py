"""Shared fixtures: media in a temporary folder, a home page, users; and what keeps
tests apart when pytest-xdist runs them in two processes (`make test`)."""

from pathlib import Path

import pytest
from celery.result import allow_join_result
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage
from tests.factories import DEFAULT_PASSWORD

# The scratch OpenID Connect provider's fixtures (oidc_provider, oidc_settings).
pytest_plugins = ["tests.oidc_test_provider.fixtures"]


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


# What each xdist process has of its own: its test database (pytest-django adds
# gw0, gw1 to the name), its temporary and media folders (test settings), live
# servers and Redis servers on free ports, and, in tests that start a Celery
# worker, a queue named at random. What it would share, and is grouped instead:
DEPLOY = Path(__file__).parent / "deploy"  # servers on fixed ports (8170-8173)
LOADED_ONCE = ("module", "package")  # fixtures that load a module's data once


def pytest_configure(config):
    # Registered here too, so that --strict-markers accepts it under -p no:xdist.
    config.addinivalue_line("markers", "xdist_group(name): run on one xdist worker")


def pytest_collection_modifyitems(config, items):
    """Under ``--dist loadgroup`` each group runs whole on one worker: the deploy
    tests one after another, and a module whose data is loaded once per module
    (the demo, the fuzz world, `make run`) is loaded once, not once per worker."""
    for item in items:
        path = Path(item.path)
        if path.is_relative_to(DEPLOY):
            item.add_marker(pytest.mark.xdist_group("deploy-fixed-ports"))
        elif _uses_module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


def _uses_module_fixture(item):
    fixtures = getattr(item, "_fixtureinfo", None)
    if fixtures is None:  # not a test function (e.g. a doctest)
        return False
    return any(
        definitions[-1].scope in LOADED_ONCE
        for definitions in fixtures.name2fixturedefs.values()
    )
