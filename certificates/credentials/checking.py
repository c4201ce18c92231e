"""Judging a credential someone pastes or uploads: valid, revoked or tampered.

Accepts what the portal hands out (the ``.json`` with the enveloped JWS and its
readable copy), the bare compact JWS, or the envelope alone. Everything is checked
against the published keys and the status list, exactly as an outside verifier
would; the database is read only to say when a certificate was revoked.
"""

import json
from dataclasses import dataclass, field
from datetime import date

from ..codes import normalise_code
from ..models import Certificate
from . import jws, status_list
from .issuer import MEDIA_TYPE, TYP

MAX_BYTES = 64 * 1024  # a credential is a few KiB; anything bigger is not one
DATA_PREFIX = f"data:{MEDIA_TYPE},"


class Unreadable(ValueError):
    """Not something that could be a credential at all."""


@dataclass
class Verdict:
    state: str  # "valid", "revoked" or "tampered"
    reason: str = ""  # why tampered (the template words each reason)
    facts: dict = field(default_factory=dict)  # nothing from a tampered one is shown
    certificate: Certificate | None = None


def _token_and_copy(text):
    """(compact JWS, readable copy or None) from the pasted text."""
    text = text.strip().lstrip("\ufeff")
    if text.startswith("ey") and text.count(".") == 2 and " " not in text:
        return text, None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise Unreadable("not JSON") from exc
    if not isinstance(data, dict):
        raise Unreadable("not a JSON object")
    envelope = data.get("id")
    if isinstance(envelope, str) and envelope.startswith(DATA_PREFIX):
        return envelope[len(DATA_PREFIX) :], data.get("credential")
    return None, data


def _day(value):
    """The date of an ISO timestamp, or None: shown the Vietnamese way."""
    try:
        return date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None


def facts(payload):
    """What the verification page shows, from a credential's claims."""
    subject = payload.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    issuer = payload.get("issuer")
    names = [
        item.get("identityHash", "")
        for item in subject.get("identifier") or []
        if isinstance(item, dict) and item.get("identityType") == "name"
    ]
    tags = achievement.get("tag")
    return {
        "id": str(payload.get("id", "")),
        "holder": names[0] if names else "",
        "course": str(achievement.get("name", "")),
        "issuer": str(issuer.get("name", "") if isinstance(issuer, dict) else ""),
        "tags": [str(t) for t in tags] if isinstance(tags, list) else [],
        "hours": achievement.get("creditsAvailable"),
        "issued": _day(payload.get("validFrom")),
        "completed": _day(subject.get("activityEndDate")),
    }


def _certificate_of(payload):
    code = str(payload.get("id", "")).rstrip("/").rsplit("/", 1)[-1]
    code = normalise_code(code)
    return Certificate.objects.filter(verification_code=code).first() if code else None


def _revoked(payload):
    entry = payload.get("credentialStatus")
    if not isinstance(entry, dict):
        return False
    try:
        index = int(entry.get("statusListIndex", ""))
        return status_list.is_set(status_list.list_credential(), index)
    except (TypeError, ValueError):
        return False


def check(text):
    """The verdict on ``text``; raises Unreadable for what is no credential."""
    token, copy = _token_and_copy(text)
    if token is None:
        return Verdict("tampered", "unsigned")
    try:
        payload = jws.verify(token, TYP)
    except jws.BadJWS as exc:
        try:
            jws.unverified(token)
        except jws.BadJWS:
            raise Unreadable("not a credential") from exc
        reason = "unknown_key" if isinstance(exc, jws.UnknownKey) else "signature"
        return Verdict("tampered", reason)
    if copy is not None and copy != payload:
        return Verdict("tampered", "copy_edited")
    if "OpenBadgeCredential" not in (payload.get("type") or []):
        raise Unreadable("not an Open Badges credential")
    certificate = _certificate_of(payload)
    state = "revoked" if _revoked(payload) else "valid"
    return Verdict(state, "", facts(payload), certificate)
