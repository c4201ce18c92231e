import pytest
from django.contrib.auth.models import Group

from courses.models import Audience
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_editors_may_manage_the_audience_list_in_the_admin(client):
    editor = UserFactory(username="bientap", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    assert editor.has_perm("courses.add_audience")
    assert editor.has_perm("courses.change_audience")

    client.force_login(editor)
    response = client.post(
        "/admin/snippets/courses/audience/add/",
        {"name": "Cán bộ  xã", "slug": "can-bo-xa", "description": ""},
    )
    assert response.status_code == 302
    assert Audience.objects.get(slug="can-bo-xa").name == "Cán bộ xã"


def test_a_learner_without_admin_access_cannot_add_audiences(client):
    client.force_login(UserFactory(username="hocsinh"))
    response = client.post(
        "/admin/snippets/courses/audience/add/", {"name": "X", "slug": "x"}
    )
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not Audience.objects.filter(slug="x").exists()
