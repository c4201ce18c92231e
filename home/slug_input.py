"""The admin's slug box writes Vietnamese titles as ASCII: "Điện thoại" -> "dien-thoai".

Wagtail's slug script transliterates with per-language maps that have no Vietnamese
one: "Nhận diện lừa đảo" came out as "nhn-din-la-djo" (marked vowels dropped, "đ" as
Serbian "dj"). Its formatters (regular expressions run before the script slugifies)
fold the marked letters first, as people.text.ascii_slug does on the server.
"""

import re

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

# Every marked Vietnamese letter, lower case (the expressions ignore case).
VIETNAMESE_LETTERS = {
    "a": "àáạảãâầấậẩẫăằắặẳẵ",
    "e": "èéẹẻẽêềếệểễ",
    "i": "ìíịỉĩ",
    "o": "òóọỏõôồốộổỗơờớợởỡ",
    "u": "ùúụủũưừứựửữ",
    "y": "ỳýỵỷỹ",
    "d": "đ",
}
FORMATTERS = [
    # Marks typed as separate combining characters (decomposed input).
    (re.compile("[\u0300-\u036f]"), ""),
    *(
        (re.compile(f"[{marked}]", re.IGNORECASE), plain)
        for plain, marked in VIETNAMESE_LETTERS.items()
    ),
]


class VietnameseSlugInput(SlugInput):
    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(
            attrs=attrs, formatters=formatters or FORMATTERS, locale=locale
        )


def register():
    """Every SlugField in the admin (pages, snippets) uses the Vietnamese-aware box."""
    register_form_field_override(
        models.SlugField,
        override={"widget": VietnameseSlugInput},
    )
