"""View decorators for staff pages: signed in and holding the role, else a 404 (a
page someone may not use does not even confirm that it exists)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def role_required(check):
    """Decorate a view: anonymous users go to sign in; a signed-in user for whom
    ``check(user)`` is false gets a 404."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
