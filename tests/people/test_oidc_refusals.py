"""OpenID Connect sign-in refusals, against the real scratch provider
(tests/oidc_test_provider): the portal (Django's test client) runs the code flow
with PKCE, the provider signs the person in and sends the code back; what comes
back wrong — a replayed nonce, an expired ID token, an identity whose number is
not the linked account's, a state this browser never started — is refused with a
message on the sign-in page, and nobody is signed in. The browser test
(tests/browser/test_oidc_sign_in.py) walks the flows that succeed."""

import time
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from people.models import AuditEntry, ExternalIdentity
from people.oidc.backend import PortalOIDCBackend
from people.oidc.linking import message_for
from tests.factories import UserFactory
from tests.oidc_test_provider.fixtures import CLIENT, sign_in_at_provider

pytestmark = pytest.mark.django_db


@contextmanager
def _id_token_replaced_by(id_token):
    """The token endpoint's real answer, its ID token swapped for ``id_token``."""
    real_get_token = PortalOIDCBackend.get_token

    def get_token(backend, payload):
        return {**real_get_token(backend, payload), "id_token": id_token}

    PortalOIDCBackend.get_token = get_token
    try:
        yield
    finally:
        PortalOIDCBackend.get_token = real_get_token


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
    callback = sign_in_at_provider(oidc_provider, authorize, "an")
    session = client.session
    for state in session["oidc_states"].values():
        state["nonce"] = "nonce-of-another-sign-in"
    session.save()
    _refused(_come_back(client, callback), "token")

    # 2. A state this browser never started (the same callback again).
    _refused(_come_back(client, callback), "session")

    # 3. The provider's real answer with its ID token replaced by one signed with
    # the provider's own key: expired; or about someone else than the user info
    # the access token opens (Bình's ID token with An's user info).
    now = int(time.time())
    for who, issued, reason in (("an", now - 3600, "expired"), ("binh", now, "token")):
        callback = sign_in_at_provider(oidc_provider, _start(client), "an")
        nonce = next(iter(client.session["oidc_states"].values()))["nonce"]
        forged = oidc_provider.sign(
            {
                "iss": oidc_provider.issuer,
                "sub": oidc_provider.subjects[who],
                "aud": CLIENT["client_id"],
                "iat": issued,
                "exp": issued + 600,
                "nonce": nonce,
            }
        )
        with _id_token_replaced_by(forged):
            _refused(_come_back(client, callback), reason)

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
        _come_back(client, sign_in_at_provider(oidc_provider, _start(client), "dung")),
        "mismatch",
    )

    # 5. A number the provider has not verified opens nothing, although it is
    # the learner's; and an e-mail address never does.
    UserFactory(email="chi@example.vn")
    for who in ("em", "chi"):
        _refused(
            _come_back(client, sign_in_at_provider(oidc_provider, _start(client), who)),
            "unmatched",
        )

    # Nothing was linked or written to the log along the way.
    assert not ExternalIdentity.objects.exclude(user=other).exists()
    assert not AuditEntry.objects.filter(target_user=learner).exists()

    # The control: the same person, sent back untouched, is signed in.
    response = _come_back(
        client, sign_in_at_provider(oidc_provider, _start(client), "an")
    )
    assert response.wsgi_request.user == learner


def test_who_starts_what_once_configured(client, oidc_settings, oidc_provider):
    """Signing in is for visitors, linking for the signed-in (by a form); the
    return address alone, without a flow this browser started, signs nobody in."""
    learner = UserFactory()
    assert _start(client).startswith(oidc_provider.issuer)
    link = reverse("people:oidc_link")
    assert "/dang-nhap/" in client.post(link)["Location"]
    _refused(client.get(reverse("people:oidc_callback"), follow=True), "session")

    client.force_login(learner)
    assert client.get(reverse("people:oidc_sign_in"))["Location"] == "/"
    assert client.get(link).status_code == 405
    response = client.post(link)
    assert response["Location"].startswith(oidc_provider.issuer + "/authorize")
    account = client.get(reverse("people:password_change"))
    assert "Liên kết VNeID" in account.content.decode()
    assert oidc_provider.url in account["Content-Security-Policy"]
