"""The Vietnamese catalogue is complete, and the compiled file matches it."""

import gettext
import re
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "site/locale/vi/LC_MESSAGES"


def po_entries():
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not msgid:
            continue
        yield block, "".join(re.findall(r'"(.*)"', msgid.group(1)))


def test_every_message_has_a_vietnamese_translation_and_none_is_fuzzy():
    entries = [(block, msgid) for block, msgid in po_entries() if msgid]
    assert len(entries) > 100
    untranslated = [
        msgid
        for block, msgid in entries
        if re.search(r'^msgstr(\[0\])? ""$', block, re.M)
    ]
    fuzzy = [msgid for block, msgid in entries if "#, fuzzy" in block]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_source():
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for block, msgid in po_entries():
        if not msgid or "msgid_plural" in block:
            continue
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M).group(1)
        expected = "".join(re.findall(r'"(.*)"', msgstr))
        expected = expected.encode().decode("unicode_escape").encode("latin-1")
        source = msgid.encode().decode("unicode_escape").encode("latin-1")
        assert compiled.gettext(source.decode()) == expected.decode(), msgid
