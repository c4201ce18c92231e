"""The Vietnamese catalogue is complete, and the compiled file matches it."""

import gettext
import re
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "site/locale/vi/LC_MESSAGES"


def _joined(lines):
    """Join a .po string spread over several quoted lines and undo its escapes."""
    text = "".join(re.findall(r'"(.*)"', lines))
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


def po_entries():
    """(block, msgid, msgstr) per entry; msgstr is the singular form for plurals."""
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            yield block, _joined(msgid.group(1)), _joined(msgstr.group(1))


def test_every_message_has_a_vietnamese_translation_and_none_is_fuzzy():
    entries = [entry for entry in po_entries() if entry[1]]
    assert len(entries) > 100
    assert [msgid for _block, msgid, msgstr in entries if not msgstr] == []
    assert [msgid for block, msgid, _msgstr in entries if "#, fuzzy" in block] == []


def test_compiled_catalogue_matches_the_source():
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    checked = 0
    for block, msgid, msgstr in po_entries():
        if msgid and "msgid_plural" not in block:
            context = re.search(r'^msgctxt "(.*)"', block, re.M)
            found = (
                compiled.pgettext(context.group(1), msgid)
                if context
                else compiled.gettext(msgid)
            )
            assert found == msgstr, msgid
            checked += 1
    assert checked > 100
    assert compiled.gettext("Sign in") == "Đăng nhập"
