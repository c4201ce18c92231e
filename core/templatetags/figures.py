"""``{% load figures %}``: the one number format of core/figures.py in templates.

    {{ row.enrolled|number }}        1.654     (en: 1,654)
    {{ row.avg_days|number:1 }}      2,9       (en: 2.9)
    {{ row.rate|percent }}           2,9 %     (en: 2.9%); one decimal by default
    {{ attempt.score|percent:0 }}    80 %
None gives "—", so no ``{% if … is not None %}`` is needed around them.
"""

from django import template

from core import figures

register = template.Library()


@register.filter
def number(value, decimals=0):
    return figures.number(value, decimals)


@register.filter
def percent(value, decimals=1):
    return figures.percent(value, decimals)
