"""``{% class_tabs school_class as tabs %}``: the tabs of people.class_tabs."""

from django import template

from ..class_tabs import tabs_for

register = template.Library()


@register.simple_tag
def class_tabs(school_class):
    return tabs_for(school_class)
