"""The claims each provider user carries, from the claims file the tests write
(``server.TestProvider.add_user``): a name and, under the scope ``vneid``, a personal
identification number and whether the provider verified it."""

import json

from django.conf import settings
from oidc_provider.lib.claims import ScopeClaims


def _claims_of(user):
    path = settings.DIR / "claims.json"
    every = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return every.get(user.username, {})


def userinfo(claims, user):
    claims["name"] = _claims_of(user).get("name", "")
    return claims


class PersonalIdClaims(ScopeClaims):
    def scope_vneid(self):
        own = _claims_of(self.user)
        return {key: own[key] for key in own if key != "name"}
