"""The audit log of department administrators (issue 13.5): each sees the entries
about their area, in a fixed number of queries; the Wagtail admin shows it read-only
to superusers.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from people import audit
from people.models import AuditEntry
from tests.factories import (
    UserFactory,
)
from tests.people import department_area

pytestmark = pytest.mark.django_db

# The area, and its administrator signed in (tests/people/department_area.py).
area = department_area.area
admin_client = department_area.admin_client


def test_the_audit_log_shows_only_entries_about_the_area(client, area):
    from django.db import transaction

    with transaction.atomic():
        audit.record(
            area.admin, audit.Action.APPOINT, target_user=area.learner,
            organisation=area.school, after={"organisation": "A", "role": "viewer"},
        )  # fmt: skip
        audit.record(
            area.admin_b, audit.Action.APPOINT, target_user=area.outsider,
            organisation=area.school_b, after={"organisation": "B", "role": "viewer"},
        )  # fmt: skip
        audit.record(
            area.admin, audit.Action.MOVE, target_user=area.learner,
            organisation=area.school_b, other_organisation=area.school,
        )  # fmt: skip
    client.force_login(area.admin)
    url = reverse("people_admin:audit")
    entries = list(client.get(url).context["page"].object_list)
    assert len(entries) == 2 and all(
        area.school in (e.organisation, e.other_organisation) for e in entries
    )
    moves = client.get(url, {"hanh_dong": "move"}).context["page"].object_list
    assert [e.action for e in moves] == ["move"]
    client.force_login(area.admin_b)
    assert len(client.get(url).context["page"].object_list) == 2  # B's and the move


def test_the_audit_log_pages_in_a_fixed_number_of_queries(
    admin_client, area, django_assert_max_num_queries
):
    from django.db import transaction

    with transaction.atomic():
        for _n in range(60):
            audit.record(
                area.admin, audit.Action.APPOINT, target_user=area.learner,
                organisation=area.school, after={"role": "viewer"},
            )  # fmt: skip
    admin_client.get(reverse("people_admin:audit"))  # portal settings made once
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("people_admin:audit"))
    assert len(response.context["page"].object_list) == 50


def test_the_wagtail_admin_shows_the_audit_log_read_only_to_superusers(client, area):
    from django.db import transaction

    with transaction.atomic():
        audit.record(
            area.admin, audit.Action.APPOINT, target_user=area.learner,
            organisation=area.school, after={"role": "viewer"},
        )  # fmt: skip
    entry = AuditEntry.objects.get()
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    index = reverse("audit-log:index")
    assert client.get(index).status_code == 200
    assert client.get(reverse("audit-log:inspect", args=[entry.pk])).status_code == 200
    for name in ("audit-log:edit", "audit-log:delete"):
        assert client.post(reverse(name, args=[entry.pk]), {}).status_code in (
            302,
            403,
        )
    assert client.post(reverse("audit-log:add"), {"action": "move"}).status_code in (
        302,
        403,
    )
    assert AuditEntry.objects.count() == 1
    entry.refresh_from_db()
    assert entry.action == "appoint"
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(index).status_code in (302, 403)
