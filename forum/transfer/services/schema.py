"""The JSON Schema of a whole-event document, built from the tables, and the check of a
document against the copy kept in forum/transfer/schema/event-v1.json.

After a model change, write it again (FORO_ENV=development for the app's key):
    python -m forum.transfer.services.schema > forum/transfer/schema/event-v1.json
(tests/transfer checks the file and the models agree).
"""

import json
from functools import cache
from pathlib import Path

from flask_babel import gettext as _
from jsonschema import Draft202012Validator

from forum.core.errors import DomainError
from forum.transfer.services import columns
from forum.transfer.services.layout import (
    KEY,
    Field,
    event_fields,
    organisation_fields,
    section_fields,
    user_fields,
)
from forum.transfer.services.sections import FORMAT, SCHEMA_VERSION, SECTIONS

SCHEMA_FILE = Path(__file__).parent.parent / "schema" / f"event-v{SCHEMA_VERSION}.json"
REFERENCE = {"type": "string", "minLength": 1, "maxLength": 254}
SHOWN_ERRORS = 5


def _object(fields: list[Field], keyed: bool = False) -> dict:
    properties = {KEY: REFERENCE} if keyed else {}
    for field in fields:
        if field.target is None:
            properties[field.name] = columns.describe(field.column)
        elif field.column.nullable:
            properties[field.name] = {"anyOf": [REFERENCE, {"type": "null"}]}
        else:
            properties[field.name] = REFERENCE
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


def _rows(item: dict) -> dict:
    return {"type": "array", "items": item}


def build_schema() -> dict:
    """The schema of the document this version of Foro writes and reads."""
    users = _object(user_fields())
    users["properties"]["email"] = {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+$"}
    properties = {
        "format": {"const": FORMAT},
        "schema_version": {"const": SCHEMA_VERSION},
        "exported_at": {"type": "string", "pattern": columns.INSTANT_PATTERN},
        "event": _object(event_fields()),
        "users": _rows(users),
        "organisations": _rows(_object(organisation_fields(), keyed=True)),
    }
    for section in SECTIONS:
        properties[section.name] = _rows(_object(section_fields(section), keyed=section.keyed))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://foro.example/schema/event-v{SCHEMA_VERSION}.json",
        "title": "A whole Foro event: settings, programme, people, meetings, projects",
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _place(error) -> str:
    place = ""
    for step in error.absolute_path:
        place += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if place else step)
    return place or _("the document")


def _reason(error) -> str:
    kind, value = error.validator, error.validator_value
    if kind == "anyOf":  # a nullable value: what was wrong with it as a value
        inner = [e for e in error.context if e.schema != {"type": "null"}]
        if inner:
            return _reason(inner[0])
    if kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return _("unknown field “%(field)s”", field=", ".join(extra))
    if kind == "required":
        missing = [name for name in value if name not in error.instance]
        return _("missing field “%(field)s”", field=", ".join(missing))
    if kind == "type":
        return _("a value of the wrong type (%(value)s)", value=json.dumps(error.instance)[:60])
    if kind == "enum":
        return _("“%(value)s” is not one of %(allowed)s", value=error.instance, allowed=value)
    if kind == "maxLength":
        return _("longer than %(num)d characters", num=value)
    if kind in ("minimum", "maximum"):
        return _("the number %(value)s is out of range", value=error.instance)
    if kind == "const":
        return _("must be %(value)s", value=json.dumps(value))
    return _("not in the expected form (%(value)s)", value=json.dumps(error.instance)[:60])


def check_document(document: dict) -> None:
    """Raise a DomainError naming the first fields that break the schema."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.path)))
    if errors:
        raise DomainError(
            {
                "": [
                    _("%(place)s: %(reason)s", place=_place(e), reason=_reason(e))
                    for e in errors[:SHOWN_ERRORS]
                ]
            }
        )


if __name__ == "__main__":  # pragma: no cover - writes the schema file
    from forum import create_app

    with create_app().app_context():
        print(json.dumps(build_schema(), indent=1, ensure_ascii=False))
