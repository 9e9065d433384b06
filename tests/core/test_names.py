"""Country, language and currency names come from CLDR, in the reader's language."""

from flask import render_template_string
from flask_babel import force_locale

from forum.core import labels, names


def test_country_names_come_from_cldr_in_the_given_language(app):
    assert names.country_name("PE", "es") == "Perú"
    assert names.country_name("pe", "en") == "Peru"
    assert names.country_name("AF", "es") == "Afganistán"
    assert names.country_name("US", "es") == "Estados Unidos"
    assert names.country_name("", "es") == ""
    with app.test_request_context(), force_locale("es"):
        assert names.country_name("DE") == "Alemania"
        assert render_template_string("{{ 'MX'|country_name }}") == "México"
    # The old address keeps working for callers that import it from labels.
    assert labels.country_name is names.country_name


def test_country_choices_are_every_iso_country_sorted_ignoring_accents(app):
    spanish = names.country_choices("es")
    codes = [code for code, _ in spanish]
    assert len(codes) == len(set(codes)) == 249
    country = [name for _, name in spanish]
    # Perú sorts between Panamá and Polonia as if it had no accent.
    assert country.index("Panamá") < country.index("Perú") < country.index("Polonia")
    assert dict(names.country_choices("en"))["PE"] == "Peru"
    with app.test_request_context(), force_locale("es"):
        assert dict(names.country_choices())["GB"] == "Reino Unido"


def test_a_filter_names_and_sorts_only_its_countries():
    assert names.named_countries({"PE", "AT", "AF", ""}, "es") == [
        ("AF", "Afganistán"),
        ("AT", "Austria"),
        ("PE", "Perú"),
    ]
    assert names.named_countries({"DE", "ES"}, "es") == [("DE", "Alemania"), ("ES", "España")]
    assert names.named_countries({"DE", "ES"}, "en") == [("DE", "Germany"), ("ES", "Spain")]


def test_languages_are_named_in_the_readers_language(app):
    assert names.language_name("qu", "es") == "Quechua"
    assert names.language_name("ay", "es") == "Aimara"
    assert names.language_name("ay", "en") == "Aymara"
    assert names.language_name("en", "es") == "Inglés"
    assert names.language_name("xx", "es") == "xx"
    assert names.language_names(["es", "qu"], "es") == "Español, Quechua"
    assert names.language_names(["es", "qu"], "en") == "Spanish, Quechua"
    # Sorted by the name the reader sees, accents folded ("Alemán" as "aleman").
    assert names.language_choices(["es", "de", "ay", "en", "qu"], "es") == [
        ("ay", "Aimara"),
        ("de", "Alemán"),
        ("es", "Español"),
        ("en", "Inglés"),
        ("qu", "Quechua"),
    ]
    with app.test_request_context(), force_locale("en"):
        assert render_template_string("{{ ['es', 'qu']|language_names }}") == "Spanish, Quechua"


def test_the_language_switch_names_each_language_in_its_own_words():
    assert names.endonym_choices(["es", "en", "qu", "ay", "pt"]) == [
        ("es", "Español"),
        ("en", "English"),
        ("qu", "Runasimi"),
        ("ay", "Aymar aru"),
        ("pt", "Português"),
    ]


def test_currencies_are_named_and_written_as_the_reader_expects(app):
    assert names.currency_name("PEN", "es") == "sol peruano"
    assert names.currency_name("PEN", "es", count=3) == "soles peruanos"
    assert names.currency_name("PEN", "en") == "Peruvian Sol"
    assert names.currency_label("EUR", "es") == "EUR · euro"
    assert names.currency_symbol("USD", "es") == "US$"
    assert names.currency_symbol("USD", "en") == "$"
    assert names.whole_money(12000, "PEN", "es") == "12.000\xa0PEN"
    assert names.whole_money(12000, "USD", "en") == "$12,000"
    assert names.whole_money(12000, "USD", "es") == "12.000\xa0US$"
    assert names.whole_money(None, "USD", "es") == ""
    with app.test_request_context(), force_locale("es"):
        html = render_template_string("{{ 2500|whole_money('EUR') }} {{ 'BOB'|currency_name }}")
    assert html == "2.500\xa0€ boliviano"


def test_names_sort_with_accents_folded():
    # The dashboard's regions with equal counts: "Áncash" with the A's, not after "Zürich".
    regions = ["Zürich (Suiza)", "Áncash (Perú)", "Lima (Perú)", "ayacucho (Perú)"]
    assert sorted(regions, key=names.sort_key) == [
        "Áncash (Perú)", "ayacucho (Perú)", "Lima (Perú)", "Zürich (Suiza)"
    ]  # fmt: skip
