"""What the organizer adds to the funder report: its narrative and the event's own indicators.

Organizer-entered text is stored once per language (`<field>_es`, `<field>_en`), as the
privacy notice is; the report shows the text in its language, else the other one.
"""

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.core.types import UTCDateTime, utcnow
from forum.extensions import db

LANGUAGES = ("es", "en")


def in_language(item, field: str, language: str) -> str:
    """`item.<field>_<language>`, else the same field in the other language, else ''."""
    others = [code for code in LANGUAGES if code != language]
    for code in (language, *others):
        text = (getattr(item, f"{field}_{code}", "") or "").strip()
        if text:
            return text
    return ""


class ReportNarrative(db.Model):
    """The organizer's words in the funder report: objectives, results, lessons (one per event)."""

    __tablename__ = "report_narratives"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), unique=True
    )
    objectives_es: Mapped[str] = mapped_column(sa.Text, server_default="")
    objectives_en: Mapped[str] = mapped_column(sa.Text, server_default="")
    results_es: Mapped[str] = mapped_column(sa.Text, server_default="")
    results_en: Mapped[str] = mapped_column(sa.Text, server_default="")
    lessons_es: Mapped[str] = mapped_column(sa.Text, server_default="")
    lessons_en: Mapped[str] = mapped_column(sa.Text, server_default="")
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event = relationship("Event")


class ReportIndicator(db.Model):
    """A figure the funder asks for that Foro cannot count (green jobs, MSMEs trained...)."""

    __tablename__ = "report_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    name_es: Mapped[str] = mapped_column(sa.String(200), server_default="")
    name_en: Mapped[str] = mapped_column(sa.String(200), server_default="")
    unit_es: Mapped[str] = mapped_column(sa.String(60), server_default="")
    unit_en: Mapped[str] = mapped_column(sa.String(60), server_default="")
    value: Mapped[Decimal] = mapped_column(sa.Numeric(18, 2))
    target: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 2))
    position: Mapped[int] = mapped_column(server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event = relationship("Event")

    def name(self, language: str) -> str:
        return in_language(self, "name", language)

    def unit(self, language: str) -> str:
        return in_language(self, "unit", language)
