"""Send users flagged "must change password" to the password change form first."""

from django.shortcuts import redirect
from django.urls import reverse


class ForcePasswordChangeMiddleware:
    """Accounts created from a roster get a temporary password that must be replaced."""

    allowed_url_names = ("people:password_change", "people:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse(name) for name in self.allowed_url_names}
            exempt = request.path.startswith(("/static/", "/ngon-ngu/"))
            if request.path not in allowed and not exempt:
                return redirect("people:password_change")
        return self.get_response(request)
