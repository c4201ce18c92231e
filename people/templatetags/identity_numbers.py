"""``{{ user.citizen_id|masked_id }}``: a personal ID as every page shows it to a
role that does not need the whole number (people/identity_numbers.py says who does)."""

from django import template

from ..identity_numbers import mask

register = template.Library()


@register.filter
def masked_id(number):
    return mask(number)
