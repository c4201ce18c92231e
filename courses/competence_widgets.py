"""The admin widget that picks competence tags.

Both frameworks reuse codes such as "1.1", so each box names its framework, and a
competence is indented under its domain."""

from django import forms


class CompetenceCheckboxes(forms.CheckboxSelectMultiple):
    def create_option(self, name, value, label, selected, index, **kwargs):
        tag = getattr(value, "instance", None)
        if tag is not None:
            indent = "\u2003" if tag.parent_id else ""
            label = f"{indent}{tag.framework_short} · {tag.code} {tag.name}"
        return super().create_option(name, value, label, selected, index, **kwargs)
