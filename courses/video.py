"""Turn a video page address into an embeddable one, without asking the network.

Wagtail's embed finder fetches oEmbed data from the video site when a page renders;
on a slow or closed network that stalls the lesson. We only need the player address.
"""

import re
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def embed_url(url):
    """The player URL for a YouTube or Vimeo link, or None for anything else."""
    parsed = urlparse(url or "")
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = None
    if host == "youtu.be":
        video_id = parsed.path.lstrip("/").split("/")[0]
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
    elif host in {"vimeo.com", "player.vimeo.com"}:
        number = parsed.path.rstrip("/").split("/")[-1]
        return f"https://player.vimeo.com/video/{number}" if number.isdigit() else None
    if video_id and _YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    return None
