from people.text import clean_text


class CleanNameMixin:
    """A model whose ``name`` is stored as clean text (NFC, single spaces), however
    the editor typed or pasted it."""

    def save(self, *args, **kwargs):
        self.name = clean_text(self.name)
        super().save(*args, **kwargs)
