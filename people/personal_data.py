"""Everything the portal holds about one person, for their copy (JSON and a page).

People owns the copy but not every record in it, so each room registers the
sections it holds from its ``AppConfig.ready()`` (courses: enrolments, progress,
attempts, notices; certificates: certificates), like people/class_tabs.py. Each
section reads its rows in one query, so the copy costs one query per section
however much the person has done.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, DataRequest, ExternalIdentity, Membership


@dataclass(frozen=True)
class Section:
    key: str  # the name in the JSON copy
    title: Any  # a lazy translation
    columns: tuple  # (row key, lazy label) pairs, the page's table
    rows: Any  # callable(user) -> list of dicts; ONE query
    order: int
    choices: dict = field(default_factory=dict)  # row key -> TextChoices, for labels


_sections: dict[str, Section] = {}


def register(section):
    """Add or replace (by key) a section; registering twice is harmless."""
    _sections[section.key] = section


def sections_for(user):
    """[{"key", "title", "labels", "rows", "cells"}] in order; one query per
    section. ``rows`` are the stored values (the JSON copy), ``cells`` the same
    values as the page shows them (choice codes as their labels)."""
    found = []
    for section in sorted(_sections.values(), key=lambda s: s.order):
        rows = list(section.rows(user))
        found.append(
            {
                "key": section.key,
                "title": section.title,
                "labels": [label for _key, label in section.columns],
                "rows": rows,
                "cells": [_cells(section, row) for row in rows],
            }
        )
    return found


def _cells(section, row):
    cells = []
    for key, _label in section.columns:
        value = row.get(key)
        choices = section.choices.get(key)
        if choices is not None and value in choices.values:
            value = choices(value).label
        cells.append(value)
    return cells


def as_json(user, sections):
    """The machine-readable copy: stable keys, values as stored."""
    return {
        "format": "personal-data-copy/1",
        "account_id": user.pk,
        "sections": {s["key"]: s["rows"] for s in sections},
    }


# ------------------------------------------------------------------ people's own


def _account(user):
    # The user row is already loaded: no query.
    return [
        {
            "username": user.username,
            "full_name": user.full_name,
            "date_of_birth": user.date_of_birth,
            "gender": user.get_gender_display(),
            "student_code": user.student_code,
            "citizen_id": user.citizen_id,
            "email": user.email,
            "phone": user.phone,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        }
    ]


def _memberships(user):
    return user.memberships.order_by("created_at").values(
        "role", "organisation__name", "school_class__name", "created_at"
    )


def _audit(user):
    return AuditEntry.objects.filter(target_user=user).values(
        "created_at", "action", "actor__full_name", "organisation__name"
    )


def _requests(user):
    return DataRequest.objects.filter(subject=user).values(
        "received_at", "kind", "status", "due_on", "handled_at", "note"
    )


def _identities(user):
    return user.external_identities.order_by("linked_at").values(
        "issuer", "subject", "method", "linked_at"
    )


def register_people_sections():
    register(
        Section(
            "account",
            _("Account"),
            (
                ("username", _("user name")),
                ("full_name", _("full name")),
                ("date_of_birth", _("date of birth")),
                ("gender", _("gender")),
                ("student_code", _("student code / identification code")),
                ("citizen_id", _("personal identification number")),
                ("email", _("email address")),
                ("phone", _("phone number")),
                ("date_joined", _("account created")),
                ("last_login", _("last sign-in")),
            ),
            _account,
            order=0,
        )
    )
    register(
        Section(
            "memberships",
            _("Units and classes"),
            (
                ("role", _("role")),
                ("organisation__name", _("unit")),
                ("school_class__name", _("class")),
                ("created_at", _("since")),
            ),
            _memberships,
            order=10,
            choices={"role": Membership.Role},
        )
    )
    register(
        Section(
            "audit_entries",
            _("Changes recorded about you"),
            (
                ("created_at", _("when")),
                ("action", _("action")),
                ("actor__full_name", _("by")),
                ("organisation__name", _("unit")),
            ),
            _audit,
            order=90,
            choices={"action": AuditEntry.Action},
        )
    )
    register(
        Section(
            "data_requests",
            _("Your personal data requests"),
            (
                ("received_at", _("received")),
                ("kind", _("request")),
                ("status", _("status")),
                ("due_on", _("due")),
                ("handled_at", _("handled")),
                ("note", _("note")),
            ),
            _requests,
            order=100,
            choices={"kind": DataRequest.Kind, "status": DataRequest.Status},
        )
    )
    register(
        Section(
            "sign_in_identities",
            _("Sign-in identities (VNeID) linked to your account"),
            (
                ("issuer", _("issuer")),
                ("subject", _("subject")),
                ("method", _("how it was linked")),
                ("linked_at", _("linked at")),
            ),
            _identities,
            order=20,
            choices={"method": ExternalIdentity.Method},
        )
    )
