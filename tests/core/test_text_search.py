import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from forum.core.text_search import (
    MAX_WORDS,
    all_words,
    contains,
    fold,
    folded,
    folded_word_regex,
    like_pattern,
    loose_pattern,
    search_words,
)
from forum.directory import services as directory
from forum.extensions import db
from forum.projects.models import Project, ProjectStatus
from forum.projects.services import catalogue as project_catalogue
from forum.registration.models import Organisation
from tests.factories import create_project


def test_fold_lowers_and_drops_the_accents_of_spanish_and_portuguese():
    assert fold("Ñahui Quispe — JAÉN, Cajamarca") == "nahui quispe — jaen, cajamarca"
    assert fold("São João; Çaçapava; Ÿ") == "sao joao; cacapava; y"
    assert fold(None) == ""


def test_like_pattern_keeps_wildcards_literal():
    assert like_pattern("100% café_1") == "%100\\% cafe\\_1%"
    assert like_pattern("a\\b") == "%a\\\\b%"


@pytest.mark.parametrize(
    "name",
    ["Cooperativa Agraria Cafetalera Jaén", "COOPERATIVA AGRARIA CAFETALERA JAÉN", "Ñandú"],
)
def test_the_database_folds_like_python(db, create_organisation, name):
    create_organisation(name=name)

    stored = db.session.scalar(sa.select(folded(Organisation.name)))

    assert stored == fold(name)


def test_contains_ignores_case_and_accents_on_both_sides(db, create_organisation):
    for name in ("Asociación de Productores de Cuyes de Ñahuimpuquio", "Banco Agropecuario"):
        create_organisation(name=name)

    def found(text):
        query = sa.select(Organisation.name).where(contains(Organisation.name, text))
        return db.session.scalars(query).all()

    assert found("ñahuimpuquio") == ["Asociación de Productores de Cuyes de Ñahuimpuquio"]
    assert found("ASOCIACION") == ["Asociación de Productores de Cuyes de Ñahuimpuquio"]
    assert found("nahuimpuquio") == ["Asociación de Productores de Cuyes de Ñahuimpuquio"]
    assert found("agropecuário") == ["Banco Agropecuario"]
    assert found("%") == []


def test_directory_finds_a_delegate_typed_without_accents(
    create_event, create_registration, create_user
):
    event = create_event()
    create_registration(event, user=create_user(email="n@example.org", name="Ñusta Huamán"))
    create_registration(event, user=create_user(email="j@example.org", name="José Pérez"))

    def found(text):
        query = directory.search_query(event, directory.DirectoryQuery(text=text))
        return [r.user.name for r in db.session.scalars(query)]

    assert found("nusta huaman") == ["Ñusta Huamán"]
    assert found("PEREZ") == ["José Pérez"]
    assert found("huamán") == ["Ñusta Huamán"]


def test_catalogue_finds_a_project_typed_without_accents(create_event, create_organisation):
    event = create_event()
    midagri = create_organisation(name="Ministerio de Desarrollo Agrario y Riego")
    create_project(event, midagri, "Café agroforestal en Jaén y San Ignacio")
    create_project(event, midagri, "Palta orgánica andina en Huancavelica")
    accepted = db.session.scalars(sa.select(Project)).all()
    assert {p.status for p in accepted} == {ProjectStatus.ACCEPTED}

    def found(text):
        filters = project_catalogue.CatalogueFilters(text=text)
        return [p.title for p in project_catalogue.catalogue(event, filters)]

    assert found("jaen cafe") == ["Café agroforestal en Jaén y San Ignacio"]  # words, any order
    assert found("jaen huancavelica") == []  # every word, in the same project
    assert found("en jaen") == ["Café agroforestal en Jaén y San Ignacio"]
    assert found("ORGANICA") == ["Palta orgánica andina en Huancavelica"]


def test_search_words_split_on_spaces_and_punctuation_folded_each_once():
    parsed = search_words("  Café, JAÉN-cafe; san_ignacio 100% ")
    assert parsed.words == ("cafe", "jaen", "san_ignacio", "100")
    assert (parsed.dropped, parsed.no_words, parsed.note) == (0, False, "")
    assert search_words("").words == () and not search_words("   ").no_words


def test_punctuation_only_is_no_word_with_a_note_in_the_users_language(app):
    parsed = search_words("%% -- ¿? ...")
    assert (parsed.words, parsed.no_words, bool(parsed)) == ((), True, False)
    with app.test_request_context(), force_locale("es"):
        assert parsed.note == (
            "Una búsqueda necesita letras o cifras: escriba parte de un nombre, una "
            "organización o un lugar."
        )


def test_a_long_search_keeps_its_first_words_and_says_so(app):
    parsed = search_words(" ".join(f"w{i}" for i in range(500)))
    assert parsed.words == tuple(f"w{i}" for i in range(MAX_WORDS)) and MAX_WORDS == 10
    assert parsed.dropped == 490
    with app.test_request_context(), force_locale("en"):
        assert parsed.note == "Only the first 10 words of the search were used (490 more left out)."


@pytest.fixture
def organisations(db, create_organisation):
    names = (
        "Gobierno Regional de Cajamarca",
        "Cooperativa Agraria Cafetalera Bosque Nublado de Jaén",
        "Municipalidad de San Ignacio",
        "Fondo 100% Andino",
        "Red_Cuyes",
        "RedXCuyes",
    )
    for name in names:
        create_organisation(name=name, region="Cajamarca" if "Cajamarca" in name else "")


def _found(text):
    query = sa.select(Organisation.name).where(
        all_words((Organisation.name, Organisation.region), text)
    )
    return sorted(db.session.scalars(query))


def test_all_words_every_word_somewhere_any_order_case_and_accents_ignored(organisations):
    assert _found("cajamarca GOBIERNO") == ["Gobierno Regional de Cajamarca"]
    assert _found("jaén cooperativa") == ["Cooperativa Agraria Cafetalera Bosque Nublado de Jaén"]
    assert _found("cooperativa cafetalera jaen") == _found("JAEN, cafetalera; cooperativa")
    assert _found("cooperativa cajamarca") == []  # each word, but in the same row
    assert _found("de") == [
        "Cooperativa Agraria Cafetalera Bosque Nublado de Jaén",
        "Gobierno Regional de Cajamarca",
        "Municipalidad de San Ignacio",
    ]
    assert len(_found("")) == 6  # no search: no filter


def test_all_words_keeps_wildcards_literal_and_punctuation_finds_nothing(organisations):
    assert _found("red_cuyes") == ["Red_Cuyes"]  # "_" is a letter here, not any character
    assert _found("%") == [] and _found("_") == ["Red_Cuyes"]
    assert _found("100%") == ["Fondo 100% Andino"]
    assert _found("-- ; ..") == []  # only punctuation: nothing, never everyone


def test_all_words_uses_the_first_ten_of_500_words(organisations):
    assert _found("gobierno " + " ".join(["cajamarca"] * 499)) == ["Gobierno Regional de Cajamarca"]
    ten = "gobierno regional de cajamarca g o b i e r"  # ten words, each in that name
    assert _found(ten + " nowhere") == ["Gobierno Regional de Cajamarca"]  # the 11th unused
    assert _found(" ".join(f"w{i}" for i in range(500))) == []  # no 500 LIKEs, no error
    assert _found("nowhere " + ten) == []


def test_loose_pattern_lets_through_every_letter_an_accent_may_hide():
    assert loose_pattern("cajamarca") == "%__j_m_r__%"  # ç folds to c
    assert loose_pattern("san_ignacio") == "%s__\\__g_____%"
    assert loose_pattern("100%ß") == "%100\\%_%"


NAMES = ("Jaén", "JAEN", "Ñandú Perú", "nandu peru", "Straße 5", "a_b", "axb", "São João 100%")


@pytest.mark.parametrize(
    "text",
    ["jaen", "JAÉN", "ñandu", "NANDU peru", "straße", "a_b", "100", "sao joão", "ao", "u"],
)
def test_all_words_finds_what_folding_in_python_finds(db, create_organisation, text):
    """The shortcuts (the word as typed, the loose pattern) never change the result."""
    for name in NAMES:
        create_organisation(name=name)
    query = sa.select(Organisation.name).where(all_words((Organisation.name,), text))
    words = search_words(text).words
    assert sorted(db.session.scalars(query)) == sorted(
        n for n in NAMES if all(w in fold(n) for w in words)
    )


def test_sql_lower_folds_every_letter_as_python_does(db, create_organisation):
    create_organisation("ÑAHUI CAFÉ ÇAÇAPAVA")
    lowered = db.session.scalar(sa.select(sa.func.lower(Organisation.name)))
    assert lowered == "ñahui café çaçapava"
    assert db.session.scalar(sa.select(sa.func.lower(None))) is None


def test_a_search_in_lower_case_finds_the_name_in_capitals(db, create_organisation):
    nahui = create_organisation("ÑAHUI CAFÉ")
    create_organisation("Nativa Cacao")
    found = db.session.scalars(
        sa.select(Organisation.id).where(all_words((Organisation.name,), "ñahui"))
    ).all()
    assert found == [nahui.id]


def test_the_folded_word_regex_gives_each_letter_its_accented_forms():
    assert folded_word_regex("nu_1") == "[nÑñ][uÚÙÛÜúùûü]_1"
    assert folded_word_regex("y") == "[yÝýÿ]"
    assert folded_word_regex("b2b") == "b2b"


@pytest.fixture
def tricky_names(db, create_organisation):
    names = (
        "ÑANDÚ GUAZÚ",
        "São João",
        "CAFÉ Ýungas",
        "Cooperativa Jaén",
        "Red_Cuyes 100% Andino",
        "RedXCuyes",
        "Übersee",
    )
    for name in names:
        create_organisation(name=name)
    return names


@pytest.mark.parametrize(
    "text",
    ["nandu", "ÑANDÚ guazu", "sao joao", "cafe", "café yung", "jaen", "JAÉN coop", "red_cuyes",
     "100", "uber", "u", "ñ", "zz"],
)  # fmt: skip
def test_the_search_matches_what_folding_in_python_finds(tricky_names, text):
    """PostgreSQL runs one regular expression per word, SQLite LIKE and the fold function:
    both find exactly the names whose folded text holds every folded word."""
    words = search_words(text).words
    expected = sorted(n for n in tricky_names if all(w in fold(n) for w in words))
    assert _found(text) == expected


def test_a_search_statement_compiled_once_serves_other_words(tricky_names):
    """The statement is compiled once per shape and kept: the next search's words must be
    the ones looked up, on each database."""
    assert [_found(text) for text in ("jaen", "nandu", "sao")] == [
        ["Cooperativa Jaén"],
        ["ÑANDÚ GUAZÚ"],
        ["São João"],
    ]
