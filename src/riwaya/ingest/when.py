"""Publication times from metadata fields to ISO 8601: ISO itself, RFC 822 (RSS, ANT TIME), epoch
seconds. Anything else is not guessed: the caller keeps the raw value and ``published`` stays null."""
from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime


def to_iso(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).isoformat()
    except (TypeError, ValueError, IndexError):
        return None
