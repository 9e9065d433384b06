import pytest
import sqlalchemy as sa

from forum.core.text_search import contains, fold, folded, like_pattern
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
        return [r.user.name for r in directory.search(event, directory.DirectoryQuery(text=text))]

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
