"""The Google Calendar and Outlook links: parsed back, every parameter exact."""

from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

from forum.core.calendar_links import MAX_DETAILS, calendar_links, google_url, outlook_url

LIMA = timezone(timedelta(hours=-5))
START = datetime(2023, 11, 29, 15, 45, tzinfo=LIMA)  # 20:45 UTC
END = datetime(2023, 11, 29, 16, 5, tzinfo=LIMA)
TITLE = "Reunión con Percy Huachaca & Cía: café/cacao #1"
DETAILS = "Foro de Inversiones Perú 2023\nhttps://foro.example/events/peru/meetings?x=1&y=2"
PLACE = "Mesa 19, Salón de ruedas de negocios, Cajamarca"


def parsed(url: str):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", parse_qs(
        parts.query, strict_parsing=True
    )


def test_google_link_in_utc_with_every_field():
    base, query = parsed(google_url(TITLE, START, END, DETAILS, PLACE))
    assert base == "https://calendar.google.com/calendar/render"
    assert query == {
        "action": ["TEMPLATE"],
        "text": [TITLE],
        "dates": ["20231129T204500Z/20231129T210500Z"],
        "details": [DETAILS],
        "location": [PLACE],
    }


def test_outlook_link_in_utc_with_every_field():
    base, query = parsed(outlook_url(TITLE, START, END, DETAILS, PLACE))
    assert base == "https://outlook.live.com/calendar/0/deeplink/compose"
    assert query == {
        "path": ["/calendar/action/compose"],
        "rru": ["addevent"],
        "subject": [TITLE],
        "startdt": ["2023-11-29T20:45:00Z"],
        "enddt": ["2023-11-29T21:05:00Z"],
        "body": [DETAILS],
        "location": [PLACE],
    }


def test_values_are_percent_encoded_never_with_plus_signs():
    url = outlook_url("Plan & café", START, END)
    assert "subject=Plan%20%26%20caf%C3%A9" in url
    assert "+" not in url and " " not in url


def test_empty_fields_are_left_out_and_naive_times_read_as_utc():
    naive = datetime(2023, 10, 17, 8, 0)
    _base, query = parsed(google_url("Opening plenary", naive, naive + timedelta(hours=1)))
    assert query == {
        "action": ["TEMPLATE"],
        "text": ["Opening plenary"],
        "dates": ["20231017T080000Z/20231017T090000Z"],
    }


def test_long_details_are_cut_and_both_links_come_together():
    links = calendar_links("Panel", START, END, "x" * 5000, "")
    _base, google = parsed(links.google)
    _base, outlook = parsed(links.outlook)
    assert len(google["details"][0]) == MAX_DETAILS
    assert len(outlook["body"][0]) == MAX_DETAILS
    assert google["dates"] == ["20231129T204500Z/20231129T210500Z"]
    assert START.astimezone(UTC).hour == 20
