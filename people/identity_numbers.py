"""Personal identification numbers (12 digits): one home for showing and finding them.

``mask`` is what every page shows to a role that does not need the whole number;
``UserQuerySet.with_citizen_id`` is how code finds an account by its number.
"""

MASK_CHAR = "*"
SHOWN_DIGITS = 6


def mask(number):
    """'001204277361' → '******277361'; empty stays empty."""
    number = number or ""
    if len(number) <= SHOWN_DIGITS:
        return number
    return MASK_CHAR * (len(number) - SHOWN_DIGITS) + number[-SHOWN_DIGITS:]
