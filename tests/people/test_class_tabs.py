"""people.class_tabs: each room registers its tab on a class's pages; people's
template renders whatever is registered, in order."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from people import class_tabs
from people.class_tabs import ClassTab
from tests.factories import SchoolClassFactory

pytestmark = pytest.mark.django_db


def test_the_rooms_above_register_their_tabs_in_order():
    school_class = SchoolClassFactory()
    tabs = class_tabs.tabs_for(school_class)
    assert [tab["key"] for tab in tabs] == [
        "members",
        "courses",
        "progress",
        "certificates",
    ]
    assert tabs[1]["url"] == reverse("class_courses:list", args=[school_class.pk])
    assert tabs[2]["url"] == reverse("class_progress:progress", args=[school_class.pk])
    assert tabs[3]["url"] == reverse(
        "certificates:class_certificates", args=[school_class.pk]
    )


def test_a_registered_tab_appears_and_is_marked_current(monkeypatch):
    monkeypatch.setattr(class_tabs, "_tabs", dict(class_tabs._tabs))
    class_tabs.register(ClassTab("extra", "Extra", "coordinator:sign_in_waits", 25))
    school_class = SchoolClassFactory()
    html = render_to_string(
        "people/coordinator/_class_tabs.html",
        {"school_class": school_class, "tab": "extra"},
    )
    url = reverse("coordinator:sign_in_waits", args=[school_class.pk])
    assert f'<a href="{url}" aria-current="page">Extra</a>' in html
    assert html.count("aria-current") == 1
    assert html.index(url) < html.index(
        reverse("class_progress:progress", args=[school_class.pk])
    )


def test_people_renders_only_its_own_tab_when_no_other_room_registers(monkeypatch):
    monkeypatch.setattr(class_tabs, "_tabs", {"members": class_tabs._tabs["members"]})
    school_class = SchoolClassFactory()
    html = render_to_string(
        "people/coordinator/_class_tabs.html",
        {"school_class": school_class, "tab": "members"},
    )
    assert html.count("<a ") == 1
    assert reverse("coordinator:class", args=[school_class.pk]) in html
    assert "khoa-hoc" not in html and "tien-do" not in html
