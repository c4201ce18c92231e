"""Staff pages of personal data requests, under /yeu-cau-du-lieu/: the list (the
coordinator's school, the administrator's subtree), a guardian's request filed by
the school, one request with its handling, and the copy handed over for an access
request. Every id goes through people/data_requests.py: 404 outside the user's units.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import audit, data_requests, personal_data
from .data_request_forms import GuardianRequestForm, HandleForm
from .guards import role_required
from .models import DataRequest
from .personal_data_views import copy_response

PER_PAGE = 50


# Signed in and coordinator or department administrator; others get a 404.
handler_required = role_required(data_requests.is_handler)


@handler_required
def request_list(request):
    waiting_only = request.GET.get("tat-ca") != "1"
    found = data_requests.requests_for(request.user).select_related(
        "subject", "organisation"
    )
    if waiting_only:
        found = found.open().order_by("due_on", "pk")
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "people/data_requests/list.html",
        {
            "page": page,
            "waiting_only": waiting_only,
            "query_string": "" if waiting_only else "tat-ca=1&",
            "overdue": data_requests.requests_for(request.user).overdue().count(),
        },
    )


@handler_required
def file_for_guardian(request, user_id):
    learner = data_requests.learner_for_coordinator(request.user, user_id)
    form = GuardianRequestForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            filed = data_requests.file_request(
                learner,
                request.user,
                data["kind"],
                guardian_name=data["guardian_name"],
                details=data["details"],
                revoke_certificates=data["revoke_certificates"],
            )
            messages.success(request, _("The request has been recorded."))
            return redirect("data_requests:detail", filed.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "people/data_requests/file.html",
        {"learner": learner, "form": form, "minor": data_requests.is_minor(learner)},
        status=status,
    )


def _detail(request, data_request, form=None, status=200):
    return render(
        request,
        "people/data_requests/detail.html",
        {
            "item": data_request,
            "form": form or HandleForm(data_request=data_request),
        },
        status=status,
    )


@handler_required
def detail(request, request_id):
    return _detail(request, data_requests.request_for(request.user, request_id))


@handler_required
@require_POST
def handle(request, request_id):
    item = data_requests.request_for(request.user, request_id)
    form = HandleForm(request.POST, data_request=item)
    if item.status != DataRequest.Status.OPEN:
        messages.error(request, _("This request has already been handled."))
        return redirect("data_requests:detail", item.pk)
    if not form.is_valid():
        return _detail(request, item, form, status=400)
    try:
        data_requests.handle(
            item, request.user, form.cleaned_data["status"], form.cleaned_data["note"]
        )
    except data_requests.RequestRefused:
        messages.error(request, _("This request has already been handled."))
    else:
        messages.success(request, _("The request has been handled."))
    return redirect("data_requests:detail", item.pk)


def _access_request(request, request_id):
    """An access request in the user's units, its handing-over logged."""
    item = data_requests.request_for(request.user, request_id)
    if item.kind != DataRequest.Kind.ACCESS:
        raise Http404
    with transaction.atomic():
        audit.record(
            request.user,
            audit.Action.PERSONAL_VIEW,
            target_user=item.subject,
            organisation=item.organisation,
            after={"request_id": item.pk},
        )
    return item


@handler_required
def subject_copy(request, request_id):
    item = _access_request(request, request_id)
    response = render(
        request,
        "people/data_requests/copy.html",
        {"item": item, "sections": personal_data.sections_for(item.subject)},
    )
    response["Cache-Control"] = "no-store"
    return response


@handler_required
def subject_copy_json(request, request_id):
    item = _access_request(request, request_id)
    return copy_response(item.subject, personal_data.sections_for(item.subject))
