"""The quiz page's focus beacon (courses.focus), beside the autosave endpoint.

Accepts a form body (what ``navigator.sendBeacon`` sends, CSRF token in the body)
or JSON with the X-CSRFToken header, as the autosave does. Only the signed-in
learner's own attempt, in a course they are still enrolled in, is found.
"""

from django.http import JsonResponse

from core.request_json import BadJSON, read_json

from . import focus, quiz
from .learner_pages import posted_own_attempt


def _payload(request):
    if request.content_type == "application/json":
        return read_json(request.body, default={})
    return request.POST


def attempt_focus(request, attempt_id):
    attempt, response = posted_own_attempt(request, attempt_id)
    if response is not None:
        return response
    try:
        lost_count, away_seconds = focus.read_totals(_payload(request))
        lost_count, away_seconds = focus.record(attempt, lost_count, away_seconds)
    except (BadJSON, focus.BadFocusReport):
        return JsonResponse({"error": str(focus.BadFocusReport.message)}, status=400)
    except quiz.QuizError as error:  # submitted or out of time: nothing to record
        return JsonResponse({"error": str(error.message)}, status=409)
    return JsonResponse({"lost_count": lost_count, "away_seconds": away_seconds})
