"""Personal identification numbers (12 digits): one home for showing and finding them.

``mask`` is what every page shows to a role that does not need the whole number;
``UserQuerySet.with_citizen_id`` is how code finds an account by its number, through
``digest`` (the keyed hash stored beside the encrypted number, people/encryption.py).

Who sees the whole number: the Django admin's superusers (who correct it), and the
coordinator who types it when adding a student or importing a roster (it is their
own input). Everyone else — department administrators on a person's page, the
admin's lists, audit entries — sees ``mask``; exports and login slips carry no number.
"""

from .encryption import keyed_digest

MASK_CHAR = "*"
SHOWN_DIGITS = 6


def mask(number):
    """'001204277361' → '******277361'; empty stays empty."""
    number = number or ""
    if len(number) <= SHOWN_DIGITS:
        return number
    return MASK_CHAR * (len(number) - SHOWN_DIGITS) + number[-SHOWN_DIGITS:]


def digest(number):
    """The keyed hash that finds ``number`` (spaces around it ignored); '' for none."""
    return keyed_digest((number or "").strip())
