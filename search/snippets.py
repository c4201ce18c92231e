"""A short extract of a result's text around the first words that matched.

The text is what the page's model says search matches (its ``search_text()``, of
which the index holds a folded copy), so no page type is named here. Matching is
accent-insensitive, like the search itself, and matched words come back marked.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from people.text import clean_text

from .folding import fold_char

SNIPPET_LENGTH = 200
_LEAD_IN = 60
# Enough text for a snippet without folding a whole long lesson character by character.
_MAX_TEXT = 20_000


def searchable_text(page):
    """The page's own searchable text, without the title."""
    text = page.search_text() if hasattr(page, "search_text") else ""
    return clean_text(text)[:_MAX_TEXT]


def _folded_with_positions(text):
    """The folded text, and for each of its characters the index in ``text``."""
    folded, positions = [], []
    for index, char in enumerate(text):
        for folded_char in fold_char(char):
            folded.append(folded_char)
            positions.append(index)
    return "".join(folded), positions


def _matches(text, words):
    """(start, end, word) for each place in ``text`` where a word of ``words``
    starts a word, accents aside."""
    if not words:
        return []
    folded, positions = _folded_with_positions(text)
    ordered = sorted(set(words), key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in ordered) + r")\w*")
    return [
        (positions[m.start()], positions[m.end() - 1] + 1, m.group(1))
        for m in pattern.finditer(folded)
    ]


def _best_start(spans, length):
    """Where the window holding the most different query words begins."""
    best, best_count = 0, 0
    for index, (start, _end, _word) in enumerate(spans):
        seen = {word for s, _e, word in spans[index:] if s < start + length - _LEAD_IN}
        if len(seen) > best_count:
            best, best_count = start, len(seen)
    return best


def highlight(text, words, length=SNIPPET_LENGTH):
    """HTML: up to ``length`` characters of ``text`` around the first match, with
    matched words in ``<mark>``; the opening of the text when nothing matches."""
    spans = _matches(text, words)
    start = 0
    focus = _best_start(spans, length) if spans else 0
    if focus > _LEAD_IN:
        start = text.rfind(" ", 0, focus - _LEAD_IN) + 1
    end = (
        len(text)
        if len(text) - start <= length
        else text.rfind(" ", start, start + length)
    )
    if end <= start:
        end = min(len(text), start + length)
    html, cursor = [], start
    for span_start, span_end, _word in spans:
        if span_start < cursor or span_end > end:
            continue
        html.append(escape(text[cursor:span_start]))
        html.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    html.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(html) + suffix)  # noqa: S308 (every part escaped)


def snippet(page, words, length=SNIPPET_LENGTH):
    return highlight(searchable_text(page), words, length)
