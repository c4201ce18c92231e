"""Learner pages: course page, enrolment, lessons and "My learning". Thin views.

The rules live in ``completion`` and ``access``; these functions read the request,
call them and render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .access import enrolment_for
from .completion import finished_items, progress_by_enrolment
from .completion import mark_lesson_done as record_lesson_done
from .enrolment import SelfEnrolmentClosed, enrol_self
from .learner_pages import render_page, require_enrolment, touch
from .models import Enrolment
from .notices import shown_notices
from .offline_pack import budget_bytes
from .outline import course_outline
from .programmes import programmes_for_learner


def _outline_with_state(course, enrolment):
    """The course's items with done/passed flags for this learner (both cached)."""
    items = course_outline(course)
    finished = finished_items(enrolment) if enrolment is not None else frozenset()
    for item in items:
        item.is_done = item.pk in finished
    return items


def _progress(items):
    counted = [i for i in items if i.required]
    done = sum(1 for i in counted if i.is_done)
    total = len(counted)
    return {
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
    }


def _next_item(items, enrolment):
    """Where "continue" goes: the last opened item if unfinished, else the first
    unfinished one, else the first."""
    if enrolment is not None and enrolment.last_page_id:
        for item in items:
            if item.pk == enrolment.last_page_id and not item.is_done:
                return item
    return next((i for i in items if not i.is_done), items[0] if items else None)


def course_page(request, course):
    enrolment = enrolment_for(request.user, course)
    items = _outline_with_state(course, enrolment)
    return render_page(
        request,
        course,
        "courses/course_page.html",
        {
            "enrolment": enrolment,
            "outline": items,
            "progress": _progress(items),
            "next_item": _next_item(items, enrolment),
            "offline_budget": budget_bytes(),
        },
    )


def enrol(request, course):
    """Self-enrolment: POST only, once per learner (a double click changes nothing)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    try:
        enrolment, created = enrol_self(request.user, course)
    except SelfEnrolmentClosed as closed:
        messages.error(request, closed.message)
        return redirect(course.url)
    if created:
        messages.success(request, _("You are enrolled. Good luck!"))
    items = _outline_with_state(course, enrolment)
    first = _next_item(items, enrolment)
    return redirect(first.url if first else course.url)


def resume(request, course):
    """ "Continue where you left off": the next unfinished item of the course."""
    enrolment = enrolment_for(request.user, course)
    if enrolment is None:
        return redirect(course.url)
    next_item = _next_item(_outline_with_state(course, enrolment), enrolment)
    return redirect(next_item.url if next_item else course.url)


def _neighbours(items, page):
    ids = [i.pk for i in items]
    if page.pk not in ids:
        return None, None
    index = ids.index(page.pk)
    previous = items[index - 1] if index > 0 else None
    following = items[index + 1] if index + 1 < len(items) else None
    return previous, following


def lesson_page(request, lesson):
    course, enrolment, response = require_enrolment(request, lesson)
    if response is not None:
        return response
    items = _outline_with_state(course, enrolment)
    touch(enrolment, lesson)
    previous, following = _neighbours(items, lesson)
    return render_page(
        request,
        lesson,
        "courses/lesson_page.html",
        {
            "course": course,
            "enrolment": enrolment,
            "outline": items,
            "progress": _progress(items),
            "is_done": any(i.pk == lesson.pk and i.is_done for i in items),
            "previous_item": previous,
            "next_item": following,
        },
    )


def mark_lesson_done(request, lesson):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    course, enrolment, response = require_enrolment(request, lesson)
    if response is not None:
        return response
    if enrolment is None:  # staff reading without enrolment: nothing to record
        return redirect(lesson.url)
    record_lesson_done(enrolment, lesson)
    enrolment.refresh_from_db(fields=["completed_at", "status"])
    if enrolment.completed_at:
        messages.success(request, _("Congratulations, you have completed the course!"))
        return redirect(course.url)
    items = _outline_with_state(course, enrolment)
    _previous, following = _neighbours(items, lesson)
    return redirect(following.url if following else course.url)


@login_required
def my_learning(request):
    enrolments = list(
        Enrolment.objects.active()
        .filter(user=request.user, course__live=True)
        .select_related("course", "last_page")
        .order_by("completed_at", "-last_activity_at", "-enrolled_at")
    )
    progress = progress_by_enrolment(enrolments)
    for enrolment in enrolments:
        done, total = progress[enrolment.pk]
        enrolment.done, enrolment.total = done, total
        enrolment.percent = round(100 * done / total) if total else 0
    programmes = programmes_for_learner(request.user, enrolments)
    return TemplateResponse(
        request,
        "courses/my_learning.html",
        {
            "in_progress": [e for e in enrolments if not e.completed_at],
            "completed": [e for e in enrolments if e.completed_at],
            "programmes": programmes,
            "programme_completions": [p.completion for p in programmes if p.completion],
            "notices": shown_notices(request.user),
        },
    )
