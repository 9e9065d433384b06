"""Links that add one meeting or session to Google Calendar or Outlook.

Plain links the delegate clicks out to: our server never calls either service. Times go in
UTC (Google's `20231017T080000Z`, Outlook's ISO 8601 with `Z`), so the calendar shows them
in the reader's own zone whatever the event's. Values are percent-encoded (spaces as %20:
Outlook shows a `+` literally).
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose"
# Calendar services cut long links; the details are a reminder, not the whole programme.
MAX_DETAILS = 1500


@dataclass(frozen=True)
class CalendarLinks:
    google: str
    outlook: str


def _utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:  # stored instants are UTC (core/types.py)
        return instant.replace(tzinfo=UTC)
    return instant.astimezone(UTC)


def _query(params: dict[str, str]) -> str:
    return urlencode({k: v for k, v in params.items() if v}, quote_via=quote)


def google_url(
    title: str, starts_at: datetime, ends_at: datetime, details: str = "", location: str = ""
) -> str:
    dates = "/".join(_utc(t).strftime("%Y%m%dT%H%M%SZ") for t in (starts_at, ends_at))
    params = {
        "action": "TEMPLATE",
        "text": title,
        "dates": dates,
        "details": details[:MAX_DETAILS],
        "location": location,
    }
    return f"{GOOGLE}?{_query(params)}"


def outlook_url(
    title: str, starts_at: datetime, ends_at: datetime, details: str = "", location: str = ""
) -> str:
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": _utc(starts_at).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": _utc(ends_at).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": details[:MAX_DETAILS],
        "location": location,
    }
    return f"{OUTLOOK}?{_query(params)}"


def calendar_links(
    title: str, starts_at: datetime, ends_at: datetime, details: str = "", location: str = ""
) -> CalendarLinks:
    """Both links for one entry (templates call this as `calendar_links(...)`)."""
    return CalendarLinks(
        google=google_url(title, starts_at, ends_at, details, location),
        outlook=outlook_url(title, starts_at, ends_at, details, location),
    )
