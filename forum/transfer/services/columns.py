"""One column's value in the document: how it is written, read back and described.

Instants are ISO 8601 in UTC ("2023-10-16T13:00:00Z"), days "2023-10-16", decimals strings
with the column's scale ("3.75000000"), enumerations their stored value.
"""

from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core.types import UTCDateTime

DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
CLOCK = r"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
ZONE = r"(Z|[+-][0-9]{2}:[0-9]{2})"
INSTANT_PATTERN = f"^{DAY}T{CLOCK}{ZONE}$"
DAY_PATTERN = f"^{DAY}$"
DECIMAL_PATTERN = r"^-?[0-9]{1,18}(\.[0-9]{1,8})?$"
LIMITS = {sa.BigInteger: 2**63 - 1, sa.SmallInteger: 2**15 - 1, sa.Integer: 2**31 - 1}


class BadValue(ValueError):
    """A value the schema lets through that the database would still refuse: no real day,
    instant or number, or text with a NUL character (PostgreSQL stores none)."""


def is_instant(column: sa.Column) -> bool:
    return isinstance(column.type, UTCDateTime)


def is_day(column: sa.Column) -> bool:
    return isinstance(column.type, sa.Date) and not isinstance(column.type, sa.DateTime)


def encode(column: sa.Column, value):
    """The JSON value of a column's Python value."""
    if value is None:
        return None
    kind = column.type
    if is_instant(column):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if is_day(column):
        return value.isoformat()
    if isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Float):
        return format(Decimal(value), f".{kind.scale or 0}f")
    if isinstance(kind, sa.Enum):
        return getattr(value, "value", value)
    return value


def decode(column: sa.Column, value):
    """The Python value of a JSON value the schema accepted; BadValue if it is no real one."""
    if value is None:
        return None
    if isinstance(value, str) and "\x00" in value:
        raise BadValue(_("text with a NUL character"))
    kind = column.type
    try:
        if is_instant(column):
            return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
        if is_day(column):
            return date.fromisoformat(value)
        if isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Float):
            return Decimal(value)
        if isinstance(kind, sa.Enum) and kind.enum_class is not None:
            return kind.enum_class(value)
    except (ValueError, InvalidOperation) as error:
        raise BadValue(_("not a real date, time or number (%(value)s)", value=value)) from error
    return value


def describe(column: sa.Column) -> dict:
    """The JSON Schema of the column's value (null allowed when the column is nullable)."""
    kind = column.type
    if is_instant(column):
        schema = {"type": "string", "pattern": INSTANT_PATTERN}
    elif is_day(column):
        schema = {"type": "string", "pattern": DAY_PATTERN}
    elif isinstance(kind, sa.Boolean):
        schema = {"type": "boolean"}
    elif isinstance(kind, sa.Enum):
        schema = {"type": "string", "enum": list(kind.enums)}
    elif isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Float):
        schema = {"type": "string", "pattern": DECIMAL_PATTERN}
    elif isinstance(kind, sa.Integer):
        limit = next(v for t, v in LIMITS.items() if isinstance(kind, t))
        schema = {"type": "integer", "minimum": -limit - 1, "maximum": limit}
    elif isinstance(kind, sa.String):
        schema = {"type": "string"}
        if kind.length:
            schema["maxLength"] = kind.length
    else:  # pragma: no cover - a new column type needs a line above
        raise TypeError(f"no JSON form for {column.table.name}.{column.name}: {kind!r}")
    if column.nullable:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return schema


def required(column: sa.Column) -> bool:
    """A row must give the column: not nullable and nothing fills it in by default."""
    return not column.nullable and column.default is None and column.server_default is None
