"""Wagtail 8.0.1 admin code that answers 500 to a hand-made post; found by the fuzz
suite (tests/fuzz). Each patch is the smallest change that turns the crash into the
form's own error; drop it when Wagtail fixes the code (not yet reported upstream at
the time of writing: check wagtail/wagtail issues for "URLOrAbsolutePathField",
"CopyView new_parent_page", "BaseChooser.get_instance", "chooser CreateView" and
"TaskChooserCreateView HttpResponseBadRequest").
"""

from django.core.exceptions import ValidationError
from django.views.generic.edit import FormView


def _choosers_ignore_bad_ids():
    """A form shown again with a chooser holding a posted non-id ("nhà", 10**30)
    crashes while rendering the chooser: show it empty instead (the field's own
    validation already says the value is wrong)."""
    from wagtail.admin.widgets.chooser import BaseChooser

    original = BaseChooser.get_instance

    def get_instance(self, value):
        try:
            return original(self, value)
        except (ValueError, TypeError, OverflowError, ValidationError):
            return None

    BaseChooser.get_instance = get_instance


def _url_or_path_accepts_nothing():
    """``URLOrAbsolutePathField.to_python(None)`` calls ``None.startswith``: a post
    to /admin/choose-external-link/ without the url field is a 500."""
    from wagtail.admin.forms.choosers import URLOrAbsolutePathField

    original = URLOrAbsolutePathField.to_python

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        return original(self, value)

    URLOrAbsolutePathField.to_python = to_python


def _copy_needs_a_parent():
    """``CopyView.post`` reads ``request.POST["new_parent_page"]`` unchecked: missing,
    not a number or not a page is a 500. Then the form says what is wrong."""
    from wagtail.admin.views.pages.copy import CopyView
    from wagtail.models import Page

    original = CopyView.post

    def post(self, request, page_id, *args, **kwargs):
        raw = request.POST.get("new_parent_page", "")
        if raw.isdigit() and Page.objects.filter(pk=int(raw)).exists():
            return original(self, request, page_id, *args, **kwargs)
        # parent_page stays the page's own parent (set in dispatch)
        return FormView.post(self, request, page_id, *args, **kwargs)

    CopyView.post = post


def _chooser_create_needs_a_form():
    """A chooser's create view for a model without a creation form (e.g. the
    audience snippet) calls ``None.is_valid()`` on a post: there is nothing to
    create there, so it is a 404."""
    from django.http import Http404
    from wagtail.admin.views.generic.chooser import CreateViewMixin

    original = CreateViewMixin.dispatch

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return original(self, request, *args, **kwargs)

    CreateViewMixin.dispatch = dispatch


def _task_chooser_says_why():
    """The workflow task chooser answers an empty 400 when no task type may be
    created (none chosen, or the user may not create tasks): say why."""
    from django.http import HttpResponseBadRequest
    from django.utils.translation import gettext as _
    from wagtail.admin.views.workflows import TaskChooserCreateView

    original = TaskChooserCreateView.post

    def post(self, request):
        if not self.get_create_form_class():
            return HttpResponseBadRequest(
                _("No task can be created here: choose a task type you may create."),
                content_type="text/plain; charset=utf-8",
            )
        return original(self, request)

    TaskChooserCreateView.post = post


def apply():
    _task_chooser_says_why()
    _chooser_create_needs_a_form()
    _choosers_ignore_bad_ids()
    _url_or_path_accepts_nothing()
    _copy_needs_a_parent()
