"""The linking rules of people/oidc/linking.py that the flows against the provider
do not reach: an identity already someone else's, an account already linked to
another identity, a closed account — each refused, nothing linked or logged; and an
erased account's links go with its personal data."""

import pytest

from people.erasure import erase_user
from people.models import AuditEntry, ExternalIdentity
from people.oidc.linking import Refused, account_for
from people.personal_data import sections_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ISSUER = "https://vneid.example.vn"


def _refusal(claims, **kwargs):
    with pytest.raises(Refused) as refused:
        account_for(claims, ISSUER, **kwargs)
    return refused.value.reason


def test_links_are_one_to_one_and_only_for_open_accounts(settings):
    settings.OIDC_PERSONAL_ID_CLAIM = "personal_id"
    an = UserFactory(citizen_id="001204277361")
    binh = UserFactory()
    assert account_for({"sub": "a-1", "personal_id": an.citizen_id}, ISSUER) == an
    link = ExternalIdentity.objects.get(user=an)
    assert link.method == ExternalIdentity.Method.PERSONAL_ID
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IDENTITY_LINK)
    assert (entry.target_user, entry.after["subject"]) == (an, "a-1")
    # An's copy of his personal data shows the link (people/personal_data.py).
    copy = {section["key"]: section["rows"] for section in sections_for(an)}
    assert [row["subject"] for row in copy["sign_in_identities"]] == ["a-1"]

    # An's identity cannot be linked to Bình; An cannot take a second one.
    assert _refusal({"sub": "a-1"}, link_to=binh) == "taken"
    assert _refusal({"sub": "a-2", "personal_id": an.citizen_id}) == "other_link"
    # Linking again what is already An's is no change.
    assert account_for({"sub": "a-1"}, ISSUER, link_to=an) == an

    # A closed account opens nothing, even through its own link.
    an.is_active = False
    an.save()
    assert _refusal({"sub": "a-1"}) == "inactive"
    assert ExternalIdentity.objects.count() == 1
    assert AuditEntry.objects.count() == 1

    # Erasing the account (people/erasure.py) removes its way in.
    erase_user(an, actor=None)
    assert not ExternalIdentity.objects.exists()
