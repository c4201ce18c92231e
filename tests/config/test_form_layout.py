"""includes/form.html, shared by the site's forms: a label above each field, a group
of choices as a fieldset whose legend names it, a lone checkbox with its label
beside it."""

import re

from django import forms
from django.template.loader import render_to_string


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name")
    place = forms.ChoiceField(
        label="Place", choices=[("a", "Here"), ("b", "There")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="Agree", required=False)


def _squash(html):
    return re.sub(r"\s+", " ", html)


def test_text_field_label_comes_before_its_input():
    html = _squash(render_to_string("includes/form.html", {"form": ExampleForm()}))
    label_then_input = r'<label for="id_name">Name.*?</label> <input [^>]*id="id_name"'
    assert re.search(label_then_input, html)


def test_radio_group_is_a_fieldset_named_by_its_legend():
    html = _squash(render_to_string("includes/form.html", {"form": ExampleForm()}))
    group = re.search(r'<fieldset class="field field-choices">(.*?)</fieldset>', html)
    assert group, html
    assert re.match(r" <legend>Place", group[1])
    # each choice keeps its own label around its radio button; no label for=""
    assert group[1].count('type="radio"') == 2
    assert 'for=""' not in html


def test_lone_checkbox_has_its_label_beside_it():
    html = _squash(render_to_string("includes/form.html", {"form": ExampleForm()}))
    assert re.search(
        r'<div class="field field-checkbox"> <input type="checkbox" name="agree" '
        r'id="id_agree"> <label for="id_agree">Agree</label>',
        html,
    ), html
