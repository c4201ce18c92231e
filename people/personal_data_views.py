"""A learner's own personal data: the copy (page and JSON), contact details they
correct themselves, and their requests to correct or erase (people/data_requests.py).
Everything here is about the signed-in user alone: no id in any URL."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import personal_data
from .data_request_forms import ContactForm, LearnerRequestForm
from .data_requests import file_request, is_minor, open_request_of
from .models import User


def copy_response(subject, sections):
    """The JSON copy as a download named after the account and the day."""
    body = json.dumps(
        personal_data.as_json(subject, sections),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"du-lieu-ca-nhan-{subject.pk}-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _page(request, *, status=200, contact_form=None, request_form=None):
    user = request.user
    response = render(
        request,
        "people/personal_data/my_data.html",
        {
            "sections": personal_data.sections_for(user),
            "contact_form": contact_form or ContactForm(instance=user),
            "request_form": request_form or LearnerRequestForm(),
            "minor": is_minor(user),
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def my_data(request):
    return _page(request)


@login_required
def my_data_json(request):
    return copy_response(request.user, personal_data.sections_for(request.user))


@login_required
@require_POST
def update_contact(request):
    # A fresh row: an invalid form must not leave its values on request.user.
    account = User.objects.get(pk=request.user.pk)
    form = ContactForm(request.POST, instance=account)
    if not form.is_valid():
        return _page(request, status=400, contact_form=form)
    form.save()
    messages.success(request, _("Your contact details have been saved."))
    return redirect("people:my_data")


@login_required
@require_POST
def file_own_request(request):
    user = request.user
    if is_minor(user):
        messages.error(
            request,
            _(
                "You are under 18: ask your parent or guardian to write to your "
                "school's coordinator, who files the request for you."
            ),
        )
        return redirect("people:my_data")
    form = LearnerRequestForm(request.POST)
    if not form.is_valid():
        return _page(request, status=400, request_form=form)
    kind = form.cleaned_data["kind"]
    if open_request_of(user, kind) is not None:
        messages.info(request, _("You already have this request waiting."))
        return redirect("people:my_data")
    data_request = file_request(
        user,
        user,
        kind,
        details=form.cleaned_data["details"],
        revoke_certificates=form.cleaned_data["revoke_certificates"],
    )
    messages.success(
        request,
        _("Your request has been received; it will be handled by %(date)s.")
        % {"date": date_format(data_request.due_on, "SHORT_DATE_FORMAT")},
    )
    return redirect("people:my_data")
