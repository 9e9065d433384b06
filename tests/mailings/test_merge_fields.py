import pytest

from forum.mailings.services import merge_fields


def test_fields_are_replaced_and_doubled_braces_are_braces(app):
    with app.test_request_context():
        text = "Hola {name} ({organisation}) {{literal}} {agenda_link}"
        assert merge_fields.check(text) == {"name", "organisation", "agenda_link"}
        merged = merge_fields.merge(
            text, {"name": "Ana", "organisation": "Coop", "agenda_link": "http://x/me"}
        )
    assert merged == "Hola Ana (Coop) {literal} http://x/me"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hello {nmae}", "Unknown merge field “{nmae}”"),
        # no attribute access, indexing or format specs: they are unknown fields
        ("{name.__class__}", "Unknown merge field “{name.__class__}”"),
        ("{name[0]}", "Unknown merge field “{name[0]}”"),
        ("{name!r}", "Unknown merge field “{name!r}”"),
        ("Hello {name", "A brace “{” is not closed"),
        ("Hello name}", "A brace “}” is not closed"),
    ],
)
def test_unknown_fields_and_lone_braces_are_refused_by_name(app, text, message):
    with app.test_request_context(), pytest.raises(merge_fields.MergeFieldError) as error:
        merge_fields.check(text)
    assert message in str(error.value)
