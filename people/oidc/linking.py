"""Which portal account a provider identity opens, and linking one to an account.

An identity (issuer + subject) opens the account it is linked to. Unlinked, it
opens the account carrying the same personal identification number, when the
provider vouches for that number (12 digits; ``OIDC_PERSONAL_ID_VERIFIED_CLAIM``),
and is linked to it from then on. Nothing else matches: never an e-mail address
(anyone may type one at a provider), never a new account (a learner must be placed
in a school or office by their coordinator). A learner signed in with their password
links their own identity. Every link is written to the audit log with it.
"""

import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .. import audit
from ..models import ExternalIdentity, Membership, User

# Why a sign-in or a link was refused: the message the person reads.
MESSAGES = {
    "cancelled": _(
        "Signing in with %(provider)s was cancelled or did not finish. Please try "
        "again."
    ),
    "session": _(
        "This sign-in with %(provider)s has expired or was started in another "
        "window. Please try again."
    ),
    "token": _(
        "The sign-in sent by %(provider)s could not be verified, so it was refused. "
        "Please try again."
    ),
    "expired": _(
        "The sign-in sent by %(provider)s has expired, so it was refused. Please "
        "sign in again."
    ),
    "unreachable": _(
        "%(provider)s cannot be reached right now. Please try again later, or sign "
        "in with your username and password."
    ),
    "unmatched": _(
        "No account of this portal is linked to this %(provider)s identity, so "
        "nobody was signed in. Sign in with the username and password on your login "
        "slip, then choose “Link %(provider)s” on your account page; or ask your "
        "coordinator to record your personal identification number."
    ),
    "mismatch": _(
        "The personal identification number sent by %(provider)s does not match "
        "this account, so it was refused. Please contact your coordinator."
    ),
    "taken": _("This %(provider)s identity is already linked to another account."),
    "other_link": _("This account is already linked to another %(provider)s identity."),
    "inactive": _("This account cannot sign in. Please contact your coordinator."),
}
PERSONAL_ID = re.compile(r"\d{12}")


class Refused(Exception):
    def __init__(self, reason, detail=""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def message_for(reason):
    return MESSAGES[reason] % {"provider": settings.OIDC_PROVIDER_NAME}


def personal_id_in(claims):
    """The 12-digit number the provider vouches for, or ''."""
    verified_claim = settings.OIDC_PERSONAL_ID_VERIFIED_CLAIM
    if verified_claim and claims.get(verified_claim) is not True:
        return ""
    number = str(claims.get(settings.OIDC_PERSONAL_ID_CLAIM) or "").strip()
    return number if PERSONAL_ID.fullmatch(number) else ""


def account_for(claims, issuer, *, link_to=None):
    """The account this identity opens (``link_to``: the signed-in learner linking
    it); raises ``Refused`` with the reason otherwise."""
    subject = str(claims["sub"])
    number = personal_id_in(claims)
    link = (
        ExternalIdentity.objects.filter(issuer=issuer, subject=subject)
        .select_related("user")
        .first()
    )
    if link_to is not None:
        if link is not None and link.user_id != link_to.pk:
            raise Refused("taken")
        user = link_to
    elif link is not None:
        user = link.user
    else:
        user = User.objects.with_citizen_id(number).first()
        if user is None:
            raise Refused("unmatched")
    if number and not _number_fits(user, number):
        raise Refused("mismatch")
    if not user.is_active:
        raise Refused("inactive")
    if link is None:
        method = (
            ExternalIdentity.Method.LEARNER
            if link_to is not None
            else ExternalIdentity.Method.PERSONAL_ID
        )
        _link(user, issuer, subject, method)
    return user


def _number_fits(user, number):
    """The number is the account's own, or (none recorded) nobody else's."""
    if user.citizen_id:
        return user.citizen_id == number
    return not User.objects.with_citizen_id(number).exists()


def _link(user, issuer, subject, method):
    if ExternalIdentity.objects.filter(user=user, issuer=issuer).exists():
        raise Refused("other_link")
    unit = (
        Membership.objects.placement(user.pk).select_related("organisation").first()
        or user.memberships.select_related("organisation").order_by("pk").first()
    )
    try:
        with transaction.atomic():
            ExternalIdentity.objects.create(
                user=user, issuer=issuer, subject=subject, method=method
            )
            audit.record(
                user,
                audit.Action.IDENTITY_LINK,
                target_user=user,
                organisation=unit.organisation if unit else None,
                after={"issuer": issuer, "subject": subject, "method": method},
            )
    except IntegrityError as error:  # linked a moment ago, by a second callback
        linked = ExternalIdentity.objects.filter(issuer=issuer, subject=subject)
        if not linked.filter(user=user).exists():
            raise Refused("taken") from error


def link_of(user):
    """The account's linked provider identity, if any (the account page)."""
    return user.external_identities.order_by("pk").first()
