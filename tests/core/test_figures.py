"""The one number format (core/figures.py, {% load figures %}), in both languages."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.figures import number, percent

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["1.654", "1.234.567", "2,9", "2,5", "40", "0", "—"]),
        ("en", ["1,654", "1,234,567", "2.9", "2.5", "40", "0", "—"]),
    ],
)
def test_number_groups_thousands_and_rounds_half_up(language, expected):
    with translation.override(language):
        assert [
            number(1654),
            number(1234567),
            number(2.94, 1),
            number(2.45, 1),  # a float 2.45 is 2.4499…: rounded as written
            number(40.0, 1),  # a whole number drops its zero decimals
            number(-0.04, 1),  # no "-0"
            number(None),
        ] == expected


def test_percent_vietnamese_has_a_no_break_space_before_the_sign():
    with translation.override("vi"):
        assert percent(2.9) == f"2,9{NBSP}%"
        assert percent(Decimal("10.0")) == f"10{NBSP}%"
        assert percent(1654.25) == f"1.654,3{NBSP}%"
        assert percent(79.5, 0) == f"80{NBSP}%"
        assert percent(None) == "—"
        assert percent("not a number") == "—"


def test_percent_english_is_closed_up():
    with translation.override("en"):
        assert percent(2.9) == "2.9%"
        assert percent(79.5, 0) == "80%"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", f"1.654 · 2,9{NBSP}% · 80{NBSP}% · 0,5 · — · —"),
        ("en", "1,654 · 2.9% · 80% · 0.5 · — · —"),
    ],
)
def test_template_filters_follow_the_active_language(language, expected):
    template = Template(
        "{% load figures %}{{ n|number }} · {{ rate|percent }} · "
        "{{ score|percent:0 }} · {{ days|number:1 }} · {{ none|percent }} · "
        "{{ none|number }}"
    )
    context = Context({"n": 1654, "rate": 2.94, "score": 80.0, "days": 0.5})
    with translation.override(language):
        assert template.render(context) == expected
