"""A class's courses, for its coordinator: enrol, unenrol, exam-day quiz switch."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from people.coordinator_views import coordinator_required
from people.scope import class_for_coordinator

from .enrolment import enrol_class, not_yet_enrolled, unenrol_class
from .exam_views import class_quiz_or_404, window_state
from .exam_windows import set_quiz_window
from .models import ClassEnrolment, CoursePage, QuizPage, QuizWindow


def _course_or_404(course_id):
    return get_object_or_404(CoursePage.objects.live(), pk=course_id)


@coordinator_required
def class_courses(request, class_id):
    school_class = class_for_coordinator(request.user, class_id)
    enrolled = {
        e.course_id: e for e in ClassEnrolment.objects.filter(school_class=school_class)
    }
    courses = list(CoursePage.objects.live().order_by("path"))
    in_enrolled = Q(pk__in=[])
    for course in courses:
        if course.pk in enrolled:
            in_enrolled |= Q(path__startswith=course.path)
    quizzes = list(QuizPage.objects.live().filter(in_enrolled).order_by("path"))
    windows = {
        w.quiz_id: w for w in QuizWindow.objects.filter(school_class=school_class)
    }
    missing = not_yet_enrolled(school_class, list(enrolled))
    now = timezone.now()
    for course in courses:
        course.class_enrolment = enrolled.get(course.pk)
        course.quizzes = [q for q in quizzes if q.path.startswith(course.path)]
        for quiz in course.quizzes:
            quiz.window = windows.get(quiz.pk)
            quiz.state = window_state(quiz.window, quiz, now)
        course.missing = missing.get(course.pk, 0)
    return render(
        request,
        "courses/coordinator/class_courses.html",
        {"school_class": school_class, "courses": courses},
    )


@coordinator_required
@require_POST
def enrol(request, class_id, course_id):
    school_class = class_for_coordinator(request.user, class_id)
    course = _course_or_404(course_id)
    added = enrol_class(school_class, course, by=request.user)
    messages.success(
        request,
        _("%(n)s students enrolled in “%(course)s”.")
        % {"n": added, "course": course.title},
    )
    return redirect("class_courses:list", class_id=school_class.pk)


@coordinator_required
@require_POST
def unenrol(request, class_id, course_id):
    school_class = class_for_coordinator(request.user, class_id)
    course = _course_or_404(course_id)
    withdrawn = unenrol_class(school_class, course)
    messages.success(
        request,
        _(
            "The class was withdrawn from “%(course)s” (%(n)s students); "
            "their results are kept."
        )
        % {"n": withdrawn, "course": course.title},
    )
    return redirect("class_courses:list", class_id=school_class.pk)


@coordinator_required
@require_POST
def quiz_window(request, class_id, quiz_id):
    school_class = class_for_coordinator(request.user, class_id)
    quiz, _course = class_quiz_or_404(school_class, quiz_id)
    is_open = request.POST.get("open") == "1"
    submitted = set_quiz_window(school_class, quiz, is_open, by=request.user)
    messages.success(
        request,
        (
            _("“%(quiz)s” is open for the class.")
            if is_open
            else _("“%(quiz)s” is closed for the class.")
        )
        % {"quiz": quiz.title},
    )
    if submitted:
        messages.info(
            request,
            ngettext(
                "%(n)s attempt in progress was submitted with the answers saved.",
                "%(n)s attempts in progress were submitted with the answers saved.",
                submitted,
            )
            % {"n": submitted},
        )
    if request.POST.get("back") == "board":
        return redirect(
            "class_courses:exam_board", class_id=school_class.pk, quiz_id=quiz.pk
        )
    return redirect("class_courses:list", class_id=school_class.pk)
