"""Where certificate files are kept."""

from django.core.files.storage import storages


def private_storage():
    """Certificates carry personal data: kept outside MEDIA_ROOT, served only by
    views that check who is asking."""
    return storages["private"]
