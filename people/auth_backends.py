"""Sign in with a username or an email address; the signed-in user from the cache."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from .user_cache import cached_user, remember_user


def account_for(login):
    """The account a typed username or e-mail names: an exact username first, else a
    single e-mail match (an e-mail shared by two accounts is ambiguous). Sign-in and
    its throttling (people/sign_in_throttle.py) both ask here."""
    login = (login or "").strip()
    if not login:
        return None
    matches = list(
        get_user_model()
        .objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
        .order_by("pk")[:2]
    )
    user = next((u for u in matches if u.username.lower() == login.lower()), None)
    if user is None and len(matches) == 1:
        user = matches[0]
    return user


class UsernameOrEmailBackend(ModelBackend):
    """Students know their username from the login slip; staff type their email."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = account_for(username)
        if user is None:
            get_user_model()().set_password(
                password
            )  # same work as a real check, against timing probes
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """The user a session belongs to: cached (people/user_cache.py), and refused
        when inactive just as Django's own lookup would."""
        user = cached_user(user_id)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                remember_user(user)
            return user
        return user if self.user_can_authenticate(user) else None
