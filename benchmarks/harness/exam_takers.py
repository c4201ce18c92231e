"""The learners and coordinators of benchmarks/exam_day.py, over HTTP like browsers.

A learner starts, reads the paper off the attempt page (harness.leaks.read_paper),
autosaves as quiz.js does, submits and opens the result. Every response a learner
receives is kept (``Exam.seen``) for the answer-key check after the exam, so that
the check costs the server no CPU while it is measured. In the class that is closed
mid-exam the learners wait for the close and then keep trying (``Taker.after_close``).
"""

import asyncio
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field

from .leaks import read_paper
from .stack import cookie

QUESTIONS = 16
RIGHT_WHEN_FAILING = 6  # of 16: below any pass mark over 40 %
REFUSED = {400, 403, 404, 409, 410, 423}
REDIRECT = {302, 303}
SAVE_URL = re.compile(r'data-save-url="([^"]+)"')


@dataclass
class Seen:
    """One response a learner received, to check for the answer key."""

    username: str
    step: str
    body: str
    picked: frozenset
    paper: object


@dataclass
class Exam:
    """What the client saw, besides the latencies and errors kept by Run."""

    key: object  # harness.leaks.AnswerKey
    saves: int
    closing_class: set  # usernames of the class closed mid-exam
    seen: list = field(default_factory=list)
    papers: dict = field(default_factory=dict)  # username -> Paper
    passing: set = field(default_factory=set)  # answer everything right
    finished: set = field(default_factory=set)  # reached their result page
    ready: set = field(default_factory=set)  # closing class: in an attempt, saved
    closing: asyncio.Event = field(default_factory=asyncio.Event)
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    close_epoch: float | None = None
    after_close: Counter = field(default_factory=Counter)  # (step, outcome) -> n


def answers_for(paper, right):
    """Per question key, the choice keys to send: the key, or one wrong choice."""
    answers = {}
    for position, question in enumerate(sorted(paper.questions)):
        if right or position < RIGHT_WHEN_FAILING:
            answers[question] = sorted(paper.correct_keys(question))
        else:
            answers[question] = [paper.wrong_keys(question)[0]]
    return answers


def picked(answers):
    return frozenset(k for keys in answers.values() for k in keys)


class Taker:
    def __init__(self, run, exam, client, username, urls):
        self.run, self.exam, self.client = run, exam, client
        self.username, self.urls = username, urls
        self.in_closing = username in exam.closing_class
        self.attempt = self.save_url = self.paper = None
        self.sent = {}

    @property
    def token(self):
        return cookie(self.client, "csrftoken")

    def keep(self, step, body, answers=None):
        chosen = picked(answers or {})
        self.exam.seen.append(Seen(self.username, step, body, chosen, self.paper))

    def refusal_expected(self):
        return self.in_closing and self.exam.closing.is_set()

    async def take(self, start_at, think):
        await asyncio.sleep(max(0.0, start_at - time.monotonic()))
        if not await self.start():
            return
        final = answers_for(self.paper, self.username in self.exam.passing)
        questions = sorted(final)
        step = -(-len(questions) // self.exam.saves)
        for index in range(0, len(questions), step):
            await asyncio.sleep(random.uniform(*think))
            self.sent.update({q: final[q] for q in questions[index : index + step]})
            if not await self.autosave(self.sent):
                return
            if self.in_closing and index == 0:
                self.exam.ready.add(self.username)
                if self.exam.ready >= self.exam.closing_class:
                    self.exam.closing.set()
        if self.in_closing:
            await self.exam.closed.wait()
            await self.after_close()
            return
        await asyncio.sleep(random.uniform(*think))
        await self.submit(self.sent, REDIRECT)

    async def start(self):
        quiz = self.urls["quiz"]
        started = await self.run.call(
            "start",
            self.client,
            "POST",
            quiz + "bat-dau/",
            REDIRECT,
            data={"csrfmiddlewaretoken": self.token},
        )
        if started is None:
            return False
        self.attempt = started.headers.get("location", "")
        if "/lan/" not in self.attempt:
            self.run.errors.append(f"{self.username}: start sent to {self.attempt}")
            return False
        page = await self.run.call(
            "attempt_page", self.client, "GET", self.attempt, 200
        )
        if page is None:
            return False
        try:
            self.paper = read_paper(page.text, self.exam.key)
        except ValueError as error:
            self.run.errors.append(f"{self.username}: {error}")
            return False
        if len(self.paper.questions) != QUESTIONS:
            self.run.errors.append(
                f"{self.attempt}: {len(self.paper.questions)} questions on the page"
            )
            return False
        self.exam.papers[self.username] = self.paper
        self.keep("attempt_page", page.text)
        found = SAVE_URL.search(page.text)
        attempt_id = self.attempt.rstrip("/").rsplit("/", 1)[-1]
        self.save_url = (
            found.group(1)
            if found
            else self.urls["autosave"].replace("/0/", f"/{attempt_id}/")
        )
        return True

    async def autosave(self, answers):
        """True to carry on; in the closing class a refusal is expected from the
        moment the close is under way, and counted once it is done."""
        after = self.in_closing and self.exam.closed.is_set()
        expect = {200} | (REFUSED if self.refusal_expected() else set())
        saved = await self.run.call(
            "after_close" if after else "autosave",
            self.client,
            "POST",
            self.save_url,
            expect,
            json={"answers": answers},
            headers={"X-CSRFToken": self.token},
        )
        if saved is None:
            return False
        self.keep("autosave", saved.text, answers)
        if after:
            outcome = "accepted" if saved.status < 300 else str(saved.status)
            self.exam.after_close["autosave", outcome] += 1
        return True

    async def after_close(self):
        """Two more saves (now with right answers), the attempt page again, a new
        start, and a submit of every right answer: all must change nothing."""
        changed = dict(self.sent)
        for question in sorted(self.paper.questions)[:2]:
            changed[question] = sorted(self.paper.correct_keys(question))
            await self.autosave(changed)
        anything = {200} | REDIRECT | REFUSED
        page = await self.run.call(
            "after_close", self.client, "GET", self.attempt, anything
        )
        if page is not None:
            self.keep("attempt_page", page.text, self.sent)
            self.exam.after_close["attempt page", str(page.status)] += 1
        again = await self.run.call(
            "after_close",
            self.client,
            "POST",
            self.urls["quiz"] + "bat-dau/",
            anything,
            data={"csrfmiddlewaretoken": self.token},
        )
        if again is not None:
            location = again.headers.get("location", "")
            new = "/lan/" in location and location != self.attempt
            self.exam.after_close[
                "start", "accepted" if new else str(again.status)
            ] += 1
        everything = {
            q: sorted(self.paper.correct_keys(q)) for q in self.paper.questions
        }
        # The result shows what was saved before the close, not what was sent now.
        await self.submit(everything, anything, recorded=self.sent)

    async def submit(self, answers, expect, recorded=None):
        form = [("csrfmiddlewaretoken", self.token)]
        form += [(q, k) for q, keys in answers.items() for k in keys]
        done = await self.run.call(
            "submit", self.client, "POST", self.attempt + "nop/", expect, data=form
        )
        if done is None:
            return
        location = done.headers.get("location", "")
        self.keep("submit", location + "\n" + done.text, answers)
        self.run.submitted.add(self.username)
        result_url = location if "/ket-qua/" in location else self.attempt + "ket-qua/"
        result = await self.run.call("result", self.client, "GET", result_url, 200)
        if result is None:
            return
        self.exam.finished.add(self.username)
        if self.username not in self.exam.passing:  # a pass may show the answers
            self.keep("result", result.text, recorded or answers)


async def switch_window(run, client, window, is_open):
    """A coordinator opens or closes the quiz for a class: class_courses:quiz_window."""
    reply = await run.call(
        "window",
        client,
        "POST",
        window,
        REDIRECT,
        data={
            "csrfmiddlewaretoken": cookie(client, "csrftoken"),
            "open": "1" if is_open else "0",
        },
    )
    return reply is not None


async def close_when_ready(run, exam, client, window, deadline):
    """Close the quiz for the closing class once all its learners are in an attempt
    and have saved (or at ``deadline``, a time.monotonic() value)."""
    try:
        await asyncio.wait_for(
            exam.closing.wait(), timeout=max(1.0, deadline - time.monotonic())
        )
    except TimeoutError:
        exam.closing.set()
    if not await switch_window(run, client, window, False):
        run.errors.append("closing the quiz for the class failed")
    exam.close_epoch = time.time()
    exam.closed.set()
