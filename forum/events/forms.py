"""Organizer forms: event, room, track, session."""

from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import URL, DataRequired, NumberRange, Optional, Regexp

from forum.core.form import Form, Limit
from forum.core.labels import (
    EVENT_STATUS_LABELS,
    FORMAT_LABELS,
    LINK_AUDIENCE_LABELS,
    SESSION_KIND_LABELS,
)
from forum.core.names import country_choices, language_choices
from forum.events.models import EventFormat, EventStatus, LinkAudience, SessionKind

# Languages an event can be held in (and its documents printed in), named in the reader's.
EVENT_LANGUAGE_CODES = ("es", "en", "pt", "fr")


def event_language_choices() -> list[tuple[str, str]]:
    return language_choices(EVENT_LANGUAGE_CODES)


class EventForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Limit(200)])
    slug = StringField(
        _l("Web address (slug)"),
        validators=[DataRequired(), Limit(80)],
        description=_l("Lower-case letters, digits and hyphens, e.g. foro-peru-2024."),
    )
    series = StringField(_l("Series"), validators=[Limit(200)])
    organiser_name = StringField(_l("Organised by"), validators=[Limit(200)])
    description = TextAreaField(_l("Description"), validators=[Limit(10_000)])
    city = StringField(_l("City"), validators=[Limit(120)])
    country = SelectField(
        _l("Country"), choices=lambda: [("", "—"), *country_choices()], validate_choice=True
    )
    venue = StringField(_l("Venue"), validators=[Limit(300)])
    timezone = SelectField(
        _l("Time zone"),
        choices=lambda: sorted(available_timezones()),
        default="America/Lima",
        description=_l("All programme times are entered and shown in this zone."),
    )
    start_date = DateField(_l("First day"), validators=[DataRequired()])
    end_date = DateField(_l("Last day"), validators=[DataRequired()])
    format = SelectField(_l("Format"), choices=list(FORMAT_LABELS.items()), coerce=EventFormat)
    languages = SelectMultipleField(
        _l("Languages"), choices=event_language_choices, validators=[DataRequired()], default=["es"]
    )
    status = SelectField(
        _l("Status"), choices=list(EVENT_STATUS_LABELS.items()), coerce=EventStatus
    )
    submit = SubmitField(_l("Save"))

    def to_data(self) -> dict:
        data = {k: v for k, v in self.data.items() if k not in {"submit", "csrf_token"}}
        data["language_codes"] = ",".join(data.pop("languages"))
        return data


class RoomForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Limit(120)])
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), NumberRange(min=1)])
    floor = StringField(_l("Floor"), validators=[Limit(120)])
    notes = TextAreaField(_l("Notes"), validators=[Limit(2000)])
    submit = SubmitField(_l("Save"))


class TrackForm(Form):
    name_es = StringField(_l("Name in Spanish"), validators=[DataRequired(), Limit(200)])
    name_en = StringField(
        _l("Name in English"),
        validators=[Limit(200)],
        description=_l("English readers see the Spanish name while this is empty."),
    )
    description = TextAreaField(_l("Description"), validators=[Limit(10_000)])
    color = StringField(
        _l("Colour"),
        default="#1b6ca8",
        validators=[
            Limit(7),
            Regexp(r"^#[0-9a-fA-F]{6}$", message=_l("A colour like #1b6ca8.")),
        ],
    )
    submit = SubmitField(_l("Save"))


class SessionForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Limit(300)])
    kind = SelectField(_l("Kind"), choices=list(SESSION_KIND_LABELS.items()), coerce=SessionKind)
    description = TextAreaField(_l("Description"), validators=[Limit(10_000)])
    day = DateField(_l("Day"), validators=[DataRequired()])
    start = TimeField(_l("Starts"), validators=[DataRequired()])
    end = TimeField(_l("Ends"), validators=[DataRequired()])
    fold = SelectField(
        _l("Repeated hour"),
        choices=[
            ("", _l("Not needed")),
            ("0", _l("First time (before clocks go back)")),
            ("1", _l("Second time (after clocks go back)")),
        ],
        description=_l("Only on the night clocks go back, when a time happens twice."),
    )
    room_id = SelectField(_l("Room"), coerce=lambda v: int(v) if v else None)
    track_id = SelectField(_l("Track / theme"), coerce=lambda v: int(v) if v else None)
    speakers = TextAreaField(
        _l("Speakers"),
        validators=[Limit(5000)],
        description=_l("One per line: name | organisation | role"),
        render_kw={"rows": 4},
    )
    stream_url = URLField(_l("Streaming or video link"), validators=[Optional(), URL(), Limit(500)])
    link_audience = RadioField(
        _l("Who may see the link"),
        choices=list(LINK_AUDIENCE_LABELS.items()),
        coerce=LinkAudience,
        default=LinkAudience.PARTICIPANTS,
        description=_l(
            "A meeting room is shown to approved delegates only; the public programme, its "
            "calendar and its PDF say “Link for registered participants” instead."
        ),
    )
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), NumberRange(min=1)])
    language = SelectField(_l("Language"), choices=event_language_choices)
    submit = SubmitField(_l("Save"))

    def set_event_choices(self, event) -> None:
        self.room_id.choices = [("", "—")] + [(r.id, r.name) for r in event.rooms]
        self.track_id.choices = [("", "—")] + [(t.id, t.label()) for t in event.tracks]

    def speaker_list(self) -> list[dict]:
        speakers = []
        for line in (self.speakers.data or "").splitlines():
            parts = [p.strip() for p in line.split("|")] + ["", ""]
            if parts[0]:
                speakers.append({"name": parts[0], "organisation": parts[1], "role": parts[2]})
        return speakers

    @staticmethod
    def speakers_text(session) -> str:
        return "\n".join(
            " | ".join(x for x in (s.name, s.organisation, s.role)) for s in session.speakers
        )
