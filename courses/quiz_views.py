"""Quiz pages: overview, start, take (with autosave), submit and result. Thin views.

Every attempt is looked up through the learner's own enrolment and this quiz, so an
attempt id of somebody else, or of another quiz, is a 404 and changes nothing.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.request_json import BadJSON, read_json

from . import attempt_review, exam_windows, papers, quiz
from .exam_windows import quiz_open_for
from .learner_pages import (
    course_of,
    posted_own_attempt,
    render_page,
    require_enrolment,
    touch,
)
from .models import QuizAttempt
from .offline_sync import answers_may_wait


def _attempt_or_404(enrolment, quiz_page, attempt_id):
    if enrolment is None:
        raise Http404
    attempt = QuizAttempt.objects.filter(
        pk=attempt_id, enrolment=enrolment, quiz=quiz_page
    ).first()
    if attempt is None:
        raise Http404
    attempt.enrolment = enrolment  # already loaded, with its course
    attempt.quiz = quiz_page
    return attempt


def _closed_message(request, attempt):
    """Say why an attempt the learner did not submit is over."""
    if attempt.closed_by_switch:
        messages.warning(request, quiz.ClosedBySwitch.message)
    elif attempt.closed_late and quiz.ended_by_window(attempt):
        messages.warning(request, quiz.WindowEnded.message)
    elif attempt.closed_late:
        messages.warning(
            request,
            _("Time ran out: the attempt was scored with the answers saved in time."),
        )


def _url(quiz_page, name, attempt=None):
    args = [attempt.pk] if attempt is not None else []
    return quiz_page.url + quiz_page.reverse_subpage(name, args=args)


def overview(request, quiz_page):
    if getattr(request, "is_preview", False):
        return _preview(request, quiz_page, course_of(quiz_page))
    course, enrolment, response = require_enrolment(request, quiz_page)
    if response is not None:
        return response
    attempts = []
    if enrolment is not None:
        touch(enrolment, quiz_page)
        attempts = list(
            QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz_page).order_by(
                "number"
            )
        )
        for attempt in attempts:
            quiz.expire_if_overdue(attempt)
    used = len(attempts)
    limit = course.attempt_limit
    open_attempt = next((a for a in attempts if not a.is_submitted), None)
    return render_page(
        request,
        quiz_page,
        "courses/quiz_page.html",
        {
            "course": course,
            "enrolment": enrolment,
            "attempts": attempts,
            "open_attempt": open_attempt,
            "best": max(
                (a.score for a in attempts if a.score is not None), default=None
            ),
            "has_passed": any(a.passed for a in attempts),
            "attempts_left": None if not limit else max(0, limit - used),
            "question_count": papers.paper_length(quiz_page),
            "online_only": not answers_may_wait(quiz_page, course),
            "start_url": _url(quiz_page, "start"),
            "review_notices": (
                attempt_review.review_state(
                    enrolment, quiz_page, course, attempts
                ).notices
                if enrolment is not None
                else []
            ),
        },
    )


def _preview(request, quiz_page, course):
    """Editors' preview: the questions with the answer key, nothing recorded."""
    snapshot = quiz.build_snapshot(quiz_page)
    items = quiz.review(QuizAttempt(snapshot=snapshot, answers={}), show_answers=True)
    return render_page(
        request,
        quiz_page,
        "courses/quiz_preview.html",
        {"course": course, "items": items},
    )


def start(request, quiz_page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    course, enrolment, response = require_enrolment(request, quiz_page)
    if response is not None:
        return response
    if enrolment is None:
        messages.info(request, _("Only enrolled learners can take the quiz."))
        return redirect(quiz_page.url)
    try:
        attempt = quiz.start_attempt(
            enrolment,
            quiz_page,
            course=course,
            gate=quiz_open_for,
            plan=exam_windows.plan_for,
        )
    except quiz.QuizError as error:
        messages.error(request, error.message)
        return redirect(quiz_page.url)
    return redirect(_url(quiz_page, "attempt", attempt))


def take(request, quiz_page, attempt_id):
    course, enrolment, response = require_enrolment(request, quiz_page)
    if response is not None:
        return response
    attempt = quiz.expire_if_overdue(_attempt_or_404(enrolment, quiz_page, attempt_id))
    quiz.enforce_window(attempt, quiz_open_for)
    if attempt.is_submitted:
        _closed_message(request, attempt)
        return redirect(_url(quiz_page, "result", attempt))
    answers = attempt.answers or {}
    questions = [
        {
            **question,
            "number": position,
            "chosen": set(answers.get(question["key"], [])),
            "multiple": question["type"] == "multiple_choice",
        }
        for position, question in enumerate(attempt.snapshot, start=1)
    ]
    return render_page(
        request,
        quiz_page,
        "courses/quiz_attempt.html",
        {
            "course": course,
            "attempt": attempt,
            "questions": questions,
            "seconds_left": attempt.seconds_left(),
            "save_url": reverse("courses:autosave", args=[attempt.pk]),
            "focus_url": reverse("courses:attempt_focus", args=[attempt.pk]),
            "submit_url": _url(quiz_page, "submit", attempt),
            "result_url": _url(quiz_page, "result", attempt),
            "offline_ok": answers_may_wait(quiz_page, course, attempt),
        },
    )


def autosave(request, attempt_id):
    """JSON endpoint the quiz script calls after each change.

    A plain URL (courses/urls.py), not a sub-page of the quiz: an exam sends one of
    these per answer, and Wagtail's site lookup, page routing and view-restriction
    checks were a third of each one's cost. The attempt carries what must be
    checked: it belongs to the signed-in learner's enrolment, which is not
    withdrawn, and it is still open (the quiz engine refuses it otherwise).
    """
    attempt, response = posted_own_attempt(request, attempt_id)
    if response is not None:
        return response
    try:
        payload = read_json(request.body, default={})
        if not isinstance(payload, dict):
            raise quiz.InvalidAnswer
        quiz.save_answers(attempt, payload.get("answers"))
    except BadJSON:
        return JsonResponse({"error": str(quiz.InvalidAnswer.message)}, status=400)
    except quiz.InvalidAnswer as error:
        return JsonResponse({"error": str(error.message)}, status=400)
    except quiz.QuizError as error:
        # Closed or out of time: the page shows why and goes to the result, where
        # the same message waits.
        messages.warning(request, error.message)
        quiz_page = attempt.quiz
        return JsonResponse(
            {
                "error": str(error.message),
                "result_url": _url(quiz_page, "result", attempt),
            },
            status=409,
        )
    return JsonResponse(
        {
            "saved_at": timezone.localtime(attempt.answers_saved_at).strftime(
                "%H:%M:%S"
            ),
            "seconds_left": attempt.seconds_left(),
        }
    )


def submit(request, quiz_page, attempt_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    course, enrolment, response = require_enrolment(request, quiz_page)
    if response is not None:
        return response
    attempt = _attempt_or_404(enrolment, quiz_page, attempt_id)
    if not attempt.is_submitted:
        quiz.enforce_window(attempt, quiz_open_for)
        if attempt.is_submitted:  # closed for the class: posted answers not taken
            _closed_message(request, attempt)
            return redirect(_url(quiz_page, "result", attempt))
    try:
        outcome = quiz.submit_attempt(
            attempt, quiz.answers_from_post(attempt, request.POST)
        )
    except quiz.AttemptAlreadySubmitted:
        attempt.refresh_from_db()
        messages.info(request, quiz.refusal(attempt).message)
        return redirect(_url(quiz_page, "result", attempt))
    except quiz.QuizError as error:
        messages.error(request, error.message)
        return redirect(_url(quiz_page, "attempt", attempt))
    if outcome.late and quiz.ended_by_window(outcome.attempt):
        messages.warning(request, quiz.WindowEnded.message)
    elif outcome.late:
        messages.warning(
            request,
            _(
                "Time ran out before you submitted: the attempt was scored with the "
                "answers saved by the deadline."
            ),
        )
    return redirect(_url(quiz_page, "result", attempt))


def result(request, quiz_page, attempt_id):
    course, enrolment, response = require_enrolment(request, quiz_page)
    if response is not None:
        return response
    attempt = quiz.expire_if_overdue(_attempt_or_404(enrolment, quiz_page, attempt_id))
    if not attempt.is_submitted:
        return redirect(_url(quiz_page, "attempt", attempt))
    enrolment.refresh_from_db(fields=["completed_at", "status"])
    state = attempt_review.review_state(enrolment, quiz_page, course)
    items = quiz.review(
        attempt,
        show_answers=state.review.answers,
        show_which_wrong=state.review.which_wrong,
    )
    return render_page(
        request,
        quiz_page,
        "courses/quiz_result.html",
        {
            "course": course,
            "attempt": attempt,
            "enrolment": enrolment,
            "items": items,
            "review": state.review,
            "review_notices": state.notices,
            "tags": attempt_review.by_tag(items) if state.review.which_wrong else [],
        },
    )
