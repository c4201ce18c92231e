"""Figures per programme and unit: learners in it, and those who completed it.

A learner is in a programme when enrolled (not withdrawn) in one of its courses;
they count for the unit their enrolment was made in. Completions count for the
unit recorded with them. Four aggregate queries for every programme at once.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from courses.models import Enrolment, Programme, ProgrammeCompletion, ProgrammeCourse
from people.models import Organisation

IN_PROGRAMME = (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)


@dataclass
class ProgrammeFigures:
    programme: Programme
    rows: list = field(default_factory=list)  # (unit, learners, completed)
    learners: int = 0
    completed: int = 0


def _enrolled(units):
    """Programme courses joined to their enrolments in ``units`` (one join)."""
    return ProgrammeCourse.objects.filter(
        course__enrolments__organisation__in=units,
        course__enrolments__status__in=IN_PROGRAMME,
    )


def programme_figures(units):
    """ProgrammeFigures for every programme, over the units of ``units`` (a
    queryset of the units the viewer may see)."""
    per_unit = (
        _enrolled(units)
        .values("programme_id", "course__enrolments__organisation_id")
        .annotate(n=Count("course__enrolments__user_id", distinct=True))
        .order_by()
    )
    totals = dict(
        _enrolled(units)
        .values("programme_id")
        .annotate(n=Count("course__enrolments__user_id", distinct=True))
        .order_by()
        .values_list("programme_id", "n")
    )
    done = (
        ProgrammeCompletion.objects.filter(organisation__in=units)
        .values("programme_id", "organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    learners, completed = defaultdict(dict), defaultdict(dict)
    for row in per_unit:
        unit_id = row["course__enrolments__organisation_id"]
        learners[row["programme_id"]][unit_id] = row["n"]
    for row in done:
        completed[row["programme_id"]][row["organisation_id"]] = row["n"]
    unit_ids = {u for d in (*learners.values(), *completed.values()) for u in d}
    names = list(Organisation.objects.filter(pk__in=unit_ids).order_by("path"))

    figures = []
    for programme in Programme.objects.order_by("title"):
        mine_in, mine_done = learners[programme.pk], completed[programme.pk]
        figures.append(
            ProgrammeFigures(
                programme=programme,
                rows=[
                    (unit, mine_in.get(unit.pk, 0), mine_done.get(unit.pk, 0))
                    for unit in names
                    if unit.pk in mine_in or unit.pk in mine_done
                ],
                learners=totals.get(programme.pk, 0),
                completed=sum(mine_done.values()),
            )
        )
    return figures
