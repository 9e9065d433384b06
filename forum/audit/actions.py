"""What the audit log's codes mean to a reader: action labels and before → after in words.

The log stores codes and plain values (JSON), so that it reads the same in any language and
in the CSV; this module turns them into the viewer's language. A code or a field this module
does not know is shown as it is stored, never hidden.
"""

from datetime import datetime

from babel.dates import format_datetime, format_time
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.core.labels import (
    ATTENDANCE_LABELS,
    AUDIT_ACTION_LABELS,
    AUDIT_FIELD_LABELS,
    OUTCOME_LABELS,
    PROJECT_STATUS_LABELS,
    REGISTRATION_STATUS_LABELS,
    TEAM_ROLE_LABELS,
)

PLACE_FIELDS = {"table", "time"}  # a meeting's place: shown as "table 4, 10:20"
AUTOMATIC_VALUES = {"waiting list": _l("waiting list")}


def action_label(code: str) -> str:
    """The action in the viewer's language; an unknown code as it is."""
    label = AUDIT_ACTION_LABELS.get(code)
    return str(label) if label is not None else code


def action_choices() -> list[tuple[str, str]]:
    """(code, label) for a filter, in the order of AUDIT_ACTION_LABELS."""
    return [(code, str(label)) for code, label in AUDIT_ACTION_LABELS.items()]


def actor_label(entry) -> str:
    """Who did it: their name as recorded, or the command line or an automatic job."""
    return entry.actor_name or _("command line / automatic")


def _instant(value: str) -> datetime | None:
    try:
        instant = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return instant if instant.tzinfo is not None else None


def _time(value, event, with_day: bool) -> str:
    instant = _instant(value) if isinstance(value, str) else None
    if instant is None:
        return _value("time", value, "")
    tz = event.tz if event is not None else instant.tzinfo
    if with_day:
        return format_datetime(instant, "short", tzinfo=tz, locale=get_locale())
    return format_time(instant, "short", tzinfo=tz, locale=get_locale())


def _value(field: str, value, action: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field == "status":
        labels = (
            PROJECT_STATUS_LABELS if action.startswith("project.") else (REGISTRATION_STATUS_LABELS)
        )
        return str(labels.get(value, value))
    if field == "attendance":
        return str(ATTENDANCE_LABELS.get(value, value))
    if field == "outcome":
        return str(OUTCOME_LABELS.get(value, value))
    if field == "role":
        return str(TEAM_ROLE_LABELS.get(value, value))
    if field == "by":
        return str(AUTOMATIC_VALUES.get(value, value))
    return str(value)


def _place(values: dict | None, event, with_day: bool) -> str:
    if not values:
        return "—"
    table = values.get("table")
    when = _time(values.get("time"), event, with_day) if values.get("time") else ""
    if table and when:
        return _("table %(number)s, %(time)s", number=table, time=when)
    if table:
        return _("table %(number)s", number=table)
    return when or "—"


def _day(values: dict | None):
    instant = _instant(values.get("time")) if values else None
    return instant.date() if instant is not None else None


def describe_change(action: str, before: dict | None, after: dict | None, event=None) -> str:
    """before → after in words: "status: submitted → approved", "table 4, 10:20 → table 7,
    10:40"; a field only after (counts of an import) as "created: 3"."""
    before, after = before or {}, after or {}
    if not before and not after:
        return ""
    if set(before) | set(after) <= PLACE_FIELDS:
        with_day = _day(before) != _day(after) and bool(before) and bool(after)
        return f"{_place(before, event, with_day)} → {_place(after, event, with_day)}"
    parts = []
    for field in [*before, *(f for f in after if f not in before)]:
        name = str(AUDIT_FIELD_LABELS.get(field, field))
        if field == "time":
            old, new = _time(before.get(field), event, True), _time(after.get(field), event, True)
        else:
            old = _value(field, before.get(field), action)
            new = _value(field, after.get(field), action)
        if field not in before:
            parts.append(f"{name}: {new}")
        elif field not in after or old == new:
            parts.append(f"{name}: {old}")
        else:
            parts.append(f"{name}: {old} → {new}")
    return "; ".join(parts)
