"""What a typed query means to the index: its words without marks, and exact keys.

People type Vietnamese on phones without diacritics ("chuyen doi so"), in capitals,
or with decomposed marks from some keyboards. Pages index an accent-free copy of their
text (``people.text.fold``) and a key per marked word (``people.text.mark_keys``); a
query is cut into the same two forms here, so it matches the same way on SQLite and
PostgreSQL whatever their own tokenizers do with marks.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from people.text import clean_text, fold, mark_keys

__all__ = ["MAX_QUERY_LENGTH", "Query", "fold", "fold_char", "mark_keys"]

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Query:
    """A visitor's query: ``text`` as typed (NFC), ``folded`` words, ``keys``.

    ``keys`` is empty when nothing was typed with marks: then every accent-free
    match is as good as any other.
    """

    text: str
    folded: str
    keys: str

    @classmethod
    def parse(cls, raw):
        # Control characters (NUL among them, which PostgreSQL refuses) mean nothing.
        printable = "".join(
            " " if unicodedata.category(c)[0] == "C" else c for c in str(raw)
        )
        text = clean_text(printable)[:MAX_QUERY_LENGTH]
        words = _WORD.findall(text)[:MAX_WORDS]
        return cls(
            text=text,
            folded=" ".join(fold(word) for word in words),
            keys=mark_keys(" ".join(words)),
        )

    def __bool__(self):
        return bool(self.folded)

    @property
    def words(self):
        return self.folded.split()


@lru_cache(maxsize=4096)
def fold_char(char):
    """``fold`` for one character, keeping spaces: lets snippets map folded text
    back to the original one character at a time."""
    return " " if char.isspace() else fold(char)
