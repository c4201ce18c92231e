"""Completions made on another platform, so training done elsewhere counts here
once: by personal ID and a map from the other platform's course codes to ours.

All or nothing: every row is checked first and any problem refuses the whole file
with row-numbered messages; then one transaction writes. Idempotent: a learner
with no enrolment in the course gets one (source "external", completed on the
given day); an unfinished enrolment is completed on that day; a completed one is
left alone — the unique (learner, course) enrolment is never duplicated. No
certificate is issued for training done elsewhere (no ``course_completed`` signal).
"""

import re
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage, Enrolment
from people.models import Membership, User

FIELDS = ("personal_id", "course", "completed_on")
PERSONAL_ID = re.compile(r"^\d{12}$")


class ImportRefused(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


def _day(text):
    text = str(text or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _resolve(rows, organisation):
    """{personal ID: user id or None}; with ``organisation``, only its learners."""
    accounts = {}
    for _number, row in rows:
        personal_id = str(row.get("personal_id") or "").strip()
        if PERSONAL_ID.match(personal_id) and personal_id not in accounts:
            accounts[personal_id] = (
                User.objects.with_citizen_id(personal_id)
                .values_list("pk", flat=True)
                .first()
            )
    if organisation is not None:
        inside = set(
            Membership.objects.learners()
            .filter(
                user_id__in=[pk for pk in accounts.values() if pk],
                organisation__path__startswith=organisation.path,
            )
            .values_list("user_id", flat=True)
        )
        accounts = {k: (pk if pk in inside else None) for k, pk in accounts.items()}
    return accounts


def _check(rows, course_map, courses, accounts):
    """({(user id, course id): completed at}, errors)."""
    wanted, errors = {}, []
    today = timezone.localdate()
    for number, row in rows:
        problems = []
        personal_id = str(row.get("personal_id") or "").strip()
        course_code = str(row.get("course") or "").strip()
        day = _day(row.get("completed_on"))
        if not PERSONAL_ID.match(personal_id):
            problems.append("the personal ID must have exactly 12 digits")
        elif accounts[personal_id] is None:
            problems.append("no account (of a learner here) has this personal ID")
        course_id = course_map.get(course_code)
        if course_id not in courses:
            problems.append(f"course '{course_code}' is not in the course map")
        if day is None:
            problems.append("the date must be dd/mm/yyyy or yyyy-mm-dd")
        elif day > today or day < date(2000, 1, 1):
            problems.append("the date must be in the past")
        if problems:
            errors.append(f"row {number}: " + "; ".join(problems))
            continue
        done = timezone.make_aware(datetime.combine(day, time.min))
        key = (accounts[personal_id], course_id)
        wanted[key] = min(done, wanted.get(key, done))  # a repeated row counts once
    return wanted, errors


def import_completions(rows, course_map, organisation=None):
    """``rows``: [(row number, {"personal_id", "course", "completed_on"})];
    ``course_map``: {their course code: our course id}; ``organisation``: only its
    learners (an API client's subtree). Returns the counts; raises ImportRefused
    (nothing written) with every problem found."""
    courses = set(
        CoursePage.objects.filter(pk__in=set(course_map.values())).values_list(
            "pk", flat=True
        )
    )
    errors = [
        f"course map: '{code}' names no course here ({pk})"
        for code, pk in course_map.items()
        if pk not in courses
    ]
    accounts = _resolve(rows, organisation)
    wanted, row_errors = _check(rows, course_map, courses, accounts)
    errors += row_errors
    if not rows:
        errors.append("the file has no rows")
    if errors:
        raise ImportRefused(errors)
    counts = {"created": 0, "completed_existing": 0, "already_completed": 0}
    with transaction.atomic():
        existing = {
            (user_id, course_id): (pk, completed_at)
            for pk, user_id, course_id, completed_at in Enrolment.objects.filter(
                user_id__in={user for user, _course in wanted},
                course_id__in={course for _user, course in wanted},
            ).values_list("pk", "user_id", "course_id", "completed_at")
        }
        new = []
        for (user_id, course_id), done in wanted.items():
            if (user_id, course_id) not in existing:
                unit_id, class_id = Enrolment.placement_of(user_id)
                new.append(
                    Enrolment(
                        user_id=user_id,
                        course_id=course_id,
                        source=Enrolment.Source.EXTERNAL,
                        status=Enrolment.Status.COMPLETED,
                        enrolled_at=done,
                        completed_at=done,
                        organisation_id=unit_id,
                        school_class_id=class_id,
                    )
                )
            elif existing[(user_id, course_id)][1] is None:
                Enrolment.objects.filter(
                    pk=existing[(user_id, course_id)][0], completed_at__isnull=True
                ).update(completed_at=done, status=Enrolment.Status.COMPLETED)
                counts["completed_existing"] += 1
            else:
                counts["already_completed"] += 1
        # No ignore_conflicts: an enrolment made meanwhile fails the whole import,
        # which can simply be run again.
        Enrolment.objects.bulk_create(new)
        counts["created"] = len(new)
    return counts
