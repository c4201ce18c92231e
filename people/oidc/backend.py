"""The authentication backend the provider's callback runs through.

mozilla-django-oidc exchanges the code (with the PKCE verifier) and fetches the
claims; here the ID token is checked in full — signature, issuer, audience, expiry,
nonce — the user-info ``sub`` must be the ID token's, and ``linking`` picks the
account. A refusal is left on the request (``oidc_refusal``) for the callback view
to explain; it never raises out of ``authenticate``.
"""

import logging

import jwt
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ..auth_backends import UsernameOrEmailBackend
from . import linking, provider

logger = logging.getLogger(__name__)
LINK_SESSION_KEY = "oidc_link_user"
CLOCK_SKEW_SECONDS = 30


class PortalOIDCBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(provider.setting)

    def __init__(self, *args, **kwargs):
        # Django makes every backend for every sign-in, password ones included:
        # read the provider's settings only when a callback arrives.
        self.UserModel = get_user_model()

    def _configure(self):
        for name in (
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_RP_SIGN_ALGO",
        ):
            setattr(self, name, provider.setting(name, ""))
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, nonce=None, code_verifier=None):
        """Only the callback's call (``nonce``) reaches here; password sign-ins
        pass other credentials and skip this backend."""
        if request is None or nonce is None or not provider.is_enabled():
            return None
        try:
            self._configure()
            return super().authenticate(
                request, nonce=nonce, code_verifier=code_verifier
            )
        except linking.Refused as refusal:
            reason, detail = refusal.reason, str(refusal)
        except requests.HTTPError as error:  # the provider refused the code
            status = error.response.status_code if error.response is not None else 0
            reason = "token" if 400 <= status < 500 else "unreachable"
            detail = str(error)
        except jwt.ExpiredSignatureError as error:
            reason, detail = "expired", str(error)
        except (jwt.InvalidTokenError, SuspiciousOperation, KeyError) as error:
            reason, detail = "token", repr(error)
        except (requests.RequestException, provider.Unreachable, ValueError) as error:
            reason, detail = "unreachable", repr(error)
        logger.warning("OpenID Connect sign-in refused (%s)", detail)
        request.oidc_refusal = reason
        return None

    def retrieve_matching_jwk(self, token):
        """The provider's key that signed ``token``: from the cached key set, read
        again once if the key is not in it (the provider rotated its keys)."""
        header = jwt.get_unverified_header(token)
        for fresh in (False, True):
            keys = provider.signing_keys(self.OIDC_OP_JWKS_ENDPOINT, fresh=fresh)
            for key in keys.get("keys", []):
                if header.get("kid") in (None, key.get("kid")) and key.get("alg") in (
                    None,
                    header.get("alg"),
                ):
                    return jwt.PyJWK(key)
        raise linking.Refused("token", f"no published key {header.get('kid')!r}")

    def verify_token(self, token, **kwargs):
        """The ID token, verified: the key the provider publishes, the configured
        algorithm, issued by the issuer for this client, not expired, our nonce."""
        header = jwt.get_unverified_header(token)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise linking.Refused("token", f"algorithm {header.get('alg')!r}")
        if self.OIDC_RP_SIGN_ALGO.startswith(("RS", "ES", "PS")):
            key = self.retrieve_matching_jwk(token)
        else:
            key = self.OIDC_RP_CLIENT_SECRET
        payload = jwt.decode(
            token,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=provider.setting("OIDC_OP_ISSUER") or None,
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
        if "nonce" in kwargs and payload.get("nonce") != kwargs["nonce"]:
            raise linking.Refused("token", "nonce")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims with the user-info endpoint's (if there is one)
        added; the two must describe the same subject."""
        claims = {}
        if self.OIDC_OP_USER_ENDPOINT:
            response = requests.get(
                self.OIDC_OP_USER_ENDPOINT,
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=provider.setting("OIDC_TIMEOUT"),
            )
            response.raise_for_status()
            claims = response.json()
            if str(claims.get("sub")) != str(payload["sub"]):
                raise linking.Refused("token", "user-info sub is not the ID token's")
        return {**claims, **payload}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        request = self.request
        link_to = None
        if request.user.is_authenticated:
            if request.session.get(LINK_SESSION_KEY) != request.user.pk:
                raise linking.Refused("session", "signed in, but no link was asked")
            link_to = request.user
        request.oidc_name = str(claims.get(provider.setting("OIDC_NAME_CLAIM")) or "")
        return linking.account_for(claims, payload["iss"], link_to=link_to)

    def get_user(self, user_id):
        """Sessions opened here read the user like password ones (cached)."""
        return UsernameOrEmailBackend().get_user(user_id)
