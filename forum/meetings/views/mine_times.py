"""When and where each meeting of My meetings is, worked out once per line in Python.

The page printed these through the `zoned` and `meeting_calendar_links` macros (two to three
macro calls, a viewer's-zone lookup and five translations per meeting). The text is the same:
the halves of local_time.zoned_parts for the viewer's zone (looked up once), and the
calendar links of meetings/_macros.html's meeting_calendar_links, escaped as that macro's
autoescaped strings are (a name or place with "&" goes into the links as "&amp;" there too).
"""

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext
from markupsafe import Markup

from forum.core import local_time
from forum.core.calendar_links import CalendarLinks, calendar_links
from forum.meetings.services.my_meetings import MeetingLine
from forum.web.i18n import viewer_zone


@dataclass(frozen=True)
class MeetingTime:
    """A placed meeting's time on the event's clock and the viewer's, and its calendar links
    (None when cancelled: no links)."""

    ours: str
    theirs: str | None
    calendar: CalendarLinks | None
    names: str  # the other side's names, as the calendar links' hidden words


def _template_text(text: str, **variables) -> Markup:
    """A translation as templates' _() makes it while autoescaping: the variables escaped."""
    return Markup(gettext(text)) % variables


def _calendar(event, line: MeetingLine, names: str, details: str) -> CalendarLinks:
    title = _template_text("Meeting with %(names)s", names=names)
    table = line.table
    parts = [
        _template_text("Table %(table)s", table=table) if table else "",
        table.room if table else "",
        event.venue,
        event.city,
    ]
    shown = [part for part in parts if part]
    # the macro's |join escapes the plain strings once one part is markup (the table's)
    place = Markup(", ").join(shown) if table else ", ".join(shown)
    return calendar_links(title, line.starts_at, line.ends_at, details, place)


def meeting_times(event, lines: list[MeetingLine]) -> dict[int, MeetingTime]:
    """The time and calendar links of each placed meeting, by meeting id."""
    viewer = viewer_zone()
    details = event.name + "\n" + url_for("meetings.mine", slug=event.slug, _external=True)
    times = {}
    for line in lines:
        if line.starts_at is None:
            continue
        ours, theirs = local_time.zoned_parts(line.starts_at, event, line.ends_at, viewer)
        names = ", ".join(person.display_name for person in line.counterparts)
        cancelled = line.status.value == "cancelled"
        calendar = None if cancelled else _calendar(event, line, names, details)
        times[line.id] = MeetingTime(ours, theirs, calendar, names)
    return times
