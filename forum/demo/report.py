"""The funder report of a demo forum: the organizer's narrative and custom indicators, saved
through the services of the report page. Given by the `report` part of forum.yaml (see
data/README.md); what delegates reported after their meetings comes from demo/history.py."""

from collections.abc import Callable

from forum.core.errors import DomainError
from forum.demo import DemoDataError
from forum.events.models import Event
from forum.reports.services import content


def load_report(event: Event, spec: dict | None, echo: Callable[[str], None] = print) -> None:
    if not spec:
        return
    where = f"{event.slug}/forum.yaml, report"
    narrative = spec.get("narrative", {})
    texts = {
        f"{field}_{language}": text
        for field, by_language in narrative.items()
        for language, text in (by_language or {}).items()
    }
    try:
        content.save_narrative(event, texts)
        for item in spec.get("indicators", []):
            content.add_indicator(event, _indicator(item), locale="en")
    except DomainError as error:
        raise DemoDataError(f"{where}: {error}") from error
    echo(f"    report: narrative, {len(spec.get('indicators', []))} indicators")


def _indicator(item: dict) -> content.IndicatorInput:
    name, unit = item.get("name", {}), item.get("unit", {})
    target = item.get("target")
    return content.IndicatorInput(
        name_es=name.get("es", ""),
        name_en=name.get("en", ""),
        unit_es=unit.get("es", ""),
        unit_en=unit.get("en", ""),
        value=str(item["value"]),
        target="" if target is None else str(target),
    )
