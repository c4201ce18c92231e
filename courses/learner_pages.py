"""What every learner page of a course needs: the course a lesson or quiz belongs
to, the learner's enrolment in it (or where to send a visitor without one), the
"continue where you left off" marker and rendering with the page's own context.

Shared by the course and lesson views (``views``), the quiz views (``quiz_views``)
and the quiz page's JSON endpoints (``quiz_views.autosave``, ``focus_views``).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import is_staff_reader
from .models import CoursePage, Enrolment, QuizAttempt
from .outline import TIMEOUT as OUTLINE_TIMEOUT
from .outline import tree_version


def render_page(request, page, template, extra):
    context = page.get_context(request)
    context.update(extra)
    return TemplateResponse(request, template, context)


def course_of(page):
    """The course a lesson or quiz belongs to, as a CoursePage.

    The router attaches the parent as a plain page; its specific form is cached
    under the page-tree version like the outline, so publishing the course (which
    bumps the version) is seen at once.
    """
    parent = page.get_parent()
    if isinstance(parent, CoursePage):
        return parent
    key = f"courses:course:{tree_version()}:{parent.pk}"
    course = cache.get(key)
    if course is None:
        course = parent.specific
        cache.set(key, course, OUTLINE_TIMEOUT)
    return course


def require_enrolment(request, page):
    """(course, enrolment, None), or (course, None, response) sending the visitor
    where they can go. One query: the course comes from the cache."""
    if getattr(request, "is_preview", False):
        return course_of(page), None, None
    if not request.user.is_authenticated:
        return None, None, redirect_to_login(request.get_full_path())
    course = course_of(page)
    enrolment = (
        Enrolment.objects.active()
        .filter(user=request.user, course_id=course.pk)
        # What the lesson and quiz views read; the rest loads if ever needed.
        .only("pk", "user_id", "course_id", "status", "completed_at", "last_page_id")
        .first()
    )
    if enrolment is not None:
        enrolment.course = course  # already at hand: no query for it
    if enrolment is None and not is_staff_reader(request.user):
        messages.info(request, _("Enrol in the course first to open its lessons."))
        return course, None, redirect(course.url)
    return course, enrolment, None


def touch(enrolment, page):
    """Remember the last opened item, for "continue where you left off"."""
    if enrolment is not None and enrolment.last_page_id != page.pk:
        Enrolment.objects.filter(pk=enrolment.pk).update(
            last_page=page, last_activity_at=timezone.now()
        )


def posted_own_attempt(request, attempt_id):
    """For the quiz page's JSON endpoints: (attempt, None), or (None, response).

    POST only; the attempt is found only among the signed-in learner's own, in a
    course they are still enrolled in (anyone else's is a 404).
    """
    if request.method != "POST":
        return None, HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return None, JsonResponse({"error": _("Please sign in again.")}, status=401)
    attempt = QuizAttempt.objects.of_learner(request.user).filter(pk=attempt_id).first()
    if attempt is None:
        raise Http404
    return attempt, None
