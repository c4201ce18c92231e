"""Editors' promoted results, and the report of popular and fruitless searches."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SearchTermDay
from search.stats import popular_terms, zero_result_terms
from tests.factories import UserFactory
from tests.search.content import nfd

pytestmark = pytest.mark.django_db

URL = reverse("search")
REPORT = reverse("search_terms_report")


def promote(query_string, page, **fields):
    return SearchPromotion.objects.create(
        query=Query.get(query_string), page=page, sort_order=0, **fields
    )


@pytest.mark.parametrize("q", ["chuyen doi so", "CHUYỂN ĐỔI SỐ", nfd("chuyển đổi số")])
def test_promotion_matches_with_or_without_marks(client, catalogue, q):
    promote("Chuyển đổi số", catalogue.filing, description="Bắt đầu ở đây")
    response = client.get(URL, {"q": q})
    [promoted] = response.context["promoted"]
    assert promoted.url == catalogue.filing.url
    assert promoted.description == "Bắt đầu ở đây"
    # Shown once: the promoted page leaves the ordinary results.
    assert catalogue.filing.pk not in [r.page.pk for r in response.context["results"]]


def test_promotions_never_show_hidden_pages(client, catalogue):
    promote("dich vu cong", catalogue.draft)
    promote("dich vu cong", catalogue.private)
    response = client.get(URL, {"q": "dịch vụ công"})
    assert response.context["promoted"] == []


def test_external_promotion(client, catalogue):
    SearchPromotion.objects.create(
        query=Query.get("vneid"),
        external_link_url="https://vneid.gov.vn/",
        external_link_text="VNeID",
        sort_order=0,
    )
    [promoted] = client.get(URL, {"q": "VNeID"}).context["promoted"]
    assert promoted.url == "https://vneid.gov.vn/"


def test_searches_are_counted_with_zero_results_apart(client, catalogue):
    for q in ["Dịch vụ công", "dịch vụ công", "khongcogica", "dich vu cong"]:
        client.get(URL, {"q": q})
    client.get(URL, {"q": "dịch vụ công", "page": 2})  # later pages do not count
    client.get(URL, {"q": "   "})  # nor empty searches
    popular = {row["term"]: row["total"] for row in popular_terms()}
    assert popular == {"dịch vụ công": 2, "dich vu cong": 1, "khongcogica": 1}
    assert [(r["term"], r["total"]) for r in zero_result_terms()] == [
        ("khongcogica", 1)
    ]
    assert SearchTermDay.objects.count() == 3


def test_editors_group_sees_the_report(client, catalogue):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    editor.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.get(URL, {"q": "khongcogica"})
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="zero-result-searches"' in html
    assert "khongcogica" in html


def test_others_do_not(client, catalogue):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.force_login(user)
    response = client.get(REPORT)
    # Wagtail turns a refusal in its admin into a redirect to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
