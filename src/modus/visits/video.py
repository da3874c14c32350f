"""Video invitations: a player only for known hosts, loaded when the visitor clicks (until
then the page makes no request to the video host); any other link stays a plain link."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")


# Where the players come from: the tour page's Content-Security-Policy lets in these frames.
PLAYER_ORIGINS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")


@dataclass(frozen=True)
class Player:
    host: str  # "YouTube", "Vimeo"
    embed_url: str


def player_for(url: str) -> Player | None:
    """The privacy-friendly embed address of a YouTube or Vimeo link, or None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    path = [piece for piece in parts.path.split("/") if piece]
    video = ""
    if host in ("youtube.com", "youtube-nocookie.com"):
        if path[:1] == ["watch"]:
            video = parse_qs(parts.query).get("v", [""])[0]
        elif len(path) == 2 and path[0] in ("embed", "shorts", "live"):
            video = path[1]
    elif host == "youtu.be" and len(path) == 1:
        video = path[0]
    if YOUTUBE_ID.match(video):
        return Player("YouTube", f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1")
    if host in ("vimeo.com", "player.vimeo.com"):
        number = path[-1] if path else ""
        if VIMEO_ID.match(number):
            return Player("Vimeo", f"https://player.vimeo.com/video/{number}?dnt=1&autoplay=1")
    return None
