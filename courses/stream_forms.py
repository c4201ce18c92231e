"""StreamField form values that survive hand-made or damaged posts.

Wagtail's editor posts a StreamField as ``body-count``, ``body-0-type``,
``body-0-value`` … and rich text as the editor's JSON. Reading those is not guarded:
a missing count, a non-number or raw HTML where the editor's JSON belongs raises
inside ``value_from_datadict`` and the page editor answers 500. Here a value that
cannot be read becomes a form error on that field; the form is shown again with the
saved content, and nothing is saved.

Registered for every StreamField of every Wagtail admin form (courses/apps.py).
"""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.blocks.base import BlockField, BlockWidget

logger = logging.getLogger(__name__)

MALFORMED_MESSAGE = _(
    "The editor's data for this field could not be read (it was damaged or not "
    "sent by the editor). Nothing was saved; reload the page and try again."
)


class Malformed:
    """What the widget returns for data it cannot read."""

    def __init__(self, error):
        self.error = error


class GuardedBlockWidget(BlockWidget):
    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except Exception as error:  # any parser failure means: not the editor's data
            logger.info("unreadable StreamField data for %s: %r", name, error)
            return Malformed(error)


class GuardedBlockField(BlockField):
    def __init__(self, block=None, **kwargs):
        kwargs.setdefault("widget", GuardedBlockWidget(block))
        super().__init__(block, **kwargs)

    def clean(self, value):
        if isinstance(value, Malformed):
            raise ValidationError(MALFORMED_MESSAGE, code="malformed")
        return super().clean(value)

    def bound_data(self, data, initial):
        # Shown again: the saved content, not the damaged post.
        return initial if isinstance(data, Malformed) else data

    def has_changed(self, initial_value, data_value):
        if isinstance(data_value, Malformed):
            return True
        return super().has_changed(initial_value, data_value)


def register():
    from wagtail.admin.forms.models import register_form_field_override
    from wagtail.fields import StreamField

    register_form_field_override(
        StreamField, override={"form_class": GuardedBlockField}
    )
