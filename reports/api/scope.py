"""What a client may see: its organisation and everything below it (the same
prefix rule as people/scope.py), and personal IDs only if the department said so."""

from people.identity_numbers import mask


def in_subtree(queryset, client, field="organisation__path"):
    return queryset.filter(**{f"{field}__startswith": client.organisation.path})


def covers(client, organisation):
    return organisation is not None and organisation.path.startswith(
        client.organisation.path
    )


def personal_id(client, number):
    """The whole number for an authorised client, else the masked one."""
    if client.authorised_for_personal_data:
        return number or ""
    return mask(number)
