"""Review rules: what a learner may see of a submitted attempt, and from when.

Modelled on Moodle's review options. The score is always shown; two things each
have a rule on the quiz: which questions were wrong, and the correct answers with
their explanations. This module is pure (no queries): the views gather the facts
(``Facts``) and every page that shows an attempt asks ``decide``. The rules look at
the learner's situation now, not at the attempt, so when a rule becomes true later
(the learner passes on attempt 3) the earlier attempts open up too.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class When(models.TextChoices):
    NEVER = "never", _("never")
    IMMEDIATELY = "immediately", _("immediately after submitting")
    AFTER_PASSING = "passed", _("after passing the quiz")
    AFTER_LAST_ATTEMPT = "last_attempt", _("after the last allowed attempt")
    AFTER_PASSING_OR_LAST = (
        "passed_or_last",
        _("after passing or after the last allowed attempt"),
    )
    AFTER_WINDOW_CLOSES = (
        "window_closed",
        _("after the quiz has closed for the learner's class"),
    )


# A quiz that counts toward a certificate: a learner learns which answers were
# wrong at once, but the key only once it can no longer be copied into a retry.
DEFAULT_WHICH_WRONG = When.IMMEDIATELY
DEFAULT_ANSWERS = When.AFTER_PASSING_OR_LAST


@dataclass(frozen=True)
class Facts:
    """The learner's situation on one quiz, now."""

    passed: bool  # some submitted attempt passed
    attempts_submitted: int
    attempt_limit: int | None  # None or 0: no limit
    window_closed: bool = False  # the class's window on this quiz has closed

    @property
    def used_all_attempts(self):
        # With no limit there is no last attempt.
        return bool(self.attempt_limit) and self.attempts_submitted >= (
            self.attempt_limit
        )

    @property
    def can_still_pass(self):
        return not self.passed and not self.used_all_attempts


@dataclass(frozen=True)
class Review:
    """What may be shown now. Correct answers imply which were wrong (a learner
    who sees the key next to their own choice sees the rest)."""

    which_wrong: bool
    answers: bool


def holds(when, facts):
    """Whether a rule's moment has come."""
    if when == When.IMMEDIATELY:
        return True
    if when == When.AFTER_PASSING:
        return facts.passed
    if when == When.AFTER_LAST_ATTEMPT:
        return facts.used_all_attempts
    if when == When.AFTER_PASSING_OR_LAST:
        return facts.passed or facts.used_all_attempts
    if when == When.AFTER_WINDOW_CLOSES:
        return facts.window_closed
    return False  # NEVER, and anything unknown: the safe side


def decide(which_wrong_rule, answers_rule, facts):
    answers = holds(answers_rule, facts)
    return Review(
        which_wrong=answers or holds(which_wrong_rule, facts), answers=answers
    )


def needs_window(*rules):
    """Whether the facts must include the window (one more query)."""
    return When.AFTER_WINDOW_CLOSES in rules


def _can_still_happen(when, facts):
    """False when the rule can no longer come true for this learner, e.g. "after
    passing" once every attempt is used, or "after the last attempt" with no limit."""
    if when == When.AFTER_PASSING:
        return facts.can_still_pass
    if when == When.AFTER_LAST_ATTEMPT:
        return bool(facts.attempt_limit)
    if when == When.AFTER_PASSING_OR_LAST:
        return bool(facts.attempt_limit) or facts.can_still_pass
    return when == When.AFTER_WINDOW_CLOSES


def _effective(when, facts):
    """The rule as the learner should read it: "passed or last" with no limit is
    "after passing"; a rule that cannot come true any more is "never"."""
    if not _can_still_happen(when, facts):
        return When.NEVER
    if when == When.AFTER_PASSING_OR_LAST and not facts.attempt_limit:
        return When.AFTER_PASSING
    return when


ANSWERS_NOTICE = {
    When.NEVER: _("This quiz does not show the correct answers."),
    When.AFTER_PASSING: _(
        "The correct answers and explanations will be shown once you pass."
    ),
    When.AFTER_LAST_ATTEMPT: _(
        "The correct answers and explanations will be shown once you have used "
        "all your attempts."
    ),
    When.AFTER_PASSING_OR_LAST: _(
        "The correct answers and explanations will be shown once you pass or have "
        "used all your attempts."
    ),
    When.AFTER_WINDOW_CLOSES: _(
        "The correct answers and explanations will be shown once the quiz has "
        "closed for your class."
    ),
}

WHICH_WRONG_NOTICE = {
    When.NEVER: _("This quiz does not show which questions you got wrong."),
    When.AFTER_PASSING: _("Which questions you got wrong will be shown once you pass."),
    When.AFTER_LAST_ATTEMPT: _(
        "Which questions you got wrong will be shown once you have used all your "
        "attempts."
    ),
    When.AFTER_PASSING_OR_LAST: _(
        "Which questions you got wrong will be shown once you pass or have used "
        "all your attempts."
    ),
    When.AFTER_WINDOW_CLOSES: _(
        "Which questions you got wrong will be shown once the quiz has closed for "
        "your class."
    ),
}


def notices(which_wrong_rule, answers_rule, facts):
    """Sentences telling the learner what is hidden now and when it will show."""
    review = decide(which_wrong_rule, answers_rule, facts)
    which_wrong = _effective(which_wrong_rule, facts)
    answers = _effective(answers_rule, facts)
    lines = []
    # "Never which were wrong" is moot when the answers (which tell it) will come.
    if not review.which_wrong and not (
        which_wrong == When.NEVER and answers != When.NEVER
    ):
        lines.append(WHICH_WRONG_NOTICE[which_wrong])
    if not review.answers:
        lines.append(ANSWERS_NOTICE[answers])
    return lines
