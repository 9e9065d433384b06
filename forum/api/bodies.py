"""The bodies the API reads: unknown fields are refused (a 422 naming the field), text is
cleaned as the forms clean it, and the same classes describe the bodies in openapi.json."""

import re

from marshmallow import RAISE, Schema, fields, validate

from forum.api.schemas import enum_field
from forum.core.text import one_line, without_control
from forum.registration.models import Gender, OrganisationSize, OrganisationType


class In(Schema):
    class Meta:
        unknown = RAISE


_SURROGATES = re.compile("[\ud800-\udfff]")


class OneLine(fields.Str):
    """Text read as the forms read it (forum/core/text.py): one line, no control characters
    (PostgreSQL refuses NUL), no lone surrogates (they are no text UTF-8 can store)."""

    def _deserialize(self, value, attr, data, **kwargs):
        return one_line(_SURROGATES.sub("", super()._deserialize(value, attr, data, **kwargs)))


class Paragraphs(fields.Str):
    """Text of several lines: line breaks kept, control characters removed."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        return without_control(_SURROGATES.sub("", text))


LETTERS = {n: validate.Regexp(f"^[A-Za-z]{{{n}}}$") for n in (2, 3)}


class EmptySchema(In):
    """No field: a body, if sent, must be {}."""


class OrganisationInSchema(In):
    id = fields.Int(metadata={"description": "An existing organisation; or give name, type..."})
    name = OneLine(validate=validate.Length(max=200))
    type = enum_field(OrganisationType)
    country = OneLine(validate=LETTERS[2])
    region = OneLine(validate=validate.Length(max=120))
    website = OneLine(validate=validate.Length(max=300))
    size = enum_field(OrganisationSize, allow_none=True)
    women_led = fields.Bool()


class RegistrationCreateSchema(In):
    """A delegate added by the team, as on the desk's form."""

    email = OneLine(required=True, validate=validate.Length(min=1, max=254))
    name = OneLine(required=True, validate=validate.Length(min=1, max=200))
    organisation = fields.Nested(OrganisationInSchema, required=True)
    participant_type_id = fields.Int(allow_none=True)
    status = OneLine(load_default="approved", validate=validate.OneOf(["approved", "submitted"]))
    locale = OneLine(load_default="es", validate=validate.OneOf(["es", "en"]))


class RegistrationUpdateSchema(In):
    """The profile fields to change; those left out keep their value."""

    job_title = OneLine(validate=validate.Length(max=200))
    gender = enum_field(Gender, allow_none=True)
    languages = fields.List(OneLine(validate=LETTERS[2]))
    participant_type_id = fields.Int(allow_none=True)
    offers = Paragraphs(validate=validate.Length(max=5000))
    seeks = Paragraphs(validate=validate.Length(max=5000))
    sector_tag_ids = fields.List(fields.Int())
    offer_tag_ids = fields.List(fields.Int())
    seek_tag_ids = fields.List(fields.Int())
    ticket_min = fields.Int(allow_none=True, validate=validate.Range(min=0, max=10**15))
    ticket_max = fields.Int(allow_none=True, validate=validate.Range(min=0, max=10**15))
    ticket_currency = OneLine(validate=LETTERS[3])
    organisation = fields.Nested(OrganisationInSchema)
