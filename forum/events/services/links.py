"""Who may follow an online link: the one rule for sessions' and virtual tables' links.

A session's link is either a public webcast (anyone may watch) or a meeting room for the
event's approved delegates. A virtual table's video link is always a meeting room. Every
page, calendar and PDF asks `session_link` or `table_link` what to show, so no template
decides on its own; those who may not follow a room link read `PARTICIPANTS_ONLY` instead.
The team edits the links on the manage pages, which show them as entered.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from forum.events.models import LinkAudience, ProgrammeSession
from forum.registration.models import Registration

PARTICIPANTS_ONLY = _l("Link for registered participants")


@dataclass(frozen=True)
class ShownLink:
    """What a reader is shown of a link: the URL, or only that one exists for participants."""

    url: str = ""
    withheld: bool = False

    def __bool__(self) -> bool:
        return bool(self.url) or self.withheld

    @property
    def note(self) -> str:
        """The words shown instead of a withheld link ("" when the URL is shown or absent)."""
        return str(PARTICIPANTS_ONLY) if self.withheld else ""


def is_participant(registration: Registration | None, event_id: int) -> bool:
    """An approved delegate of this event: the only readers of meeting-room links."""
    return (
        registration is not None and registration.event_id == event_id and registration.is_approved
    )


def may_follow(audience: LinkAudience, registration: Registration | None, event_id: int) -> bool:
    """THE rule: a public link is for anyone, any other link for the event's approved delegates."""
    return audience == LinkAudience.PUBLIC or is_participant(registration, event_id)


def session_link(session: ProgrammeSession, registration: Registration | None) -> ShownLink:
    """The session's link as `registration` (None: an anonymous or public reader) sees it."""
    if not session.stream_url:
        return ShownLink()
    if may_follow(session.link_audience, registration, session.event_id):
        return ShownLink(url=session.stream_url)
    return ShownLink(withheld=True)


def session_links(sessions, registration: Registration | None) -> dict[int, ShownLink]:
    """The links of many sessions for one reader, by session id (for the programme page)."""
    return {s.id: session_link(s, registration) for s in sessions}


def table_link(table, registration: Registration | None) -> ShownLink:
    """A meeting table's video link: only virtual tables have one, only delegates see it."""
    if table is None or not table.is_virtual or not table.video_url:
        return ShownLink()
    if may_follow(LinkAudience.PARTICIPANTS, registration, table.event_id):
        return ShownLink(url=table.video_url)
    return ShownLink(withheld=True)
