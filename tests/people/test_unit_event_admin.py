"""Merges and splits in the Wagtail admin: recorded with their effects, bad ones
refused with a message, and shown on the unit's page in Vietnamese."""

from datetime import date

import pytest
from django.urls import reverse

from people.models import Organisation, UnitEvent
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    province = OrganisationFactory(kind="province", official_code="19")
    return [
        OrganisationFactory(
            parent=Organisation.objects.get(pk=province.pk),
            kind="commune",
            official_code=f"0184{i}",
        )
        for i in range(3)
    ]


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _post(client, kind, old, new):
    return client.post(
        reverse("unit_events:add"),
        {
            "kind": kind,
            "date": "01/07/2025",
            "decision": "1683/NQ-UBTVQH15",
            "predecessors": [u.pk for u in old],
            "successors": [u.pk for u in new],
        },
    )


def test_admin_records_a_merge_and_refuses_a_bad_split(admin_client, units):
    a, b, c = units
    response = _post(admin_client, "split", [a], [b])
    assert response.status_code == 200
    assert "Chia tách chia một đơn vị cũ thành hai đơn vị kế thừa" in (
        response.content.decode()
    )
    assert not UnitEvent.objects.exists()
    assert _post(admin_client, "merge", [a, b], [c]).status_code == 302
    event = UnitEvent.objects.get()
    assert (event.kind, event.date) == ("merge", date(2025, 7, 1))
    a.refresh_from_db()
    assert a.succeeded_by == c and a.active_until == date(2025, 6, 30)
    page = admin_client.get(reverse("organisations:inspect", args=[a.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Mã đơn vị hành chính" in text and "01840" in text
    listing = admin_client.get(reverse("unit_events:index")).content.decode()
    assert "Sáp nhập" in listing
