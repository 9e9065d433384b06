"""Why a meeting was left out of a plan, in the reader's language.

The engine (forum/scheduling, no Flask) and the instance builder explain unplaced meetings in
fixed English sentences, stored with the plan; names, times and tables are already filled in.
They are translated when shown, so a plan made by an RQ worker reads right to every organizer.
A sentence not listed here is shown as it is.
"""

import re
from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import ngettext

PROVEN = " (the schedule provably maximises the priority total)"
_BLOCKED = "every possible slot is blocked by higher-priority or harder meetings: "
_ITEM = re.compile(r"^(?P<slot>.+?) \((?:(?P<who>.+) busy|(?P<table>no table free))\)$")

Translate = Callable[[re.Match], str]
_SENTENCES: list[tuple[re.Pattern, Translate]] = [
    (
        re.compile(r"^participant (?P<who>.+) is unavailable in every slot$"),
        lambda m: _("%(who)s is unavailable in every slot.", who=m["who"]),
    ),
    (
        re.compile(r"^no slot where all participants are available$"),
        lambda m: _("There is no slot where all of its delegates are available."),
    ),
    (
        re.compile(r"^allowed_slots is empty$"),
        lambda m: _("The preferred day or half-day has no meeting slot."),
    ),
    (
        re.compile(r"^allowed_slots all blocked: .*$"),
        lambda m: _("A delegate is unavailable in every slot of the preferred day or half-day."),
    ),
    (
        re.compile(r"^no slot where all participants and a table are available$"),
        lambda m: _("There is no slot where all of its delegates and a table are available."),
    ),
    (
        re.compile(r"^fixed meetings of its participants occupy every slot they could share$"),
        lambda m: _("Locked meetings of its delegates take every slot they could share."),
    ),
    (
        re.compile(r"^every table is taken by fixed meetings in the slots where .*$"),
        lambda m: _("Locked meetings take every table in the slots where its delegates are free."),
    ),
    (
        re.compile(r"^participant (?P<who>.+) has no free slot left \(busy in all (?P<n>\d+) "),
        lambda m: ngettext(
            "%(who)s has no free slot left (busy in the only possible slot).",
            "%(who)s has no free slot left (busy in all %(num)d possible slots).",
            int(m["n"]),
            who=m["who"],
        ),
    ),
    (
        re.compile(r"^all tables are taken in every possible slot \((?P<n>\d+) slots\)$"),
        lambda m: ngettext(
            "All tables are taken in the only possible slot.",
            "All tables are taken in every possible slot (%(num)d slots).",
            int(m["n"]),
        ),
    ),
    (
        re.compile(r"^a delegate has another meeting at that time in a parallel block$"),
        lambda m: _("A delegate has another meeting at that time in a parallel block."),
    ),
    (
        re.compile(r"^every table is in use by a parallel block at that time$"),
        lambda m: _("Every table is in use by a parallel block at that time."),
    ),
    (
        re.compile(r"^it has fewer than two delegates$"),
        lambda m: _("It has fewer than two delegates."),
    ),
    (
        re.compile(r"^a delegate's registration is not approved$"),
        lambda m: _("A delegate's registration is not approved."),
    ),
]


def _blocked_item(item: str) -> str:
    found = _ITEM.match(item)
    if found is None:
        return item
    if found["table"]:
        return _("%(slot)s (no table free)", slot=found["slot"])
    return _("%(slot)s (%(who)s busy)", slot=found["slot"], who=found["who"])


def _blocked(detail: str) -> str:
    items = detail.split("; ")
    more = items[-1] == "..."
    shown = "; ".join(_blocked_item(item) for item in (items[:-1] if more else items))
    return _(
        "Every possible slot is taken by meetings of higher priority or with fewer options: "
        "%(slots)s",
        slots=shown + ("; …" if more else ""),
    )


def translate_reason(reason: str) -> str:
    """The reason in the current language; unknown sentences unchanged."""
    proven = reason.endswith(PROVEN)
    core = reason[: -len(PROVEN)] if proven else reason
    if core.startswith(_BLOCKED):
        text = _blocked(core[len(_BLOCKED) :])
    else:
        text = next((tr(m) for pattern, tr in _SENTENCES if (m := pattern.match(core))), None)
        if text is None:
            return reason
    if proven:
        text += " " + _("No other plan places more of the priority total.")
    return text
