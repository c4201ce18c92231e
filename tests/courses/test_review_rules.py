"""The review rules as pure decisions: each rule at each moment, and what the
learner is told (courses.review_rules; no database)."""

import pytest
from django.utils import translation

from courses.review_rules import (
    DEFAULT_ANSWERS,
    DEFAULT_WHICH_WRONG,
    Facts,
    Review,
    When,
    decide,
    holds,
    notices,
)

FRESH = Facts(passed=False, attempts_submitted=1, attempt_limit=3)
PASSED = Facts(passed=True, attempts_submitted=1, attempt_limit=3)
USED_UP = Facts(passed=False, attempts_submitted=3, attempt_limit=3)
NO_LIMIT = Facts(passed=False, attempts_submitted=50, attempt_limit=None)
CLOSED = Facts(passed=False, attempts_submitted=1, attempt_limit=3, window_closed=True)


@pytest.mark.parametrize(
    ("when", "facts", "shown"),
    [
        (When.IMMEDIATELY, FRESH, True),
        (When.NEVER, FRESH, False),
        (When.NEVER, PASSED, False),
        (When.NEVER, USED_UP, False),
        (When.NEVER, CLOSED, False),
        (When.AFTER_PASSING, FRESH, False),
        (When.AFTER_PASSING, PASSED, True),
        (When.AFTER_PASSING, USED_UP, False),
        (When.AFTER_LAST_ATTEMPT, FRESH, False),
        (When.AFTER_LAST_ATTEMPT, PASSED, False),
        (When.AFTER_LAST_ATTEMPT, USED_UP, True),
        (When.AFTER_LAST_ATTEMPT, NO_LIMIT, False),  # no limit: no last attempt
        (When.AFTER_PASSING_OR_LAST, FRESH, False),
        (When.AFTER_PASSING_OR_LAST, PASSED, True),
        (When.AFTER_PASSING_OR_LAST, USED_UP, True),
        (When.AFTER_PASSING_OR_LAST, NO_LIMIT, False),
        (When.AFTER_WINDOW_CLOSES, FRESH, False),
        (When.AFTER_WINDOW_CLOSES, PASSED, False),
        (When.AFTER_WINDOW_CLOSES, CLOSED, True),
        ("something-else", PASSED, False),  # an unknown rule hides
    ],
)
def test_each_rule_at_each_moment(when, facts, shown):
    assert holds(when, facts) is shown


def test_the_defaults_are_the_certificate_safe_ones():
    assert (DEFAULT_WHICH_WRONG, DEFAULT_ANSWERS) == (
        When.IMMEDIATELY,
        When.AFTER_PASSING_OR_LAST,
    )
    assert decide(DEFAULT_WHICH_WRONG, DEFAULT_ANSWERS, FRESH) == Review(True, False)
    assert decide(DEFAULT_WHICH_WRONG, DEFAULT_ANSWERS, PASSED) == Review(True, True)
    assert decide(DEFAULT_WHICH_WRONG, DEFAULT_ANSWERS, USED_UP) == Review(True, True)


def test_the_answers_imply_which_were_wrong():
    assert decide(When.NEVER, When.IMMEDIATELY, FRESH) == Review(True, True)
    assert decide(When.AFTER_PASSING, When.NEVER, FRESH) == Review(False, False)


def vi(lines):
    with translation.override("vi"):
        return [str(line) for line in lines]


def test_the_learner_is_told_when_the_key_will_show():
    assert vi(notices(DEFAULT_WHICH_WRONG, DEFAULT_ANSWERS, FRESH)) == [
        "Đáp án đúng và lời giải thích sẽ hiện khi bạn đạt hoặc đã dùng hết số lần "
        "làm bài."
    ]
    assert notices(DEFAULT_WHICH_WRONG, DEFAULT_ANSWERS, PASSED) == []


def test_with_no_limit_only_passing_is_promised():
    facts = Facts(passed=False, attempts_submitted=2, attempt_limit=None)
    assert vi(notices(When.IMMEDIATELY, When.AFTER_PASSING_OR_LAST, facts)) == [
        "Đáp án đúng và lời giải thích sẽ hiện khi bạn đạt."
    ]
    assert vi(notices(When.IMMEDIATELY, When.AFTER_LAST_ATTEMPT, facts)) == [
        "Bài kiểm tra này không hiện đáp án đúng."
    ]


def test_a_promise_that_can_no_longer_come_true_is_not_made():
    # Every attempt used without passing: "after passing" will never come.
    assert vi(notices(When.AFTER_PASSING, When.AFTER_PASSING, USED_UP)) == [
        "Bài kiểm tra này không cho biết câu nào bạn làm sai.",
        "Bài kiểm tra này không hiện đáp án đúng.",
    ]


def test_each_hidden_rule_has_its_own_sentence():
    told = vi(
        [
            *notices(When.AFTER_LAST_ATTEMPT, When.AFTER_WINDOW_CLOSES, FRESH),
            *notices(When.AFTER_PASSING, When.NEVER, FRESH),
            *notices(When.AFTER_WINDOW_CLOSES, When.AFTER_LAST_ATTEMPT, FRESH),
        ]
    )
    assert told == [
        "Những câu bạn làm sai sẽ hiện khi bạn đã dùng hết số lần làm bài.",
        "Đáp án đúng và lời giải thích sẽ hiện khi bài kiểm tra đã đóng với lớp "
        "của bạn.",
        "Những câu bạn làm sai sẽ hiện khi bạn đạt.",
        "Bài kiểm tra này không hiện đáp án đúng.",
        "Những câu bạn làm sai sẽ hiện khi bài kiểm tra đã đóng với lớp của bạn.",
        "Đáp án đúng và lời giải thích sẽ hiện khi bạn đã dùng hết số lần làm bài.",
    ]


def test_never_which_wrong_is_not_said_when_the_answers_will_tell():
    assert vi(notices(When.NEVER, When.AFTER_PASSING, FRESH)) == [
        "Đáp án đúng và lời giải thích sẽ hiện khi bạn đạt."
    ]
