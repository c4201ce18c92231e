"""The learner dismisses a notice shown on My learning."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .notices import dismiss


@require_POST
@login_required
def dismiss_notice(request, notice_id):
    """Only the learner's own notice; anyone else's id changes nothing."""
    if not dismiss(request.user, notice_id):
        messages.info(request, _("That notice was already dismissed."))
    return redirect("courses:my_learning")
