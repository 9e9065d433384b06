"""The audit log as a table for the CSV export: codes and JSON as stored, times with offset."""

import json
from collections.abc import Sequence

from forum.audit.actions import action_label, actor_label
from forum.audit.models import AuditEntry
from forum.core.exports import Table, local_iso

AUDIT_COLUMNS = ("time", "actor", "action", "action_label", "subject", "before", "after")


def _json(values: dict | None) -> str:
    return json.dumps(values, ensure_ascii=False) if values is not None else ""


def audit_table(event, entries: Sequence[AuditEntry]) -> Table:
    """One row per entry; the label in the viewer's language beside the code machines read."""
    rows = [
        [
            local_iso(entry.created_at, event),
            actor_label(entry),
            entry.action,
            action_label(entry.action),
            entry.subject,
            _json(entry.before),
            _json(entry.after),
        ]
        for entry in entries
    ]
    return Table(title="audit", columns=AUDIT_COLUMNS, rows=rows)
