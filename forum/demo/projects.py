"""Demo projects: Peru's three investment plans at the Hand-in-Hand Investment Forum 2023 and
the five cooperation projects of the V Pacific Alliance Cooperation Forum, with their pitches
and investors' interest — all through the services.

The plans and projects, their places and themes come from ../shared/seeds; every amount and
count is an example (said so in each description), as are the interests and commitments.
Presenters and investors are the fictional demo delegates of forum/demo/delegates.py.
"""

from collections.abc import Callable

import sqlalchemy as sa

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.events.models import Event
from forum.extensions import db
from forum.projects.models import (
    CommitmentStatus,
    Instrument,
    InterestLevel,
    Project,
    ProjectKind,
    ProjectStage,
    ProjectStatus,
)
from forum.projects.services import interest, pitches
from forum.projects.services.projects import ProjectInput, submit_project
from forum.registration.models import Registration

HIH = "hand-in-hand-2023"
AP = "foro-cooperacion-alianza-pacifico-2024"
EXAMPLE_EN = (
    "Example figures: the amounts and numbers on this page illustrate the plan for the demo; "
    "they are not official figures."
)
EXAMPLE_ES = (
    "Cifras de ejemplo: los montos y números de esta ficha ilustran el proyecto para la "
    "demostración; no son cifras oficiales."
)
AP_COUNTRIES = ["Chile", "Colombia", "México", "Perú"]


def _plan(presenter: str, title: str, summary: str, description: str, **fields) -> dict:
    return {"presenter": presenter, "title": title, "summary": summary,
            "description": description, **fields}  # fmt: skip


PROJECTS: dict[str, list[dict]] = {
    HIH: [
        _plan(
            "beatriz.cabrera@midagri.example",
            "Agroforestry coffee in Jaén and San Ignacio",
            "Renewing smallholder coffee farms under shade-tree agroforestry systems in the "
            "provinces of Jaén and San Ignacio (Cajamarca), over about 14,000 hectares.",
            "Peru's Hand-in-Hand investment plan for coffee in the north of Cajamarca: renovation "
            "of ageing plantations with rust-tolerant varieties, shade trees and soil restoration, "
            "post-harvest infrastructure for producer cooperatives, and access to specialty and "
            f"certified markets. The plan covers about 14,000 hectares.\n{EXAMPLE_EN}",
            tags=["coffee"],
            regions=["Cajamarca", "Jaén", "San Ignacio"],
            amount_sought=48_000_000_00,
            instrument=Instrument.BLENDED,
            stage=ProjectStage.FEASIBILITY,
            beneficiaries=9_500,
            women_share=32,
            smallholders=7_200,
            area_hectares=14_000,
            sdgs=[1, 2, 5, 8, 13, 15],
            pitch_minutes=25,
        ),
        _plan(
            "beatriz.cabrera@midagri.example",
            "Regenerative dairy in La Libertad",
            "Raising the productivity and incomes of small dairy farmers in the highlands of La "
            "Libertad through regenerative livestock farming.",
            "Improved pastures and rotational grazing, animal health and genetics, cooling "
            "centres close to the farms and contracts with processors, so that milk from small "
            "herds reaches the market cold and on time while soils and pastures recover.\n"
            f"{EXAMPLE_EN}",
            tags=["dairy", "livestock", "regenerative agriculture"],
            regions=["La Libertad"],
            amount_sought=22_500_000_00,
            instrument=Instrument.DEBT,
            stage=ProjectStage.PRE_FEASIBILITY,
            beneficiaries=4_200,
            women_share=41,
            smallholders=3_600,
            area_hectares=18_500,
            sdgs=[1, 2, 8, 12, 13],
            pitch_minutes=25,
        ),
        _plan(
            "beatriz.cabrera@midagri.example",
            "Andean organic avocado in Huancavelica",
            "Linking smallholder producers of organic avocado in Huancavelica to large "
            "agro-industry, without intermediaries.",
            "Certified organic production in high Andean valleys, packing and collection centres "
            "run by producer organisations, and supply agreements signed directly with "
            f"exporting agro-industries.\n{EXAMPLE_EN}",
            tags=["avocado", "market access"],
            regions=["Huancavelica"],
            amount_sought=16_800_000_00,
            instrument=Instrument.BLENDED,
            stage=ProjectStage.FEASIBILITY,
            beneficiaries=3_100,
            women_share=38,
            smallholders=2_900,
            area_hectares=2_600,
            sdgs=[1, 2, 5, 8, 10, 17],
            pitch_minutes=25,
        ),
    ],
    AP: [
        _plan(
            "nelly.ramirez@midis.example",
            "Plataforma de información, orientación y acompañamiento para promover el desarrollo "
            "y la inclusión de la población pobre y vulnerable: «INFOSOCIAL»",
            "Una plataforma común de información y orientación sobre programas sociales para la "
            "población pobre y vulnerable de los países de la Alianza del Pacífico.",
            "Proyecto del grupo técnico de desarrollo social de la Alianza del Pacífico: "
            "intercambio de experiencias entre los ministerios sociales, un sistema de "
            "información compartido y acompañamiento a los usuarios de los programas.\n"
            f"{EXAMPLE_ES}",
            tags=["bienestar e inclusión social", "sistemas de información"],
            amount_sought=420_000_00,
            instrument=Instrument.TECHNICAL_COOPERATION,
            stage=ProjectStage.PRE_FEASIBILITY,
            beneficiaries=12_000,
            women_share=55,
            sdgs=[1, 10, 17],
        ),
        _plan(
            "nayra.valdivia@mimp.example",
            "Elaboración de un manual para facilitar la participación de mujeres rurales e "
            "indígenas en mercados internacionales",
            "Un manual práctico, con talleres, para que emprendedoras rurales e indígenas vendan "
            "en mercados internacionales.",
            "Proyecto del grupo técnico de género de la Alianza del Pacífico: requisitos de "
            "exportación, costos y contactos comerciales explicados paso a paso, validados con "
            f"organizaciones de mujeres de los cuatro países.\n{EXAMPLE_ES}",
            tags=["igualdad de género", "mujeres rurales e indígenas"],
            amount_sought=180_000_00,
            instrument=Instrument.GRANT,
            stage=ProjectStage.IDEA,
            beneficiaries=1_500,
            women_share=100,
            sdgs=[5, 8, 10],
        ),
        _plan(
            "ines.herrera@mincul-peru.example",
            "Programa de formación cultural virtual para fortalecer la etapa de comercialización "
            "de los emprendimientos de los agentes de las industrias culturales y creativas",
            "Cursos virtuales de comercialización para emprendimientos culturales y creativos de "
            "la Alianza del Pacífico.",
            "Proyecto del grupo técnico de cultura de la Alianza del Pacífico: formación en "
            "línea sobre precios, derechos, distribución y ferias, con mentorías entre agentes "
            f"culturales de los cuatro países.\n{EXAMPLE_ES}",
            tags=["industrias culturales y creativas"],
            amount_sought=350_000_00,
            instrument=Instrument.TECHNICAL_COOPERATION,
            stage=ProjectStage.FEASIBILITY,
            beneficiaries=2_400,
            women_share=50,
            sdgs=[4, 8, 17],
        ),
        _plan(
            "lucia.arce@produce.example",
            "Fortalecer las capacidades de las micro, pequeñas y medianas empresas de la Alianza "
            "del Pacífico para facilitar su inserción en el comercio electrónico transfronterizo",
            "Asistencia técnica para que las mipymes de la Alianza del Pacífico vendan en línea a "
            "los otros países del bloque.",
            "Proyecto del grupo técnico de pymes de la Alianza del Pacífico: diagnóstico digital, "
            "logística y pagos transfronterizos, y acompañamiento a las primeras ventas en "
            f"plataformas de comercio electrónico.\n{EXAMPLE_ES}",
            tags=["pymes"],
            amount_sought=600_000_00,
            instrument=Instrument.TECHNICAL_COOPERATION,
            stage=ProjectStage.PRE_FEASIBILITY,
            beneficiaries=800,
            women_share=45,
            sdgs=[8, 9, 17],
        ),
        _plan(
            "franklin.malaga@midagri.example",
            "Revaloración de conocimientos ancestrales y promoción de nuevas tecnologías en el "
            "manejo del suelo y fertilizantes para productores de la agricultura familiar en los "
            "países de la Alianza del Pacífico",
            "Manejo sostenible del suelo y de los fertilizantes en la agricultura familiar, "
            "uniendo saberes ancestrales y nuevas tecnologías.",
            "Proyecto del grupo técnico de agricultura de la Alianza del Pacífico: parcelas "
            "demostrativas, abonos orgánicos, análisis de suelos y uso eficiente de "
            f"fertilizantes, con intercambio entre productores.\n{EXAMPLE_ES}",
            tags=["fertilizantes", "manejo de suelos"],
            amount_sought=750_000_00,
            instrument=Instrument.GRANT,
            stage=ProjectStage.PRE_FEASIBILITY,
            beneficiaries=5_000,
            women_share=40,
            smallholders=5_000,
            area_hectares=3_000,
            sdgs=[2, 12, 13, 15],
        ),
    ],
}

# (investor, project number, level, amount in minor units, currency, instrument, note, meet)
INTERESTS: dict[str, list[tuple]] = {
    HIH: [
        (
            "nathan.whitaker@evergreenandes.example",
            0,
            InterestLevel.READY,
            5_000_000_00,
            "USD",
            Instrument.DEBT,
            "Senior debt for the cooperatives' post-harvest plants.",
            True,
        ),
        (
            "marieke.devries@groenebrug.example",
            0,
            InterestLevel.INTERESTED,
            2_000_000_00,
            "EUR",
            Instrument.EQUITY,
            "Minority stake in a specialty coffee export company.",
            False,
        ),
        (
            "katrien.vermeulen@dg-intpa.example",
            0,
            InterestLevel.INTERESTED,
            1_500_000_00,
            "EUR",
            Instrument.GRANT,
            "Could fit a blended-finance window for deforestation-free coffee.",
            False,
        ),
        (
            "henrike.albers@elbufer-kaffee.example",
            0,
            InterestLevel.FOLLOW,
            None,
            "EUR",
            None,
            "Offtake of shade-grown lots from 2025.",
            False,
        ),
        (
            "giovanna.ricci@ifad.example",
            1,
            InterestLevel.INTERESTED,
            4_000_000_00,
            "USD",
            Instrument.BLENDED,
            "Link with the rural finance programme in the northern highlands.",
            True,
        ),
        ("lea.perrin@alpenrand.example", 1, InterestLevel.FOLLOW, None, "USD", None, "", False),
        (
            "xabier.blanco@fondoiberoagro.example",
            2,
            InterestLevel.READY,
            3_000_000_00,
            "EUR",
            Instrument.BLENDED,
            "Working capital for the packing centres.",
            True,
        ),
        (
            "matthias.kellner@giz.example",
            2,
            InterestLevel.FOLLOW,
            None,
            "EUR",
            Instrument.TECHNICAL_COOPERATION,
            "Organic certification support.",
            False,
        ),
    ],  # fmt: skip
    AP: [
        (
            "cristina.vidal@aecid.example",
            1,
            InterestLevel.INTERESTED,
            150_000_00,
            "EUR",
            Instrument.GRANT,
            "Encaja con el programa de género de la cooperación española.",
            False,
        ),
        (
            "park.junho@koica.example",
            3,
            InterestLevel.READY,
            400_000_00,
            "USD",
            Instrument.TECHNICAL_COOPERATION,
            "Experiencia coreana en comercio electrónico.",
            True,
        ),
        (
            "camille.rochat@seco.example",
            4,
            InterestLevel.INTERESTED,
            250_000_00,
            "CHF",
            Instrument.GRANT,
            "",
            False,
        ),
        ("yaneth.leon@ue-peru.example", 0, InterestLevel.FOLLOW, None, "EUR", None, "", False),
        (
            "yaneth.leon@ue-peru.example",
            2,
            InterestLevel.INTERESTED,
            200_000_00,
            "EUR",
            Instrument.GRANT,
            "Posible vínculo con programas culturales UE-ALC.",
            False,
        ),
        (
            "juan.sanchez@pnud-peru.example",
            0,
            InterestLevel.INTERESTED,
            None,
            "USD",
            Instrument.TECHNICAL_COOPERATION,
            "Apoyo al diseño del sistema de información.",
            False,
        ),
        (
            "daniela.riquelme@fao-rlc.example",
            4,
            InterestLevel.READY,
            120_000_00,
            "USD",
            Instrument.TECHNICAL_COOPERATION,
            "Parcelas demostrativas con las redes de la FAO.",
            True,
        ),
        (
            "oscar.castillo@caf.example",
            3,
            InterestLevel.INTERESTED,
            300_000_00,
            "USD",
            Instrument.BLENDED,
            "",
            False,
        ),
    ],  # fmt: skip
}

# Where things stood some weeks after the forum: (investor, project number, status, amount).
COMMITMENTS: dict[str, list[tuple]] = {
    HIH: [
        ("nathan.whitaker@evergreenandes.example", 0, CommitmentStatus.TERM_SHEET, 4_000_000_00),
        ("giovanna.ricci@ifad.example", 1, CommitmentStatus.IN_TALKS, 4_000_000_00),
    ],
    AP: [("daniela.riquelme@fao-rlc.example", 4, CommitmentStatus.COMMITTED, 120_000_00)],
}


def _registration(event: Event, email: str) -> Registration | None:
    return db.session.scalar(
        sa.select(Registration)
        .join(User, Registration.user_id == User.id)
        .where(Registration.event_id == event.id, User.email == email)
    )


def _submit(event: Event, spec: dict) -> Project:
    presenter = _registration(event, spec["presenter"])
    tags = {tag.name: tag.id for tag in event.tags}
    data = ProjectInput(
        title=spec["title"],
        summary=spec["summary"],
        description=spec["description"],
        kind=ProjectKind.INVESTMENT_PLAN if event.slug == HIH else ProjectKind.COOPERATION_PROJECT,
        tag_ids=[tags[name] for name in spec["tags"] if name in tags],
        country="PE",
        regions=spec.get("regions", AP_COUNTRIES),
        amount_sought=spec["amount_sought"],
        currency="USD",
        instrument=spec["instrument"],
        stage=spec["stage"],
        beneficiaries=spec.get("beneficiaries"),
        women_share=spec.get("women_share"),
        smallholders=spec.get("smallholders"),
        area_hectares=spec.get("area_hectares"),
        sdgs=spec["sdgs"],
        contact_id=presenter.id,
    )
    project = submit_project(event, presenter, data)
    project.status = ProjectStatus.ACCEPTED  # reviewed before the forum; no review mails
    db.session.commit()
    return project


def _pitch(event: Event, projects: list[Project], specs: list[dict]) -> int:
    """Peru's plans in its one pitch session; each Pacific Alliance project in its own."""
    sessions = pitches.pitch_sessions(event)
    placed = 0
    for project, spec in zip(projects, specs, strict=True):
        if event.slug == HIH:
            session = next(s for s in sessions if s.title.startswith("Peru: three"))
        else:
            session = next(s for s in sessions if s.title == f"Proyecto: {project.title}")
        pitches.place_pitch(project, session, spec.get("pitch_minutes", 20))
        placed += 1
    return placed


def _interests(event: Event, projects: list[Project]) -> tuple[int, int]:
    saved = requested = 0
    for email, number, level, amount, currency, instrument, note, meet in INTERESTS[event.slug]:
        investor = _registration(event, email)
        if investor is None or not investor.is_approved:
            continue
        result = interest.express_interest(
            projects[number], investor, level, amount, currency, instrument, note, meet
        )
        saved += 1
        requested += result.meeting_request is not None
    note = "Example." if event.main_language == "en" else "Ejemplo."
    for email, number, status, amount in COMMITMENTS[event.slug]:
        investor = _registration(event, email)
        found = interest.find_interest(projects[number], investor) if investor else None
        if found is not None:
            presenter = projects[number].contact
            interest.record_commitment(
                found, presenter, amount, found.currency, found.instrument, status, note
            )
    return saved, requested


def load_projects(event: Event, echo: Callable[[str], None] = print) -> None:
    """Projects, pitches and interest of a demo event, unless it already has projects."""
    specs = PROJECTS.get(event.slug)
    has_projects = db.session.scalar(
        sa.select(sa.func.count(Project.id)).where(Project.event_id == event.id)
    )
    if not specs or has_projects:
        return
    try:
        projects = [_submit(event, spec) for spec in specs]
        placed = _pitch(event, projects, specs)
        saved, requested = _interests(event, projects)
    except DomainError as error:
        db.session.rollback()
        echo(f"    projects: not loaded ({error})")
        return
    echo(
        f"    projects: {len(projects)} accepted, {placed} pitches, {saved} interests, "
        f"{requested} meeting requests from interest"
    )
