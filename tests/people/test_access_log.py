"""Staff looking at a person's data leave an entry in the access log, readable by
the administrators of the person's unit; the number itself is shown masked."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.audit import entries_for
from people.models import AuditEntry, Membership, User
from tests.people.department_area import Area, area  # noqa: F401

VIEWED = AuditEntry.Action.PERSONAL_VIEW
NUMBER = "001204277361"


def views(**fields):
    return AuditEntry.objects.filter(action=VIEWED, **fields)


def test_slips_and_person_pages_are_logged_and_the_number_is_masked(
    client,
    area,  # noqa: F811
):
    coordinator = Area.staff(area.school, Membership.Role.COORDINATOR, "gv_a")
    client.force_login(coordinator)
    add = reverse("coordinator:add_student", args=[area.class_a.pk])
    response = client.post(add, {"full_name": "Hoàng Minh Đức", "citizen_id": NUMBER})
    assert response["Content-Type"] == "application/pdf"
    student = User.objects.with_citizen_id(NUMBER).get()
    slip = views(target_user=student).get()
    assert (slip.actor, slip.organisation) == (coordinator, area.school)
    assert slip.after["what"] == "login_slips"

    # The same number again is refused on the form, and nothing is logged.
    response = client.post(add, {"full_name": "Hoàng Minh Đạt", "citizen_id": NUMBER})
    assert response.status_code == 400
    assert "citizen_id" in response.context["form"].errors
    assert views().count() == 1

    # New slips for the whole class: one INSERT into the log for all of them.
    for name in ("An", "Bình"):
        Area.learner_in(area.class_a, full_name=f"Trần Văn {name}")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("coordinator:reset_passwords", args=[area.class_a.pk])
        )
    assert response["Content-Type"] == "application/pdf"
    inserts = [q for q in queries if 'INTO "people_auditentry"' in q["sql"]]
    assert len(inserts) == 2  # the password resets, then the slips seen
    assert views().count() == 1 + 4  # Đức, An, Bình and the area's learner

    # A department administrator sees the number masked, and the visit is logged.
    client.force_login(area.admin)
    response = client.get(reverse("people_admin:person", args=[student.pk]))
    page = response.content.decode()
    assert "******277361" in page and NUMBER not in page
    visit = views(target_user=student, actor=area.admin).get()
    assert (visit.after["what"], visit.organisation) == ("person_page", area.school)

    # Both are in the audit log of the unit's administrators, not another commune's.
    response = client.get(reverse("people_admin:audit"), {"hanh_dong": VIEWED})
    shown = list(response.context["page"].object_list)
    assert slip in shown and visit in shown
    assert "Phiếu đăng nhập" in response.content.decode()
    assert not set(entries_for(area.admin_b)) & {slip, visit}
