"""The badges of courses.enrolment_badges on the learner's pages.

``{% attach_enrolment_badges enrolments %}`` loads them for a list (My learning);
``{% enrolment_badges enrolment %}`` renders one enrolment's badges, in order;
``kind="programme"`` does the same for programme completions.
"""

from django import template
from django.utils.html import format_html_join

from .. import enrolment_badges

register = template.Library()


@register.simple_tag
def attach_enrolment_badges(enrolments, kind="enrolment"):
    enrolment_badges.attach(enrolments, kind)
    return ""


@register.simple_tag(takes_context=True, name="enrolment_badges")
def render_enrolment_badges(context, enrolment, kind="enrolment"):
    if enrolment is None:
        return ""
    parts = []
    for badge, value in enrolment_badges.badges_of(enrolment, kind):
        # As {% include ... with name=value %}: the page's context plus the value.
        badge_template = context.template.engine.get_template(badge.template_name)
        with context.push(**{badge.context_name: value}):
            parts.append(badge_template.render(context))
    return format_html_join("", "{}", ((part,) for part in parts))
