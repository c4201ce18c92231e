"""pytest fixtures around the scratch provider: one provider process per session,
its people, and the portal's settings pointing at it. Test modules import them."""

from urllib.parse import urljoin

import pytest

from .server import TestProvider

CLIENT = {"client_id": "cong-tap-huan", "client_secret": "bi-mat-thu-nghiem"}
CALLBACK_PATH = "/tai-khoan/vneid/tra-ve/"
PASSWORD = "mat-khau-vneid"  # noqa: S105
# Provider accounts: username -> claims (scope "vneid" carries the number).
PEOPLE = {
    "an": {
        "name": "Nguyễn Văn An",
        "personal_id": "001204277361",
        "personal_id_verified": True,
    },
    "binh": {
        "name": "Trần Thị Bình",
        "personal_id": "079305000123",
        "personal_id_verified": True,
    },
    "chi": {  # nobody's number on the portal; an e-mail that is someone's
        "name": "Lê Minh Chi",
        "personal_id": "001099000999",
        "personal_id_verified": True,
        "email": "chi@example.vn",
    },
    "dung": {
        "name": "Phạm Dũng",
        "personal_id": "036205001111",
        "personal_id_verified": True,
    },
    "em": {  # a number the provider has not verified
        "name": "Hoàng Em",
        "personal_id": "001204277361",
        "personal_id_verified": False,
    },
}


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """The provider, serving; ``.subjects`` maps its usernames to their ``sub``."""
    provider = TestProvider(tmp_path_factory.mktemp("oidc-provider"))
    users = [
        {"username": u, "password": PASSWORD, "claims": c} for u, c in PEOPLE.items()
    ]
    client = {**CLIENT, "redirect_uris": [f"http://testserver{CALLBACK_PATH}"]}
    provider.subjects = provider.start(clients=[client], users=users)
    provider.redirect_uris = client["redirect_uris"]
    yield provider
    provider.stop()


@pytest.fixture
def oidc_settings(settings, oidc_provider):
    """The portal configured for the provider by its issuer alone (discovery)."""
    settings.OIDC_OP_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT["client_id"]
    settings.OIDC_RP_CLIENT_SECRET = CLIENT["client_secret"]
    settings.OIDC_RP_SCOPES = "openid profile vneid"
    settings.OIDC_PERSONAL_ID_VERIFIED_CLAIM = "personal_id_verified"
    return settings


def allow_redirect_to(provider, base_url):
    """Register the portal at ``base_url`` (a live server) with the provider."""
    uri = urljoin(base_url, CALLBACK_PATH)
    if uri not in provider.redirect_uris:
        provider.redirect_uris.append(uri)
        provider.add(clients=[{**CLIENT, "redirect_uris": provider.redirect_uris}])


def sign_in_at_provider(provider, authorize_url, username):
    """What a browser does at the provider: sign in, and come back with the URL the
    provider sends it to (the portal's callback with ``code`` and ``state``)."""
    return provider.authorize(provider.signed_in(username, PASSWORD), authorize_url)
