"""The Wagtail admin speaks Vietnamese to every demo user who reaches it.

With the demo content loaded, each staff account walks the admin from the dashboard
along every link it is shown (one page per kind of address, plus the editor of each
page type and its create view), and no page may show an English message id of
Wagtail, Django, taggit or django-filter that has no Vietnamese translation in effect.
The finder itself is checked against the packages' own catalogues alone, where it
must find the strings a Vietnamese editor used to see ("Site summary", "Save draft").
"""

import re
from collections import deque
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from wagtail.models import Page, Site, Task, Workflow, WorkflowState

from courses.models import CourseIndexPage, CoursePage, LessonPage, QuizPage
from home.models import HomePage
from people.models import User
from tests.admin_messages import UntranslatedFinder, untranslated_messages

STAFF = ["admin", "bientap", "duyet", "giaovien", "sogd"]
# GETs that log out, download files, or answer for scripts rather than people.
SKIPPED = re.compile(
    r"/logout/|/jsi18n/|/sprite/|/preview/|/export|[?&]export=|\.(csv|xlsx|zip|pdf)$"
    r"|/documents/\d+/.+|/images/\d+/generate_url/|/api/|/autocomplete/"
)
MAX_PAGES_PER_USER = 260


def _pattern(url):
    """One visit per kind of address: ids, sorting and page numbers do not count;
    a search (q=) does, since its results page differs from the listing."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/)", "/N", parts.path)
    searched = any(pair.startswith("q=") for pair in parts.query.split("&"))
    return path + ("?q" if searched else "")


def _links(html):
    """Admin addresses in the page: links, and those in the JSON the sidebar menu and
    other scripts are drawn from."""
    for url in re.findall(r"""["'](/admin/[^"'#\s<>\\]*)""", html):
        yield url.replace("&amp;", "&")


def _seed_urls():
    """Addresses no menu link leads to directly: each page type's editor, create
    views, history, the schedule dialog lives in the editor itself."""
    urls = ["/admin/"]
    home = HomePage.objects.first()
    index = CourseIndexPage.objects.first()
    course = CoursePage.objects.first()
    for model in (HomePage, CourseIndexPage, CoursePage, LessonPage, QuizPage):
        page = model.objects.first()
        urls += [
            f"/admin/pages/{page.pk}/edit/",
            f"/admin/pages/{page.pk}/history/",
            f"/admin/pages/{page.pk}/revisions/",
            f"/admin/pages/{page.pk}/",
        ]
    lesson = LessonPage.objects.first()
    state = WorkflowState.objects.filter(object_id=str(lesson.pk)).first()
    site = Site.objects.get(is_default_site=True)
    urls += [
        f"/admin/pages/{lesson.pk}/workflow_history/",
        f"/admin/pages/{lesson.pk}/workflow_history/detail/{state.pk}/",
        f"/admin/pages/workflow/preview/{lesson.pk}/{state.current_task_state.task_id}/",
        f"/admin/settings/home/portalsettings/{site.pk}/",
        "/admin/reports/workflow/",
        f"/admin/pages/add/courses/coursepage/{index.pk}/",
        f"/admin/pages/add/courses/lessonpage/{course.pk}/",
        f"/admin/pages/add/courses/quizpage/{course.pk}/",
        f"/admin/pages/{course.pk}/add_subpage/",
        f"/admin/pages/{home.pk}/add_subpage/",
        f"/admin/pages/{course.pk}/move/",
        f"/admin/pages/{course.pk}/copy/",
        f"/admin/pages/{course.pk}/unpublish/",
        f"/admin/pages/{course.pk}/delete/",
        f"/admin/pages/{course.pk}/privacy/",
        "/admin/pages/search/?q=an",
        "/admin/choose-page/",
        "/admin/images/chooser/",
        "/admin/documents/chooser/",
        "/admin/account/",
        "/admin/reports/locked/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/question-import/",
    ]
    return urls


def walk(client, finder, limit=MAX_PAGES_PER_USER):
    """Visit the admin as ``client``; return (pages walked, [(url, msgid, where)])."""
    seeds = _seed_urls()
    queue = deque(seeds)
    seen_patterns, walked, found = set(), [], []
    while queue and len(walked) < limit:
        url = queue.popleft()
        pattern = url if url in seeds else _pattern(url)  # every seed is visited
        if pattern in seen_patterns or SKIPPED.search(url):
            continue
        seen_patterns.add(pattern)
        response = client.get(url, HTTP_ACCEPT="text/html")
        if response.status_code != 200:
            continue
        content_type = response.get("Content-Type", "")
        if "json" in content_type:  # choosers answer {"html": ...}
            data = response.json()
            html = (data.get("html") if isinstance(data, dict) else None) or ""
        elif "html" in content_type:
            html = response.content.decode()
        else:
            continue
        walked.append(url)
        found += [(url, msgid, where) for msgid, where in finder.in_html(html)]
        queue.extend(_links(html))
    return walked, found


def _submit_a_lesson_for_moderation():
    """So the moderation screens (dashboard panel, status dialog, history) have one."""
    editor = User.objects.get(username="bientap")
    lesson = LessonPage.objects.first()
    lesson.title = f"{lesson.title} (bản sửa)"
    lesson.save_revision(user=editor)
    lesson.get_workflow().start(lesson, editor)


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, demo_media):
    """The demo content, loaded once for the module and rolled back at the end."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(MEDIA_ROOT=demo_media),
    ):
        cache.clear()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None or not isinstance(site.root_page.specific, HomePage):
            home = Page.get_first_root_node().add_child(
                instance=HomePage(title="Trang chủ", slug="trang-chu")
            )
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={"hostname": "localhost", "port": 80, "root_page": home},
            )
        call_command("load_demo", stdout=StringIO())
        _submit_a_lesson_for_moderation()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_site, demo_media, settings):
    """Each test sees the demo's media folder (tests/conftest.py gives each its own)."""
    settings.MEDIA_ROOT = demo_media


@pytest.fixture(scope="module")
def finder():
    return UntranslatedFinder(untranslated_messages("django"))


def test_no_wagtail_or_django_message_lacks_vietnamese():
    """Every message id the admin can show, in Python and in its scripts."""
    assert untranslated_messages("django") == {}
    assert untranslated_messages("djangojs") == {}


@pytest.mark.django_db
def test_every_admin_page_a_demo_user_reaches_is_vietnamese(demo, finder):
    report = {}
    for username in STAFF:
        client = Client()
        client.force_login(User.objects.get(username=username))
        walked, found = walk(client, finder)
        report[username] = (walked, found)
    untranslated = [
        (username, url, msgid, where)
        for username, (_walked, found) in report.items()
        for url, msgid, where in found
    ]
    pages = {user: len(walked) for user, (walked, _found) in report.items()}
    # The list of pages walked, for the record (pytest -s shows it).
    print("admin pages walked:", pages, "untranslated:", len(untranslated))  # noqa: T201
    for username, (walked, _found) in report.items():
        print(username, *walked, sep="\n  ")  # noqa: T201
    assert untranslated == []
    # The editors and the moderator really got in (a login redirect walks nothing).
    assert pages["admin"] > 60
    assert pages["bientap"] > 25
    assert pages["duyet"] > 25


@pytest.mark.django_db
def test_the_finder_sees_what_wagtail_alone_leaves_in_english(demo, settings, client):
    """Without the project's catalogue the walk finds the English of issue 13."""
    settings.LOCALE_PATHS = [settings.SITE_DIR / "locale"]
    finder = UntranslatedFinder(untranslated_messages("django"))
    client.force_login(User.objects.get(username="bientap"))
    course = CoursePage.objects.first()
    html = client.get("/admin/").content.decode()
    html += client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    found = {msgid for msgid, _where in finder.in_html(html)}
    assert {"Site summary", "Save draft", "Set schedule"} <= found


@pytest.mark.django_db
def test_workflow_and_task_have_vietnamese_names(demo):
    assert not Workflow.objects.filter(name__icontains="moderator").exists()
    assert not Task.objects.filter(name__icontains="moderator").exists()
    assert Workflow.objects.filter(active=True).exists()
