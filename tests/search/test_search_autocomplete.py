"""Suggestions as the visitor types: partial words, no marks needed, nothing hidden."""

import pytest
from django.urls import reverse

from tests.search.content import nfd

pytestmark = pytest.mark.django_db

URL = reverse("search_autocomplete")


def titles(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [item["title"] for item in response.json()["results"]]


@pytest.mark.parametrize("q", ["dich v", "dịch v", "DICH VU CO", nfd("dịch vụ cô")])
def test_partial_words_with_or_without_marks(client, catalogue, q):
    assert set(titles(client, q)) == {
        "Dịch vụ công trực tuyến",
        "Nộp hồ sơ qua dịch vụ công",
    }


def test_partial_word_for_the_union(client, catalogue):
    assert set(titles(client, "doa")) == {
        "Chuyển đổi số cho đoàn viên",
        "Đoàn viên đi đầu",
        "Dự đoán rủi ro trên mạng",
    }
    # The marked word typed in full puts its exact titles first.
    assert titles(client, "Đoàn")[-1] == "Dự đoán rủi ro trên mạng"


def test_suggestions_carry_url_kind_and_course(client, catalogue):
    response = client.get(URL, {"q": "nop ho"})
    [item] = response.json()["results"]
    assert item["url"] == catalogue.filing.url
    assert item["course"] == "Dịch vụ công trực tuyến"
    assert item["kind"]
    assert "private" in response["Cache-Control"]


def test_no_drafts_private_pages_or_quizzes(client, catalogue):
    shown = titles(client, "ban nhap") + titles(client, "bai rieng")
    shown += titles(client, "kiem tra")
    assert shown == []


@pytest.mark.parametrize("q", ["", "d", "?", "x" * 5000, '" OR *'])
def test_short_or_odd_input_gives_no_suggestions_and_no_error(client, catalogue, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_query_count_is_constant(client, catalogue, django_assert_max_num_queries):
    client.get(URL, {"q": "dich"})
    with django_assert_max_num_queries(6):
        client.get(URL, {"q": "dich"})
