"""Builders for the search tests' pages, and NFD text as some keyboards send it."""

import unicodedata

from wagtail.rich_text import RichText

from courses.models import CoursePage, LessonPage


def nfd(text):
    return unicodedata.normalize("NFD", text)


def lesson(course, title, slug, text, *, intro="", live=True):
    page = LessonPage(
        title=title,
        slug=slug,
        intro=intro,
        live=live,
        body=[("text", RichText(f"<p>{text}</p>"))],
    )
    return course.add_child(instance=page)


def course_page(index, title, slug, summary, audiences=()):
    course = index.add_child(
        instance=CoursePage(title=title, slug=slug, summary=summary)
    )
    course.audiences.set(audiences)
    course.save_revision().publish()
    return course
