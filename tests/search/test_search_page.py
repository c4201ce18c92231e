"""The search page: accent-insensitive matches, exact words first, nothing hidden."""

import pytest
from django.conf import settings
from django.urls import reverse

from search.query import searchable_page_models
from tests.search.content import lesson, nfd

pytestmark = pytest.mark.django_db

URL = reverse("search")


def found(client, q, **params):
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return [result.page.pk for result in response.context["results"]]


@pytest.mark.parametrize(
    "q",
    ["chuyen doi so", "CHUYỂN ĐỔI SỐ", "chuyển đổi số", nfd("CHUYỂN ĐỔI SỐ")],
)
def test_chuyen_doi_so_with_or_without_marks(client, catalogue, q):
    pks = found(client, q)
    assert {catalogue.digital.pk, catalogue.union.pk, catalogue.unaccented.pk} <= set(
        pks
    )


@pytest.mark.parametrize(
    "q", ["dịch vụ công", "dich vu cong", "DICH VU CONG", nfd("dịch vụ công")]
)
def test_dich_vu_cong_with_or_without_marks(client, catalogue, q):
    assert set(found(client, q)) == {catalogue.services.pk, catalogue.filing.pk}


def test_exact_words_come_first_when_typed_with_marks(client, catalogue):
    pks = found(client, "CHUYỂN ĐỔI SỐ")
    # The lesson written without marks matches, but after every exact match.
    assert pks[-1] == catalogue.unaccented.pk
    assert set(pks[:-1]) == {catalogue.digital.pk, catalogue.union.pk}


@pytest.mark.parametrize("q", ["Đoàn", "ĐOÀN", nfd("Đoàn")])
def test_doan_finds_the_union_before_the_guess(client, catalogue, q):
    pks = found(client, q)
    assert set(pks[:2]) == {catalogue.digital.pk, catalogue.union.pk}
    assert pks[2:] == [catalogue.guess.pk]


def test_doan_without_marks_finds_both_spellings(client, catalogue):
    assert set(found(client, "doan")) == {
        catalogue.digital.pk,
        catalogue.union.pk,
        catalogue.guess.pk,
    }


def test_doan_with_the_other_tone_puts_the_guess_first(client, catalogue):
    assert found(client, "đoán")[0] == catalogue.guess.pk


def test_drafts_private_pages_unpublished_changes_and_quizzes_never_appear(
    client, catalogue
):
    hidden = {catalogue.draft.pk, catalogue.private.pk, catalogue.quiz.pk}
    for q in ["dịch vụ công", "dich vu cong", "nhap", "bí mật", "rieng", "kiem tra"]:
        assert not hidden & set(found(client, q)), q
    assert found(client, "chimcanhcut") == []
    assert found(client, "bimat") == []


def test_models_declare_what_is_searched():
    from courses.models import CoursePage, LessonPage

    assert set(searchable_page_models()) == {CoursePage, LessonPage}


def test_results_are_labelled_with_their_course_and_a_snippet(client, catalogue):
    response = client.get(URL, {"q": "doan vien"})
    union = next(
        r for r in response.context["results"] if r.page.pk == catalogue.union.pk
    )
    assert union.course.pk == catalogue.digital.pk
    assert union.course_url == catalogue.digital.url
    assert "<mark>đoàn</mark> <mark>viên</mark>" in union.snippet
    course = next(
        r for r in response.context["results"] if r.page.pk == catalogue.digital.pk
    )
    assert course.course is None
    html = response.content.decode()
    assert f'href="{catalogue.union.url}"' in html
    assert f'href="{catalogue.digital.url}"' in html


def test_filter_by_audience(client, catalogue):
    youth = found(client, "doan vien", **{"doi-tuong": "doan-vien"})
    staff = found(client, "dich vu cong", **{"doi-tuong": "can-bo-mot-cua"})
    assert set(youth) == {catalogue.digital.pk, catalogue.union.pk}
    assert catalogue.filing.pk not in youth
    assert set(staff) == {catalogue.services.pk, catalogue.filing.pk}
    assert found(client, "dich vu cong", **{"doi-tuong": "doan-vien"}) == []
    # An unknown audience is ignored rather than an error.
    assert set(found(client, "dich vu cong", **{"doi-tuong": "khong-co"})) == {
        catalogue.services.pk,
        catalogue.filing.pk,
    }


def test_pagination_keeps_the_tiers_in_order(client, catalogue):
    for n in range(12):
        lesson(
            catalogue.services,
            f"Bài dịch vụ công {n}",
            f"bai-dvc-{n}",
            "Ôn tập dịch vụ công.",
        )
    for n in range(3):
        lesson(catalogue.services, f"Bai dich vu cong {n}", f"khong-dau-{n}", "On tap")
    first = client.get(URL, {"q": "dịch vụ công"})
    second = client.get(URL, {"q": "dịch vụ công", "page": 2})
    assert first.context["search_results"].paginator.count == 17
    pks = [r.page.pk for r in first.context["results"]] + [
        r.page.pk for r in second.context["results"]
    ]
    assert len(pks) == len(set(pks)) == 17
    unaccented = [r.page.pk for r in second.context["results"]][-3:]
    assert all(
        r.page.title.startswith("Bai dich") for r in second.context["results"][-3:]
    ), unaccented
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "   "},
        {"q": '"); DROP TABLE x; --'},
        {"q": "OR AND NOT * ( ) : ^ -"},
        {"q": "x" * 5000},
        {"q": "dịch vụ", "page": "abc"},
        {"q": "dịch vụ", "page": "9999"},
        {"q": "\x00 số"},
    ],
)
def test_odd_input_never_fails(client, catalogue, params):
    response = client.get(URL, params)
    assert response.status_code == 200


def test_no_results_says_so(client, catalogue):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(URL, {"q": "khongcogica"})
    assert response.context["results"] == []
    assert "No results for “khongcogica”." in response.content.decode()


def test_query_count_does_not_grow_with_results(
    client, catalogue, django_assert_max_num_queries
):
    client.get(URL, {"q": "dịch vụ công"})  # creates today's row and site settings
    with django_assert_max_num_queries(16):
        few = client.get(URL, {"q": "dịch vụ công"})
    for n in range(12):
        lesson(catalogue.services, f"Dịch vụ công {n}", f"dvc-{n}", "Dịch vụ công.")
    with django_assert_max_num_queries(16):
        many = client.get(URL, {"q": "dịch vụ công"})
    assert len(few.context["results"]) == 2
    assert len(many.context["results"]) == 10


def test_short_syllables_are_words_not_english_stop_words(client, catalogue):
    """Folded, "số", "cán", "hệ", "thể" are English stop words ("so", "can", "he",
    "the") that PostgreSQL's 'english' configuration drops: the exact keys and the
    other words still find the page ('simple' is the better configuration)."""
    staff = lesson(catalogue.services, "Cán bộ hệ thống", "can-bo", "Có thể hỗ trợ.")
    assert catalogue.union.pk in found(client, "số")
    assert staff.pk in found(client, "can bo")
    assert staff.pk in found(client, "he thong")
    assert staff.pk in found(client, "co the")


def pks_on_pages(client, q, *, pages, count):
    """The result pages' ids, in order, over the first ``pages`` result pages, each
    of which reports ``count`` results in all."""
    seen = []
    for number in range(1, pages + 1):
        response = client.get(URL, {"q": q, "page": number})
        assert response.context["search_results"].paginator.count == count
        seen += [result.page.pk for result in response.context["results"]]
    return seen


def test_pages_past_the_first_results_are_read_on_demand(client, catalogue):
    made = {
        lesson(catalogue.services, f"Ôn tập {n}", f"on-tap-{n}", "Ôn tập kỹ năng.").pk
        for n in range(25)
    }
    seen = pks_on_pages(client, "on tap", pages=3, count=25)
    assert len(seen) == 25 and set(seen) == made


def test_count_and_first_results_take_two_queries(catalogue, django_assert_num_queries):
    from search.folding import Query
    from search.query import search, visible_pages

    results = search(visible_pages(), Query.parse("dich vu cong"))
    # One query ranks and counts (on SQLite: no count needed below 20 results),
    # one reads the pages.
    with django_assert_num_queries(2):
        assert results.count() == 2
        assert {page.pk for page in results[0:10]} == {
            catalogue.services.pk,
            catalogue.filing.pk,
        }


def test_exact_words_stay_first_on_every_page_past_the_first_results(client, catalogue):
    """Past the first results read with the count, later pages are read on demand;
    the pages holding the marked words still all come before the others."""
    exact = {
        lesson(catalogue.services, f"Thủ tục {n}", f"thu-tuc-{n}", "Dịch vụ công.").pk
        for n in range(14)
    }
    unmarked = {
        lesson(catalogue.services, f"Thu tuc {n}", f"thu-tuc-kd-{n}", "Dich vu cong").pk
        for n in range(14)
    }
    seen = pks_on_pages(client, "dịch vụ công", pages=3, count=30)
    assert len(seen) == len(set(seen)) == 30
    first_unmarked = min(seen.index(pk) for pk in unmarked)
    assert exact <= set(seen[:first_unmarked])
