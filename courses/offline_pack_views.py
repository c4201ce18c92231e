"""The pack of a course kept offline, as JSON for the service worker
(courses.offline_pack)."""

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .access import enrolment_for
from .models import CoursePage
from .offline_pack import budget_bytes, course_pack


@never_cache  # personal (which quizzes have a window for this learner)
@require_GET
def pack(request, course_id):
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Please sign in again.")}, status=401)
    course = CoursePage.objects.live().filter(pk=course_id).first()
    # Only the learner's own active enrolments; staff reading a course keep nothing.
    if course is None or not budget_bytes():
        raise Http404
    if enrolment_for(request.user, course) is None:
        raise Http404
    return JsonResponse(course_pack(course, request.user))
