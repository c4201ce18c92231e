"""From a read roster to accounts: match students, preview, apply all-or-nothing.

``reader`` reads the file; this module decides, for every valid row, whether
it creates a student, updates one (matched by student code, then citizen ID) or
changes nothing, and then applies that plan in one transaction. Slow work (hashing
temporary passwords) happens before the transaction, with progress reported.
"""

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..accounts import (
    UsernameAllocator,
    hash_temporary_password,
    temporary_password,
    username_base,
)
from ..consent import may_be_minor, record_roster_basis
from ..identity_numbers import digest
from ..models import Membership, RosterImport, SchoolClass, User
from ..text import fold, vietnamese_sort_key
from ..user_cache import forget_users
from .reader import RosterProblem, read_roster

# Fields a roster may set on an existing student, in display order.
UPDATABLE = ("full_name", "date_of_birth", "gender", "student_code", "citizen_id")
OPTIONAL_UPDATABLE = ("email", "phone")  # only filled in, never blanked


@dataclass
class PlannedRow:
    row: object  # reader.RosterRow
    action: str  # "create", "update" or "unchanged"
    class_name: str
    user: User | None = None
    changes: dict = field(default_factory=dict)


@dataclass
class Plan:
    rows: list
    problems: list
    new_classes: list

    def count(self, action):
        return sum(1 for r in self.rows if r.action == action)

    def summary(self):
        return {
            "create": self.count("create"),
            "update": self.count("update"),
            "unchanged": self.count("unchanged"),
            "new_classes": self.new_classes,
        }


def _learner_units(users):
    """user id -> organisation paths where they are a learner (one query)."""
    paths = {}
    rows = Membership.objects.filter(
        user__in=users, role=Membership.Role.LEARNER
    ).values_list("user_id", "organisation__path")
    for user_id, path in rows:
        paths.setdefault(user_id, []).append(path)
    return paths


M_EMAIL_TAKEN = _(
    "Another account already uses this email address (capital letters do not make "
    "it different). Leave the cell empty or give the student's own address."
)


def _email_owners(emails):
    """lower-cased e-mail -> id of the account holding it, in any case (one query)."""
    emails = {email.lower() for email in emails}
    if not emails:
        return {}
    return dict(
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .values_list("email_lower", "pk")
    )


def make_plan(parsed, organisation, school_year, default_class_name=""):
    """Decide what each valid row does; problems block the whole import."""
    problems = list(parsed.problems)
    rows = parsed.rows
    codes = {r.student_code for r in rows if r.student_code}
    digests = {digest(r.citizen_id) for r in rows if r.citizen_id}
    by_code = {u.student_code: u for u in User.objects.filter(student_code__in=codes)}
    by_id = {  # the numbers are encrypted: matched on their keyed hash, one query
        u.citizen_id_digest: u
        for u in User.objects.filter(citizen_id_digest__in=digests)
    }
    units = _learner_units(list(by_code.values()) + list(by_id.values()))
    email_owner = _email_owners({r.email for r in rows if r.email})
    existing_classes = set(
        SchoolClass.objects.filter(
            organisation=organisation, school_year=school_year
        ).values_list("name", flat=True)
    )
    planned, new_classes = [], []
    for row in rows:
        class_name = (row.class_name or default_class_name).strip().upper()
        if not class_name:
            problems.append(
                RosterProblem(
                    row.row_number,
                    "",
                    _("No class: add a “Lớp” column or choose a class for the file."),
                )
            )
            continue
        user_by_code = by_code.get(row.student_code) if row.student_code else None
        user_by_id = by_id.get(digest(row.citizen_id)) if row.citizen_id else None
        if user_by_code and user_by_id and user_by_code.pk != user_by_id.pk:
            problems.append(
                RosterProblem(
                    row.row_number,
                    parsed.columns.get("citizen_id", ""),
                    _(
                        "The student code and the personal ID belong to two "
                        "different students already registered."
                    ),
                )
            )
            continue
        user = user_by_code or user_by_id
        if user is not None and not any(
            path.startswith(organisation.path) for path in units.get(user.pk, [])
        ):
            problems.append(
                RosterProblem(
                    row.row_number,
                    parsed.columns.get("student_code", ""),
                    _(
                        "This student is registered at another unit. Ask the "
                        "education department to move them."
                    ),
                )
            )
            continue
        owner = email_owner.get(row.email.lower()) if row.email else None
        if owner is not None and (user is None or owner != user.pk):
            problems.append(
                RosterProblem(
                    row.row_number,
                    parsed.columns.get("email", ""),
                    M_EMAIL_TAKEN,
                )
            )
            continue
        if class_name not in existing_classes and class_name not in new_classes:
            new_classes.append(class_name)
        if user is None:
            planned.append(PlannedRow(row, "create", class_name))
            continue
        changes = {}
        for name in UPDATABLE:
            new = getattr(row, name)
            if new not in ("", None) and new != getattr(user, name):
                changes[name] = new
        for name in OPTIONAL_UPDATABLE:
            new = getattr(row, name)
            if new and not getattr(user, name):
                changes[name] = new
        planned.append(
            PlannedRow(
                row, "update" if changes else "unchanged", class_name, user, changes
            )
        )
    problems.sort(key=lambda p: p.row_number or 0)
    return Plan(planned, problems, new_classes)


def preview_data(plan, limit=500):
    """What the preview page shows, JSON-ready (first ``limit`` rows)."""
    return {
        "summary": plan.summary(),
        # The confirm step asks for the guardians' consent when this is not 0.
        "possible_minors": sum(
            may_be_minor(p.row.date_of_birth or (p.user and p.user.date_of_birth))
            for p in plan.rows
        ),
        "rows": [
            {
                "row": p.row.row_number,
                "action": p.action,
                "name": p.row.full_name,
                "class": p.class_name,
                "username": p.user.username if p.user else "",
                "changes": sorted(p.changes),
            }
            for p in plan.rows[:limit]
        ],
        "problems": [
            {"row": p.row_number, "column": p.column, "message": str(p.message)}
            for p in plan.problems
        ],
    }


def read_and_plan(job):
    with job.file.open("rb") as handle:
        parsed = read_roster(handle, job.filename)
    return parsed, make_plan(
        parsed, job.organisation, job.school_year, job.default_class_name
    )


def _hash_all(passwords, on_progress):
    """Hash in threads: PBKDF2 releases the GIL, so both cores work."""
    hashed = [None] * len(passwords)
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for index, value in enumerate(pool.map(hash_temporary_password, passwords)):
            hashed[index] = value
            if index % 50 == 49:
                on_progress(index + 1)
    on_progress(len(passwords))
    return hashed


def apply_plan(job, plan, on_progress=lambda done: None, before_commit=None):
    """Write the plan in one transaction. Returns [(user, temporary password)] for
    the accounts created, in slip order. ``before_commit(created)`` runs inside the
    transaction (the login slips): if it raises, nothing is written."""
    creates = [p for p in plan.rows if p.action == "create"]
    passwords = [temporary_password() for _ in creates]
    hashes = _hash_all(passwords, on_progress)
    allocator = UsernameAllocator(
        username_base(p.row.full_name, p.row.date_of_birth) for p in creates
    )
    with transaction.atomic():
        classes = {
            c.name: c
            for c in SchoolClass.objects.filter(
                organisation=job.organisation, school_year=job.school_year
            )
        }
        for name in plan.new_classes:
            if name not in classes:
                classes[name] = SchoolClass.objects.create(
                    organisation=job.organisation,
                    school_year=job.school_year,
                    name=name,
                    grade=_grade(name),
                )
        new_users = [
            _new_user(p.row, allocator, password_hash)
            for p, password_hash in zip(creates, hashes, strict=True)
        ]
        User.objects.bulk_create(new_users)
        if not all(u.pk for u in new_users):  # SQLite < 3.35 returns no ids
            by_name = User.objects.in_bulk(
                [u.username for u in new_users], field_name="username"
            )
            for user in new_users:
                user.pk = by_name[user.username].pk
        for planned, user in zip(creates, new_users, strict=True):
            planned.user = user
            user.class_name = planned.class_name
        updated = []
        for planned in plan.rows:
            if planned.action == "update":
                for name, value in planned.changes.items():
                    setattr(planned.user, name, value)
                planned.user.name_sort_key = vietnamese_sort_key(planned.user.full_name)
                planned.user.search_name = fold(planned.user.full_name)
                updated.append(planned.user)
        if updated:
            User.objects.bulk_update(
                updated,
                [
                    *UPDATABLE,
                    *OPTIONAL_UPDATABLE,
                    "citizen_id_digest",  # set with citizen_id (people/encryption.py)
                    "name_sort_key",
                    "search_name",
                ],
            )
            forget_users([user.pk for user in updated])  # no signal from bulk_update
        _ensure_memberships(job.organisation, plan.rows, classes)
        created = sorted(
            zip(new_users, passwords, strict=True),
            key=lambda pair: (pair[0].class_name, pair[0].name_sort_key),
        )
        # The legal basis the coordinator declared covers every learner of the file.
        record_roster_basis(job, [p.user for p in plan.rows])
        if before_commit is not None:
            before_commit(created)
    return created


def _grade(class_name):
    digits = ""
    for char in class_name:
        if not char.isdigit():
            break
        digits += char
    return int(digits) if digits and int(digits) <= 12 else None


def _new_user(row, allocator, password_hash):
    user = User(
        username=allocator.allocate(username_base(row.full_name, row.date_of_birth)),
        full_name=row.full_name,
        name_sort_key=vietnamese_sort_key(row.full_name),
        search_name=fold(row.full_name),
        date_of_birth=row.date_of_birth,
        gender=row.gender,
        student_code=row.student_code,
        citizen_id=row.citizen_id,
        email=row.email.lower(),
        phone=row.phone,
        password=password_hash,
        must_change_password=True,
    )
    return user


def _ensure_memberships(organisation, planned_rows, classes):
    """One learner membership per student and class; existing ones are kept."""
    wanted = {(p.user.pk, classes[p.class_name].pk) for p in planned_rows}
    have = set(
        Membership.objects.filter(
            user_id__in={user_id for user_id, _ in wanted},
            role=Membership.Role.LEARNER,
            school_class_id__in={class_id for _, class_id in wanted},
        ).values_list("user_id", "school_class_id")
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user_id=user_id,
                organisation=organisation,
                school_class_id=class_id,
                role=Membership.Role.LEARNER,
            )
            for user_id, class_id in wanted - have
        ],
        ignore_conflicts=True,
    )


def start_applying(job, basis=None):
    """Move a checked preview to "applying" once: a double click starts one run.
    ``basis`` (people.consent.declared_basis) is kept with the same UPDATE."""
    return bool(
        RosterImport.objects.filter(
            pk=job.pk, status=RosterImport.Status.PREVIEW
        ).update(
            basis=basis or {},
            status=RosterImport.Status.APPLYING,
            processed=0,
            queued_at=None,  # set again when the apply task is handed over
            updated_at=timezone.now(),
        )
    )
