"""Queries become accent-free words and exact keys, whatever the keyboard sent."""

import pytest

from people.text import mark_keys
from search.folding import MAX_QUERY_LENGTH, Query
from tests.search.content import nfd


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("chuyen doi so", "chuyen doi so"),
        ("CHUYỂN ĐỔI SỐ", "chuyen doi so"),
        ("dịch vụ công", "dich vu cong"),
        ("dich vu cong", "dich vu cong"),
        ("Đoàn", "doan"),
        ("doan", "doan"),
        (nfd("Chuyển đổi số"), "chuyen doi so"),
        (nfd("DỊCH VỤ CÔNG"), "dich vu cong"),
        ("  dịch   vụ\tcông?! ", "dich vu cong"),
    ],
)
def test_query_folds_to_accent_free_words(typed, folded):
    assert Query.parse(typed).folded == folded


def test_marked_words_get_exact_keys_and_plain_ones_none():
    assert Query.parse("doan").keys == ""
    assert Query.parse("Đoàn").keys == Query.parse("đoàn").keys
    assert Query.parse("Đoàn").keys != Query.parse("đoán").keys
    assert Query.parse(nfd("Đoàn")).keys == Query.parse("ĐOÀN").keys
    # Only the marked words of a mixed query have keys.
    assert len(Query.parse("dịch vu công").keys.split()) == 2


def test_exact_keys_ignore_where_the_tone_sits():
    assert mark_keys("hoà") == mark_keys("hòa")
    assert mark_keys("thuỷ") == mark_keys("thủy")
    assert mark_keys("hoà") != mark_keys("hoa") == ""


def test_keys_are_plain_ascii_words_any_tokenizer_keeps_whole():
    keys = mark_keys("Chuyển đổi số, Đoàn thanh niên; ỨNG DỤNG")
    assert keys.isascii()
    assert all(key.isalnum() for key in keys.split())
    # chuyển đổi số đoàn niên ứng dụng: "thanh" has no marks.
    assert len(keys.split()) == 7


def test_empty_punctuation_and_overlong_queries_are_harmless():
    assert not Query.parse("")
    assert not Query.parse("?!…  ")
    long = Query.parse("số " * 500)
    assert len(long.text) <= MAX_QUERY_LENGTH
    assert len(long.words) <= 12
