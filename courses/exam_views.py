"""Exam-day screens: the coordinator's live exam board (window controls, who has
started, submitted, gone idle; extra time for one learner) and the department's
schedule for every class of a unit. Thin views: the rules live in
courses/exam_windows.py, the figures in courses/exam_board.py."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from people import admin_scope
from people.admin_views import administrator_required
from people.coordinator_views import coordinator_required
from people.scope import class_for_coordinator

from . import exam_windows
from .exam_board import board_rows, board_summary, class_learners
from .exam_forms import ExtraTimeForm, ScheduleForm, UnitScheduleForm
from .models import ClassEnrolment, CoursePage, Enrolment, QuizPage, QuizWindow


def class_quiz_or_404(school_class, quiz_id):
    """The live quiz of a course the class is enrolled in, and that course."""
    quiz = QuizPage.objects.live().filter(pk=quiz_id).first()
    if quiz is None:
        raise Http404
    course_path = quiz.path[: -QuizPage.steplen]
    if not ClassEnrolment.objects.filter(
        school_class=school_class, course__path=course_path
    ).exists():
        raise Http404
    return quiz, CoursePage.objects.get(path=course_path)


def window_state(window, quiz, now):
    """open, scheduled (opens later), ended (scheduled end passed), closed, or
    free (a practice quiz without a window)."""
    if window is None:
        return "closed" if exam_windows.is_exam(quiz) else "free"
    if window.is_open_at(now):
        return "open"
    if window.is_open and window.opens_at and window.opens_at > now:
        return "scheduled"
    if window.is_open and window.closes_at and window.closes_at <= now:
        return "ended"
    return "closed"


def _board_context(request, school_class, quiz, course, **forms):
    now = timezone.now()
    window = QuizWindow.objects.filter(school_class=school_class, quiz=quiz).first()
    learners = class_learners(school_class)
    rows = board_rows(school_class, quiz, course, now, learners=learners)
    local = timezone.localtime
    initial = {}
    if window is not None:
        initial = {
            "opens_at": window.opens_at and local(window.opens_at),
            "closes_at": window.closes_at and local(window.closes_at),
            "time_limit": window.time_limit_minutes,
        }
    return {
        "school_class": school_class,
        "quiz": quiz,
        "course": course,
        "window": window,
        "state": window_state(window, quiz, now),
        "time_limit": (window and window.time_limit_minutes)
        or course.time_limit_minutes,
        "rows": rows,
        "summary": board_summary(rows),
        "now": now,
        "schedule_form": forms.get("schedule_form") or ScheduleForm(initial=initial),
        "extra_form": forms.get("extra_form")
        or ExtraTimeForm(
            learners=[r.learner for r in rows if r.state != "not_enrolled"]
        ),
        "has_learners": bool(learners),
    }


@coordinator_required
def exam_board(request, class_id, quiz_id):
    school_class = class_for_coordinator(request.user, class_id)
    quiz, course = class_quiz_or_404(school_class, quiz_id)
    return render(
        request,
        "courses/coordinator/exam_board.html",
        _board_context(request, school_class, quiz, course),
    )


def _back_to_board(school_class, quiz):
    return redirect(
        "class_courses:exam_board", class_id=school_class.pk, quiz_id=quiz.pk
    )


@coordinator_required
@require_POST
def quiz_schedule(request, class_id, quiz_id):
    school_class = class_for_coordinator(request.user, class_id)
    quiz, course = class_quiz_or_404(school_class, quiz_id)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        context = _board_context(
            request, school_class, quiz, course, schedule_form=form
        )
        return render(
            request, "courses/coordinator/exam_board.html", context, status=400
        )
    data = form.cleaned_data
    ended = exam_windows.schedule(
        school_class,
        quiz,
        opens_at=data["opens_at"],
        closes_at=data["closes_at"],
        time_limit=data["time_limit"],
        by=request.user,
    )
    messages.success(request, _("The schedule was saved."))
    _say_ended(request, ended)
    return _back_to_board(school_class, quiz)


@coordinator_required
@require_POST
def extra_time(request, class_id, quiz_id):
    school_class = class_for_coordinator(request.user, class_id)
    quiz, course = class_quiz_or_404(school_class, quiz_id)
    # The choices are the learners of this class: another id is refused.
    form = ExtraTimeForm(request.POST, learners=class_learners(school_class))
    enrolment = None
    if form.is_valid():
        enrolment = (
            Enrolment.objects.active()
            .filter(course=course, user_id=form.cleaned_data["learner"])
            .select_related("user")
            .first()
        )
        if enrolment is None:
            form.add_error("learner", _("This student is not enrolled in the course."))
    if enrolment is None:
        context = _board_context(request, school_class, quiz, course, extra_form=form)
        return render(
            request, "courses/coordinator/exam_board.html", context, status=400
        )
    minutes = form.cleaned_data["minutes"]
    grant = exam_windows.grant_extra_time(enrolment, quiz, minutes, by=request.user)
    messages.success(
        request,
        (
            _("%(name)s has %(n)s more minutes on the attempt in progress.")
            if grant.attempt_id
            else _("%(name)s will have %(n)s more minutes on the next attempt.")
        )
        % {"name": enrolment.user.full_name, "n": minutes},
    )
    return _back_to_board(school_class, quiz)


def _say_ended(request, ended):
    if ended:
        messages.info(
            request,
            ngettext(
                "%(n)s attempt in progress was submitted with the answers saved.",
                "%(n)s attempts in progress were submitted with the answers saved.",
                ended,
            )
            % {"n": ended},
        )


@administrator_required
def department_schedule(request):
    """One schedule for an exam in every class of a unit and below."""
    units = admin_scope.units(request.user)
    form = UnitScheduleForm(request.POST or None, units=units)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            count = exam_windows.schedule_for_unit(
                data["unit"],
                data["quiz"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                time_limit=data["time_limit"],
                by=request.user,
            )
            messages.success(
                request,
                ngettext(
                    "“%(quiz)s” was scheduled for %(n)s class of %(unit)s.",
                    "“%(quiz)s” was scheduled for %(n)s classes of %(unit)s.",
                    count,
                )
                % {"quiz": data["quiz"].title, "n": count, "unit": data["unit"].name},
            )
            return redirect("exam_schedule:schedule")
    windows = (
        QuizWindow.objects.filter(
            Q(opens_at__isnull=False) | Q(closes_at__isnull=False),
            Q(closes_at__isnull=True) | Q(closes_at__gt=timezone.now()),
            school_class__organisation__in=units,
        )
        .select_related("quiz", "school_class__organisation")
        .order_by("opens_at", "school_class__name")[:100]
    )
    return render(
        request,
        "courses/department/exam_schedule.html",
        {"form": form, "windows": windows},
        status=400 if request.method == "POST" else 200,
    )
