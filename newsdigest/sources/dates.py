"""Feed date strings → timezone-aware datetimes, keeping "no zone given" apart from "UTC".

A date outside the plausible range (DEFAULT_YEARS, or the configured `limits.years`) is
treated as unknown: year 1 or 9999 cannot be shown in a zone west or east of UTC without
overflowing, and no news item is from before 1970 or after 2100.
"""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

# Month and weekday abbreviations of languages whose feeds localise RFC 822 dates (pt, es, fr, de, it, nl).
LOCAL_MONTHS = {
    "jan": 1, "janv": 1, "ene": 1, "gen": 1, "jän": 1, "fev": 2, "fév": 2, "feb": 2, "févr": 2,
    "mar": 3, "mär": 3, "mrz": 3, "mars": 3, "abr": 4, "avr": 4, "apr": 4, "mai": 5, "may": 5, "mag": 5,
    "mei": 5, "jun": 6, "juin": 6, "giu": 6, "jul": 7, "juil": 7, "lug": 7, "ago": 8, "aoû": 8, "août": 8,
    "aug": 8, "set": 9, "sep": 9, "sept": 9, "out": 10, "oct": 10, "okt": 10, "ott": 10, "nov": 11,
    "dez": 12, "dic": 12, "déc": 12, "dec": 12, "dez.": 12,
}
LOCAL_DATE = re.compile(
    r"^(?:[^\d,]+,\s*)?(\d{1,2})\.?\s+([^\W\d_]+)\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(.*)$", re.UNICODE
)
ZONE = re.compile(r"^([+-])(\d{2}):?(\d{2})$")
DEFAULT_YEARS = (1970, 2100)   # first and last year accepted, both included


def parse_date(raw: str, tz: tzinfo, fallback: time.struct_time | None = None,
               years: tuple[int, int] = DEFAULT_YEARS) -> datetime | None:
    """Aware datetime from an RFC 822 / ISO 8601 / localised feed date; naive dates are read in tz.

    None when there is no date, it cannot be read, or it falls outside `years`.
    """
    raw = (raw or "").strip()
    parsed = (_rfc822(raw) or _iso(raw) or _localised(raw)) if raw else None
    if parsed is None:
        return within_years(_from_struct(fallback), years)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return within_years(parsed, years)


def within_years(value: datetime | None, years: tuple[int, int] = DEFAULT_YEARS) -> datetime | None:
    """`value` when it is aware and its UTC year is inside `years` (both ends included), else None.

    The check converts to UTC, which is exactly the step that overflows for year 1 west of UTC
    or year 9999 east of it; such a date is unknown, never an exception later in the build.
    """
    if value is None or value.tzinfo is None:
        return None
    try:
        offset = value.utcoffset()
        year = value.astimezone(timezone.utc).year
    except (OverflowError, ValueError):
        return None
    if offset is None or not years[0] <= year <= years[1]:
        return None
    return value


def _rfc822(raw: str) -> datetime | None:
    try:
        return parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _iso(raw: str) -> datetime | None:
    try:
        return datetime.fromisoformat(raw.replace("z", "Z"))
    except (ValueError, OverflowError):
        return None


def _localised(raw: str) -> datetime | None:
    """'Seg, 24 Set 2018 19:42:40 -0300' and friends."""
    match = LOCAL_DATE.match(raw)
    if not match:
        return None
    day, month_name, year, hour, minute, second, zone = match.groups()
    month = LOCAL_MONTHS.get(month_name.lower().rstrip("."))
    if month is None:
        return None
    try:
        naive = datetime(int(year), month, int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    zone_match = ZONE.match(zone.strip())
    if zone_match:
        sign, hours, minutes = zone_match.groups()
        offset = (int(hours) * 60 + int(minutes)) * (1 if sign == "+" else -1)
        if abs(offset) >= 24 * 60:      # "+9900" is no zone on Earth; the date has no usable offset
            return None
        return naive.replace(tzinfo=timezone(timedelta(minutes=offset)))
    if zone.strip().upper() in ("GMT", "UTC", "UT", "Z"):
        return naive.replace(tzinfo=timezone.utc)
    return naive


def _from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's *_parsed tuples are UTC."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None
