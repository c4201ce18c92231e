"""Which English message ids of Wagtail, Django and their add-ons show untranslated.

The message ids come from the packages' own English (or, where a package ships no
English one, any) catalogues; a message is untranslated when the Vietnamese catalogue
in effect (packages + LOCALE_PATHS, as Django merges them) has no entry for it.
``UntranslatedFinder`` then spots such messages in rendered admin pages: in text
nodes, in the attributes people see or hear (title, aria-label, placeholder, alt,
button values) and in the strings Wagtail hands its scripts as JSON.
"""

import json
import re
from functools import cached_property
from pathlib import Path

import django
import polib
import wagtail
from bs4 import BeautifulSoup, Comment
from django.utils.translation import trans_real

SITE_PACKAGES = Path(wagtail.__file__).resolve().parent.parent
DJANGO_DIR = Path(django.__file__).resolve().parent
WAGTAIL_ADMIN_LOCALE = SITE_PACKAGES / "wagtail/admin/locale"


def source_catalogues(domain):
    """The catalogues whose message ids the admin can show, for one domain."""
    found = sorted(SITE_PACKAGES.glob(f"wagtail/**/locale/en/LC_MESSAGES/{domain}.po"))
    if domain == "django":
        found += [
            DJANGO_DIR / f"{part}/locale/en/LC_MESSAGES/django.po"
            for part in (
                "conf",
                "contrib/admin",
                "contrib/auth",
                "contrib/contenttypes",
            )
        ]
        found += [
            SITE_PACKAGES / "taggit/locale/en/LC_MESSAGES/django.po",
            # django-filter ships no English catalogue; German lists the same ids.
            SITE_PACKAGES / "django_filters/locale/de/LC_MESSAGES/django.po",
        ]
    return found


def effective_catalogue(domain):
    """The Vietnamese catalogue Django serves: Python strings, or Wagtail's JS ones."""
    if domain == "django":
        translation = trans_real.translation("vi")
    else:  # what wagtail.admin.views.i18n.js_catalog builds
        translation = trans_real.DjangoTranslation(
            "vi", domain="djangojs", localedirs=[str(WAGTAIL_ADMIN_LOCALE)]
        )
    return translation._catalog


def untranslated_messages(domain):
    """{message id: catalogue it comes from} with no Vietnamese in effect."""
    catalogue = effective_catalogue(domain)
    missing = {}
    for path in source_catalogues(domain):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid:
                continue
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            if catalogue.get((key, 0) if entry.msgid_plural else key) is None:
                label = str(path.relative_to(SITE_PACKAGES))
                missing[entry.msgid] = label
                if entry.msgid_plural:
                    missing[entry.msgid_plural] = label
    return missing


PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")
TAG = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")
# Attributes a person reads or hears; data-* attributes are read when they hold JSON.
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-description")
# Keys of JSON objects whose values are shown (labels, help, button text).
SHOWN_JSON_KEYS = {
    "label",
    "title",
    "text",
    "helpText",
    "help_text",
    "placeholder",
    "description",
    "addText",
    "caption",
}


def _normalise(text):
    return SPACES.sub(" ", text).strip()


def _pattern(msgid):
    """A regular expression matching the message as rendered (any values filled in)."""
    text = _normalise(TAG.sub(" ", msgid))
    parts = PLACEHOLDER.split(text)
    letters = re.sub(r"[^A-Za-z]", "", "".join(parts))
    if len(letters) < 2:
        return None  # only placeholders and punctuation: nothing English to see
    return r"\s*".join(re.escape(part.strip()) for part in parts).replace(r"\ ", r"\s*")


class UntranslatedFinder:
    """Finds untranslated message ids in HTML (and in the JSON Wagtail embeds)."""

    def __init__(self, messages):
        self.messages = messages
        self.plain = {}
        patterns = []
        for msgid in messages:
            shown = _normalise(TAG.sub(" ", msgid))
            if not PLACEHOLDER.search(msgid):
                if len(re.sub(r"[^A-Za-z]", "", shown)) >= 2:
                    self.plain[shown] = msgid
                continue
            pattern = _pattern(msgid)
            if pattern:
                patterns.append((pattern, msgid))
        self.patterns = patterns

    @cached_property
    def combined(self):
        if not self.patterns:
            return None
        return re.compile(
            "|".join(
                f"(?P<m{i}>{pattern})" for i, (pattern, _) in enumerate(self.patterns)
            )
        )

    def match(self, text):
        """The message id that the whole of ``text`` renders, or None."""
        text = _normalise(text)
        if not text:
            return None
        if text in self.plain:
            return self.plain[text]
        if self.combined is not None:
            found = self.combined.fullmatch(text)
            if found:
                return self.patterns[int(found.lastgroup[1:])][1]
        return None

    def in_html(self, html):
        """[(message id, where)] for every untranslated message shown in ``html``."""
        soup = BeautifulSoup(html, "html.parser")
        found = []
        for script in soup.find_all("script"):
            if script.get("type") == "application/json":
                self._in_json(script.string or "", found, "script")
            script.decompose()
        for style in soup.find_all("style"):
            style.decompose()
        for node in soup.find_all(string=True):
            if isinstance(node, Comment):
                continue
            msgid = self.match(str(node))
            if msgid:
                found.append((msgid, f"text: {_normalise(str(node))[:80]}"))
        for element in soup.find_all(True):
            # A message with markup inside (<strong>, <a>) spans several text nodes.
            if element.find(True) is not None and len(element.get_text()) < 400:
                msgid = self.match(element.get_text(" "))
                if msgid:
                    found.append((msgid, f"<{element.name}> text"))
            for name, value in element.attrs.items():
                if isinstance(value, list):
                    value = " ".join(value)
                if name in SHOWN_ATTRIBUTES or (
                    name == "value" and element.get("type") in ("submit", "button")
                ):
                    msgid = self.match(value)
                    if msgid:
                        found.append((msgid, f"{name}= on <{element.name}>"))
                elif name.startswith("data-") and value[:1] in "[{":
                    self._in_json(value, found, name)
        return found

    def _in_json(self, text, found, where):
        try:
            data = json.loads(text)
        except ValueError:
            return
        for key, value in _shown_strings(data):
            msgid = self.match(value)
            if msgid:
                found.append((msgid, f"{where} JSON {key}"))


def _shown_strings(data, key=None, in_strings=False):
    """(key, value) for the strings of a JSON value that people see."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _shown_strings(value, name, in_strings or name == "STRINGS")
    elif isinstance(data, list):
        for value in data:
            yield from _shown_strings(value, key, in_strings)
    elif isinstance(data, str) and (in_strings or key in SHOWN_JSON_KEYS):
        yield key, data
