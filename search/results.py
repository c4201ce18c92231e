"""What a visitor sees of each result: kind, course, link and snippet.

A lesson is labelled with its course (found by the page tree, one query for the whole
list); a course is its own label. The kind is the model's verbose name, so no page
type is named here either.
"""

from dataclasses import dataclass

from django.utils.text import capfirst
from wagtail.models import Page

from courses.models import CoursePage

from .snippets import highlight, snippet


@dataclass(frozen=True)
class Result:
    page: Page
    url: str
    title: str
    kind: str
    course: Page | None
    course_url: str
    snippet: str


def courses_of(pages):
    """{page pk: its course} for pages inside a course (and courses themselves)."""
    parent_paths = {page.path[: -Page.steplen] for page in pages if page.depth > 1}
    courses = {
        course.path: course
        for course in CoursePage.objects.live()
        .filter(path__in=parent_paths)
        .only("pk", "path", "title", "url_path", "depth")
    }
    found = {}
    for page in pages:
        if isinstance(page, CoursePage):
            found[page.pk] = page
        elif page.path[: -Page.steplen] in courses:
            found[page.pk] = courses[page.path[: -Page.steplen]]
    return found


def kind_of(page):
    return capfirst(page.specific_class._meta.verbose_name)


def describe(pages, query, request):
    """``Result``s for specific page instances, in the same order."""
    pages = list(pages)
    courses = courses_of(pages)
    words = query.words if query else []
    results = []
    for page in pages:
        course = courses.get(page.pk)
        is_course = course is not None and course.pk == page.pk
        results.append(
            Result(
                page=page,
                url=page.get_url(request),
                title=highlight(page.title, words, length=len(page.title)),
                kind=kind_of(page),
                course=None if is_course or course is None else course,
                course_url=""
                if is_course or course is None
                else course.get_url(request),
                snippet=snippet(page, words),
            )
        )
    return results


def suggestion(page, course, request):
    """One autocomplete entry, as JSON-ready data."""
    return {
        "title": page.title,
        "url": page.get_url(request),
        "kind": str(kind_of(page)),
        "course": course.title if course is not None and course.pk != page.pk else "",
    }
