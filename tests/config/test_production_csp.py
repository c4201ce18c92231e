"""Content-Security-Policy: every public page sends it and runs no inline code;
the Wagtail admin gets its relaxed policy and still loads."""

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from courses.models import Enrolment
from tests.factories import UserFactory, build_course

pytestmark = pytest.mark.django_db

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCodeFinder(HTMLParser):
    """Collects what a strict policy would block: inline scripts, style elements and
    attributes, event-handler attributes and javascript: links."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        where = self.getpos()
        if tag == "script" and "src" not in attrs:
            if (attrs.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
                self.found.append((where, "inline <script>"))
        if tag == "style":
            self.found.append((where, "<style> element"))
        for name, value in attrs.items():
            if name == "style":
                self.found.append((where, f"style attribute on <{tag}>"))
            if name.startswith("on"):
                self.found.append((where, f"{name} attribute on <{tag}>"))
            if name in {"href", "src", "action"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.found.append((where, f"javascript: URL in {name}"))


def inline_code(text):
    finder = InlineCodeFinder()
    finder.feed(text)
    return finder.found


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in header.split(";"))
        if part
    }


def assert_strict(response):
    assert response.status_code == 200, response.status_code
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert inline_code(response.text) == []


@pytest.fixture
def course_and_quiz(home_page):
    return build_course(home_page)


@pytest.fixture
def learner_client(client, course_and_quiz):
    learner = UserFactory(username="hocsinh")
    Enrolment.objects.create(user=learner, course=course_and_quiz[0])
    client.force_login(learner)
    return client


def test_the_finder_sees_inline_code():
    page = (
        '<script>alert(1)</script><script src="/a.js"></script>'
        '<script type="application/json">{}</script><p style="color:red" '
        'onclick="x()"><a href="javascript:x()">x</a></p><style>p{}</style>'
    )
    kinds = [kind for _where, kind in inline_code(page)]
    assert kinds == [
        "inline <script>",
        "style attribute on <p>",
        "onclick attribute on <p>",
        "javascript: URL in href",
        "<style> element",
    ]


def test_public_pages_send_the_strict_policy_and_run_no_inline_code(
    client, course_and_quiz
):
    course, _quiz = course_and_quiz
    for url in [
        "/",
        course.url,
        reverse("people:login"),
        reverse("people:password_reset"),
        reverse("certificates:verify"),
        reverse("search") + "?q=an+toan",
    ]:
        assert_strict(client.get(url))


def test_learner_pages_and_the_quiz_run_no_inline_code(learner_client, course_and_quiz):
    course, quiz = course_and_quiz
    client = learner_client
    lesson = course.get_children().live().first()
    assert_strict(client.get("/"))
    assert_strict(client.get(course.url))
    assert_strict(client.get(lesson.url))
    assert_strict(client.get(quiz.url))
    assert_strict(client.get(reverse("courses:my_learning")))
    started = client.post(quiz.url + "bat-dau/")
    assert started.status_code == 302
    attempt_page = client.get(started["Location"])
    assert_strict(attempt_page)
    assert "quiz.js" in attempt_page.text  # its script comes from a static file


def test_error_pages_style_is_the_one_hash_the_policy_allows():
    # The bare 500 and CSRF pages keep one inline style (no static files needed);
    # the policy allows exactly that attribute by its hash.
    allowed = set(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"])
    for name in ("500.html", "403_csrf.html"):
        text = (settings.SITE_DIR / "templates" / name).read_text()
        for style in re.findall(r'style="([^"]*)"', text):
            digest = hashlib.sha256(style.encode()).digest()
            assert f"'sha256-{base64.b64encode(digest).decode()}'" in allowed


def test_admin_gets_the_relaxed_policy_and_loads(client, home_page, course_and_quiz):
    editor = UserFactory(username="bientap", is_staff=True, is_superuser=True)
    client.force_login(editor)
    course, _quiz = course_and_quiz
    for url in [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        reverse("wagtailadmin_explore", args=[home_page.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert "'unsafe-inline'" in directives["script-src"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'self'"]


def test_preview_may_be_framed_by_the_admin_and_nothing_else(
    client, home_page, course_and_quiz
):
    """Wagtail renders a preview through the middleware as the page's own address;
    only that response relaxes frame-ancestors, to the portal's own origin."""
    course, _quiz = course_and_quiz
    lesson = course.get_children().first().specific
    preview = lesson.make_preview_request()
    assert preview.status_code == 200
    directives = policy(preview)
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]  # otherwise the strict policy
    assert_strict(client.get(course.url))  # live pages: frame-ancestors 'none'
