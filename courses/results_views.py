"""The coordinator's results of a class on one quiz, with integrity signals."""

from django.http import Http404
from django.shortcuts import render

from people.coordinator_views import coordinator_required
from people.scope import class_for_coordinator

from . import integrity
from .models import ClassEnrolment, QuizPage
from .quiz_results import class_quiz_results


@coordinator_required
def quiz_results(request, class_id, quiz_id):
    school_class = class_for_coordinator(request.user, class_id)
    quiz = QuizPage.objects.live().filter(pk=quiz_id).first()
    # Only a quiz of a course the class is enrolled in; anything else is a 404.
    if (
        quiz is None
        or not ClassEnrolment.objects.filter(
            school_class=school_class, course__path=quiz.path[: -QuizPage.steplen]
        ).exists()
    ):
        raise Http404
    learners, pairs = class_quiz_results(school_class, quiz)
    return render(
        request,
        "courses/coordinator/quiz_results.html",
        {
            "school_class": school_class,
            "quiz": quiz,
            "learners": learners,
            "pairs": pairs,
            "min_shared": integrity.MIN_SHARED,
        },
    )
