"""The statistics pages write numbers in the one format of the page's language
(core/figures.py): Vietnamese "57,1 %", English "57.1%"."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _dashboard(client, stats, language):
    client.force_login(stats.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    return response


def test_vietnamese_dashboard(client, stats):
    response = _dashboard(client, stats, "vi")
    rows = {row["label"]: row["rate"] for row in response.context["rows"]}
    assert sorted(rows.values()) == [33.3, 57.1]  # C2 1 of 3, C1 4 of 7
    html = response.content.decode()
    assert f"<strong>50{NBSP}%</strong>" in html  # 5 of 10
    assert f"<strong>70{NBSP}%</strong>" in html  # average best score
    assert f"<td>57,1{NBSP}%" in html and f"<td>33,3{NBSP}%" in html
    assert f">57,1{NBSP}%</text>" in html  # the chart says what the table says
    assert "57.1" not in html and "50%" not in html


def test_english_dashboard(client, stats):
    html = _dashboard(client, stats, "en").content.decode()
    assert "<strong>50%</strong>" in html
    assert "<td>57.1%" in html and ">57.1%</text>" in html
    assert f"{NBSP}%" not in html
