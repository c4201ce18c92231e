"""Read the demo texts in ``content/`` (TOML files) into the data the loader stores.

``site.toml`` holds the home page, the course catalogue and the shared quiz intro;
``courses/`` one file per course (loaded in file-name order); ``exam/`` the demo
exam's course and its question bank.

A lesson body is a list of blocks, as in ``courses/blocks.py``: ``text`` and
``callout`` (``kind``: tip, warning or note) hold rich text as ``html``; ``steps``
holds a ``title`` and ``steps``, each the HTML of one paragraph. A question is
``single_choice`` or ``multiple_choice`` with ``choices`` ({text, correct}), or
``true_false`` with ``answer``; exam questions add competence ``tags``. Long texts
are multi-line strings whose line-ending backslashes join the lines as written, so
the stored HTML has no line breaks of its own.
"""

import tomllib
from pathlib import Path

CONTENT = Path(__file__).with_name("content")


def read(relative_path):
    """One TOML file of ``content/`` as a dict."""
    with (CONTENT / relative_path).open("rb") as handle:
        return tomllib.load(handle)


def _block(raw):
    """A lesson body block as Wagtail stores it: ``{"type": ..., "value": ...}``."""
    kind = raw["type"]
    if kind == "text":
        return {"type": "text", "value": raw["html"]}
    if kind == "callout":
        return {"type": "callout", "value": {"kind": raw["kind"], "text": raw["html"]}}
    if kind == "steps":
        steps = [f"<p>{step}</p>" for step in raw["steps"]]
        return {"type": "steps", "value": {"title": raw["title"], "steps": steps}}
    raise ValueError(f"Khối nội dung mẫu không rõ loại: {kind!r}")


def question(raw):
    """A question spec for ``banks.ensure_bank``: type, value and competence tags."""
    value = {"question": raw["question"], "explanation": raw["explanation"]}
    if raw["type"] == "true_false":
        value["answer"] = raw["answer"]
    else:
        value["choices"] = [
            {"text": choice["text"], "correct": choice["correct"]}
            for choice in raw["choices"]
        ]
    spec = {"type": raw["type"], "value": value}
    if "tags" in raw:
        spec["tags"] = list(raw["tags"])
    return spec


def course(raw, quiz_intro=None):
    """A course spec: the course, its lessons with their bodies, and its quiz.

    A quiz without an intro of its own gets ``quiz_intro``."""
    spec = {key: value for key, value in raw.items() if key not in ("lessons", "quiz")}
    spec["lessons"] = [
        {**lesson, "body": [_block(block) for block in lesson["body"]]}
        for lesson in raw["lessons"]
    ]
    quiz = {key: value for key, value in raw["quiz"].items() if key != "questions"}
    quiz.setdefault("intro", quiz_intro)
    if "questions" in raw["quiz"]:
        quiz["questions"] = [question(q) for q in raw["quiz"]["questions"]]
    spec["quiz"] = quiz
    return spec


def site():
    """The home page text, the catalogue and the shared quiz intro."""
    return read("site.toml")


def courses():
    """Every demo course of ``content/courses/``, in file-name order."""
    quiz_intro = site()["quiz_intro"]
    paths = sorted((CONTENT / "courses").glob("*.toml"))
    return [course(read(path.relative_to(CONTENT)), quiz_intro) for path in paths]
