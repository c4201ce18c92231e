"""The course catalogue: what a visitor sees listed, and for whom. Used by the home
page and the course index alike."""

from .access import audiences_for
from .models import Audience, CoursePage


def catalogue(request, root):
    """Live, public courses under ``root``; filtered by ?doi-tuong=<audience slug>.

    Signed-in learners also get ``for_you``: the courses of their own audiences, so
    a student sees youth-union courses first and one-stop staff see theirs.
    """
    courses = (
        CoursePage.objects.live()
        .public()
        .descendant_of(root)
        .order_by("path")
        .select_related("cover_image")
        .prefetch_related("audiences")
    )
    audiences = list(Audience.objects.all())
    selected = next(
        (a for a in audiences if a.slug == request.GET.get("doi-tuong")), None
    )
    if selected is not None:
        courses = courses.filter(audiences=selected)
    courses = list(courses)
    mine = {a.pk for a in audiences_for(request.user)}
    for_you = (
        [c for c in courses if mine & {a.pk for a in c.audiences.all()}]
        if mine and selected is None
        else []
    )
    return {
        "courses": courses,
        "for_you": for_you,
        "audiences": audiences,
        "selected_audience": selected,
    }
