"""OpenID Connect sign-in refusals, against the real scratch provider
(tests/oidc_test_provider): the portal (Django's test client) runs the code flow
with PKCE, the provider signs the person in and sends the code back; what comes
back wrong — a replayed nonce, an expired ID token, an identity whose number is
not the linked account's, a state this browser never started — is refused with a
message on the sign-in page, and nobody is signed in. The browser test
(tests/browser/test_oidc_sign_in.py) walks the flows that succeed."""

import time
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from people.models import AuditEntry, ExternalIdentity
from people.oidc.backend import PortalOIDCBackend
from people.oidc.linking import message_for
from tests.factories import UserFactory
from tests.oidc_test_provider.fixtures import (  # noqa: F401  (fixtures)
    CLIENT,
    oidc_provider,
    oidc_settings,
    sign_in_at_provider,
)

pytestmark = pytest.mark.django_db


def _start(client):
    response = client.get(reverse("people:oidc_sign_in"))
    assert response.status_code == 302
    return response["Location"]


def _come_back(client, callback_url):
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}", follow=True)


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def _refused(response, reason):
    assert response.redirect_chain[-1][0] == reverse("people:login")
    assert not response.wsgi_request.user.is_authenticated
    assert _messages(response) == [message_for(reason)]


def test_off_until_configured(client, home_page):
    """No provider configured: no button, and the routes do nothing."""
    page = client.get(reverse("people:login"))
    assert "VNeID" not in page.content.decode()
    for name in ("people:oidc_sign_in", "people:oidc_callback"):
        assert client.get(reverse(name)).status_code == 404
    assert client.post(reverse("people:oidc_link")).status_code == 404


def test_what_comes_back_wrong_is_refused(client, oidc_settings, oidc_provider):
    learner = UserFactory(full_name="Nguyễn Văn An", citizen_id="001204277361")
    # The start page sends PKCE, state and nonce to the provider.
    authorize = _start(client)
    assert authorize.startswith(oidc_provider.issuer + "/authorize")
    for parameter in ("code_challenge=", "code_challenge_method=S256", "nonce="):
        assert parameter in authorize

    # 1. The nonce this browser holds is not the one in the ID token (a token
    # obtained for another sign-in, replayed).
    callback = sign_in_at_provider(authorize, "an")
    session = client.session
    for state in session["oidc_states"].values():
        state["nonce"] = "nonce-of-another-sign-in"
    session.save()
    _refused(_come_back(client, callback), "token")

    # 2. A state this browser never started (the same callback again).
    _refused(_come_back(client, callback), "session")

    # 3. An ID token past its expiry, signed with the provider's own key.
    issued = int(time.time()) - 3600
    real_get_token = PortalOIDCBackend.get_token

    def expired_token(backend, payload):
        answer = real_get_token(backend, payload)
        answer["id_token"] = oidc_provider.sign(
            {
                "iss": oidc_provider.issuer,
                "sub": oidc_provider.subjects["an"],
                "aud": CLIENT["client_id"],
                "iat": issued,
                "exp": issued + 600,
                "nonce": nonce,
            }
        )
        return answer

    callback = sign_in_at_provider(_start(client), "an")
    nonce = next(iter(client.session["oidc_states"].values()))["nonce"]
    PortalOIDCBackend.get_token = expired_token
    try:
        _refused(_come_back(client, callback), "expired")
    finally:
        PortalOIDCBackend.get_token = real_get_token

    # 4. The provider's number is not the number of the account its identity is
    # linked to (the link says one person, the number another).
    other = UserFactory(citizen_id="036205009999")
    ExternalIdentity.objects.create(
        user=other,
        issuer=oidc_provider.issuer,
        subject=oidc_provider.subjects["dung"],
        method=ExternalIdentity.Method.LEARNER,
    )
    _refused(
        _come_back(client, sign_in_at_provider(_start(client), "dung")),
        "mismatch",
    )

    # 5. A number the provider has not verified opens nothing, although it is
    # the learner's; and an e-mail address never does.
    UserFactory(email="chi@example.vn")
    for who in ("em", "chi"):
        _refused(
            _come_back(client, sign_in_at_provider(_start(client), who)),
            "unmatched",
        )

    # Nothing was linked or written to the log along the way.
    assert not ExternalIdentity.objects.exclude(user=other).exists()
    assert not AuditEntry.objects.filter(target_user=learner).exists()

    # The control: the same person, sent back untouched, is signed in.
    response = _come_back(client, sign_in_at_provider(_start(client), "an"))
    assert response.wsgi_request.user == learner
