"""Demo fora for Foro: events, rooms, tracks and programmes as plain data.

Built from the background documents in ../shared/seeds (FAO Hand-in-Hand / Mano de la Mano
news, the Pacific Alliance press release, Helvetas on Agro Rural's business networks,
AL-INVEST Verde, Rimisp on Peru's Regional Development Agencies). People named in those
documents appear only in the roles the documents give them; other speakers are given as
roles ("Representante de CAF"), not as invented people. No quotes are attributed to anyone.

Only the standard library is used, so a loader can import this module without the app.
All times are local times in the event's time zone ("HH:MM").

Run ``python -m forum.demo.programmes`` (or this file) to check the data.
"""

from datetime import UTC
from functools import partial

DEMO_PASSWORD_HINT = None

FAO_WEBCAST = "https://www.fao.org/webcast/home/en/"


def _speaker(name: str, organisation: str = "", role: str = "") -> dict:
    return {"name": name, "organisation": organisation, "role": role}


def _session(
    title: str,
    kind: str,
    date: str,
    start: str,
    end: str,
    room: str | None,
    track: str | None = None,
    *,
    description: str = "",
    language: str,
    capacity: int | None = None,
    stream_url: str | None = None,
    speakers: list[dict] | tuple = (),
) -> dict:
    return {
        "title": title,
        "description": description,
        "kind": kind,
        "date": date,
        "start": start,
        "end": end,
        "room": room,
        "track": track,
        "language": language,
        "capacity": capacity,
        "stream_url": stream_url,
        "speakers": list(speakers),
    }


_en = partial(_session, language="en")
_es = partial(_session, language="es")
sp = _speaker


# ---------------------------------------------------------------------------------------
# 1. Hand-in-Hand Investment Forum 2023 (Rome, FAO headquarters)
# ---------------------------------------------------------------------------------------

_HIH_PLANS = "Investment plans"
_HIH_AGRI = "Agrifood systems"
_HIH_PARTNERS = "Partnerships"
_HIH_FINANCE = "Finance and investors"

# Recurring speakers (as roles; Peru and Pakistan focal points as named in the seeds).
_GUILLEN = sp("Renzo Guillén", "FAO Peru", "Hand-in-Hand (Mano de la Mano) focal point in Peru")
_IRSHAD = sp(
    "Aamer Irshad",
    "FAO Pakistan",
    "In charge of implementing the Hand-in-Hand Initiative in Pakistan",
)
_HIH_SECRETARIAT = sp(
    "Head of the Hand-in-Hand Initiative Secretariat", "FAO", "Initiative overview"
)
_FAO_CFI = sp("Senior Economist, FAO Investment Centre", "FAO Investment Centre", "Moderator")

HAND_IN_HAND_2023 = {
    "slug": "hand-in-hand-2023",
    "name": "Hand-in-Hand Investment Forum 2023",
    "series": "Hand-in-Hand Investment Forum",
    "organiser_name": "FAO",
    "description": (
        "The Hand-in-Hand Investment Forum brings together governments, investors, "
        "development banks, producer organisations and partners to match country investment "
        "plans with finance. The 2023 edition took place at FAO headquarters in Rome alongside "
        "the World Food Forum flagship event, with country teams presenting investment plans "
        "for priority value chains in territories where poverty and hunger are most prevalent. "
        "Peru presented three plans: agroforestry coffee in Jaén and San Ignacio, regenerative "
        "dairy in La Libertad and Andean organic avocado in Huancavelica."
    ),
    "city": "Rome",
    "country": "IT",
    "venue": "FAO headquarters, Viale delle Terme di Caracalla",
    "timezone": "Europe/Rome",
    "start_date": "2023-10-16",
    "end_date": "2023-10-20",
    "format": "hybrid",
    "languages": ["en", "es"],
    "status": "published",
    "rooms": [
        {
            "name": "Plenary Hall",
            "capacity": 900,
            "floor": "Building A",
            "notes": "Simultaneous interpretation (EN/ES); webcast.",
        },
        {
            "name": "Red Room",
            "capacity": 300,
            "floor": "Building A",
            "notes": "Country investment plan presentations; webcast and remote participation.",
        },
        {
            "name": "Green Room",
            "capacity": 250,
            "floor": "Building A",
            "notes": "Panels and workshops; remote participation.",
        },
        {
            "name": "Ethiopia Room",
            "capacity": 80,
            "floor": "Building C",
            "notes": "Workshop layout, tables of eight.",
        },
        {
            "name": "Philippines Room",
            "capacity": 80,
            "floor": "Building C",
            "notes": "B2B matchmaking area: 20 tables; two virtual tables for remote investors.",
        },
        {
            "name": "Mexico Room",
            "capacity": 60,
            "floor": "Building D",
            "notes": "B2G meetings between investors and government delegations: 12 tables.",
        },
        {
            "name": "Atrium",
            "capacity": 500,
            "floor": "Ground floor",
            "notes": "Coffee, lunch and networking area.",
        },
    ],
    "tracks": [
        {
            "name": _HIH_PLANS,
            "color": "#1b6ca8",
            "description": (
                "Country teams present Hand-in-Hand investment plans for priority value chains."
            ),
        },
        {
            "name": _HIH_AGRI,
            "color": "#2e8b57",
            "description": (
                "Value chains, territorial analysis and sustainable production models behind the "
                "plans."
            ),
        },
        {
            "name": _HIH_PARTNERS,
            "color": "#c0392b",
            "description": (
                "Governments, development partners, producer organisations and South-South "
                "exchange."
            ),
        },
        {
            "name": _HIH_FINANCE,
            "color": "#8e44ad",
            "description": (
                "Blended finance, de-risking and the path from investor interest to commitment."
            ),
        },
    ],
    "sessions": [
        # --- Monday 16 October -----------------------------------------------------------
        _en(
            "Opening plenary: investing in agrifood systems transformation",
            "plenary",
            "2023-10-16",
            "09:30",
            "11:00",
            "Plenary Hall",
            None,
            description=(
                "Opening of the 2023 Hand-in-Hand Investment Forum: objectives of the week, "
                "overview of the investment plans on the table and how the matchmaking works."
            ),
            stream_url=FAO_WEBCAST,
            speakers=[
                sp("Representative of the FAO Director-General", "FAO", "Opening remarks"),
                _HIH_SECRETARIAT,
                sp(
                    "Representative of IFAD",
                    "International Fund for Agricultural Development",
                    "Partner remarks",
                ),
            ],
        ),
        _en(
            "Why invest here? Territorial targeting in the Hand-in-Hand approach",
            "panel",
            "2023-10-16",
            "11:15",
            "12:45",
            "Plenary Hall",
            _HIH_AGRI,
            description=(
                "How countries select territories and value chains where poverty and hunger are "
                "most prevalent, and turn analysis into investment plans that promote sustainable "
                "entrepreneurship and employment."
            ),
            stream_url=FAO_WEBCAST,
            speakers=[
                _FAO_CFI,
                sp("Agricultural economist, FAO Agrifood Economics Division", "FAO", "Panellist"),
                sp(
                    "Representative of a national planning ministry",
                    "Government delegation",
                    "Panellist",
                ),
                sp(
                    "Representative of a regional farmers' organisation",
                    "Producer organisation",
                    "Panellist",
                ),
            ],
        ),
        _en("Lunch break", "break", "2023-10-16", "12:45", "14:15", "Atrium"),
        _en(
            "Investment plans: Asia and the Pacific",
            "pitch",
            "2023-10-16",
            "14:15",
            "15:45",
            "Red Room",
            _HIH_PLANS,
            description=(
                "Country teams from Asia and the Pacific present their investment plans, "
                "including Pakistan, followed by questions from investors and partners."
            ),
            stream_url=FAO_WEBCAST,
            speakers=[
                _IRSHAD,
                sp(
                    "Regional investment officer, FAO Regional Office for Asia and the Pacific",
                    "FAO",
                    "Moderator",
                ),
            ],
        ),
        _en(
            "Workshop: the Hand-in-Hand Geospatial Platform for investment targeting",
            "workshop",
            "2023-10-16",
            "14:15",
            "15:45",
            "Green Room",
            _HIH_AGRI,
            description=(
                "Hands-on session on using open geospatial data on agro-ecology, markets and "
                "poverty to locate and size investment opportunities."
            ),
            capacity=120,
            speakers=[
                sp("Geospatial data specialist", "FAO", "Facilitator"),
            ],
        ),
        _en(
            "B2B matchmaking I: investors and country teams",
            "b2b",
            "2023-10-16",
            "16:15",
            "18:00",
            "Philippines Room",
            _HIH_PARTNERS,
            description=(
                "Pre-booked 25-minute meetings between investors, agribusinesses and country "
                "teams. Virtual tables are available for remote participants."
            ),
        ),
        _en(
            "Welcome reception",
            "networking",
            "2023-10-16",
            "18:00",
            "19:30",
            "Atrium",
            None,
            description="Informal networking for delegations, investors and partners.",
        ),
        # --- Tuesday 17 October ----------------------------------------------------------
        _session(
            "Peru: three investment plans - agroforestry coffee, regenerative dairy and "
            "Andean organic avocado",
            "pitch",
            "2023-10-17",
            "09:00",
            "10:30",
            "Red Room",
            _HIH_PLANS,
            language="es",
            description=(
                "Peru, a member of Hand-in-Hand since 2021 with investments in the fine-"
                "flavour cocoa value chain in Cajamarca, presents three plans: (1) coffee "
                "in the provinces of Jaén and San Ignacio, with an emphasis on agroforestry "
                "systems and covering about 14,000 hectares; (2) the dairy sector in La "
                "Libertad, promoting regenerative livestock farming; (3) the Andean organic "
                "avocado value chain in Huancavelica, linking smallholder producers to large "
                "agro-industry without intermediaries. Presented in Spanish with English "
                "interpretation."
            ),
            stream_url=FAO_WEBCAST,
            speakers=[
                _GUILLEN,
                sp(
                    "Representative of the Ministry of Agrarian Development and Irrigation "
                    "(MIDAGRI)",
                    "Government of Peru",
                    "National framework",
                ),
                sp(
                    "Representative of the Regional Government of Cajamarca",
                    "Gobierno Regional de Cajamarca",
                    "Coffee plan, Jaén and San Ignacio",
                ),
                sp(
                    "Representative of the Regional Government of La Libertad",
                    "Gobierno Regional de La Libertad",
                    "Regenerative dairy plan",
                ),
                sp(
                    "Representative of the Regional Government of Huancavelica",
                    "Gobierno Regional de Huancavelica",
                    "Andean organic avocado plan",
                ),
            ],
        ),
        _en(
            "Investment plans: Africa",
            "pitch",
            "2023-10-17",
            "09:00",
            "10:30",
            "Green Room",
            _HIH_PLANS,
            description="Country teams from Africa present their investment plans to investors.",
            stream_url=FAO_WEBCAST,
            speakers=[
                sp(
                    "Regional investment officer, FAO Regional Office for Africa",
                    "FAO",
                    "Moderator",
                ),
            ],
        ),
        _en("Coffee break", "break", "2023-10-17", "10:30", "11:00", "Atrium"),
        _en(
            "Coffee and cocoa under agroforestry: financing smallholder transitions",
            "panel",
            "2023-10-17",
            "11:00",
            "12:30",
            "Red Room",
            _HIH_AGRI,
            description=(
                "What it takes to finance the shift of smallholder coffee and cocoa to "
                "agroforestry systems, drawing on the Jaén and San Ignacio plan and the fine-"
                "flavour cocoa experience in Cajamarca."
            ),
            speakers=[
                _GUILLEN,
                sp(
                    "Sourcing manager, European specialty coffee importer",
                    "Private sector",
                    "Panellist",
                ),
                sp(
                    "Representative of a coffee and cocoa cooperative",
                    "Producer organisation",
                    "Panellist",
                ),
                _FAO_CFI,
            ],
        ),
        _en(
            "B2B matchmaking II",
            "b2b",
            "2023-10-17",
            "11:00",
            "12:30",
            "Philippines Room",
            _HIH_PARTNERS,
            description="Second block of pre-booked investor and country-team meetings.",
        ),
        _en("Lunch break", "break", "2023-10-17", "12:30", "14:00", "Atrium"),
        _en(
            "Investment plans: Latin America and the Caribbean",
            "pitch",
            "2023-10-17",
            "14:00",
            "15:30",
            "Red Room",
            _HIH_PLANS,
            description=(
                "Further country teams from Latin America and the Caribbean present their "
                "investment plans; questions from investors and partners."
            ),
            stream_url=FAO_WEBCAST,
            speakers=[
                sp(
                    "Regional investment officer, FAO Regional Office for Latin America and the "
                    "Caribbean",
                    "FAO",
                    "Moderator",
                ),
            ],
        ),
        _en(
            "Blended finance and de-risking instruments for agrifood investment",
            "panel",
            "2023-10-17",
            "14:00",
            "15:30",
            "Green Room",
            _HIH_FINANCE,
            description=(
                "Guarantees, first-loss capital and concessional lines: how development banks "
                "and private investors share risk in smallholder value chains."
            ),
            speakers=[
                sp(
                    "Representative of a multilateral development bank",
                    "Development bank",
                    "Panellist",
                ),
                sp("Impact investment fund manager", "Private sector", "Panellist"),
                sp(
                    "Representative of a national agricultural development bank",
                    "Development bank",
                    "Panellist",
                ),
                sp("Finance specialist, FAO Investment Centre", "FAO", "Moderator"),
            ],
        ),
        _en(
            "B2G meetings I: investors and government delegations",
            "b2b",
            "2023-10-17",
            "16:00",
            "17:30",
            "Mexico Room",
            _HIH_PARTNERS,
            description=(
                "Business-to-government meetings between investors and the ministries and "
                "regional governments behind the investment plans."
            ),
        ),
        # --- Wednesday 18 October --------------------------------------------------------
        _en(
            "Investment plans: Near East and North Africa",
            "pitch",
            "2023-10-18",
            "09:00",
            "10:30",
            "Red Room",
            _HIH_PLANS,
            description="Country teams from the Near East and North Africa present their plans.",
            stream_url=FAO_WEBCAST,
            speakers=[
                sp(
                    "Regional investment officer, FAO Regional Office for the Near East and North "
                    "Africa",
                    "FAO",
                    "Moderator",
                ),
            ],
        ),
        _en(
            "Workshop: from investment plan to bankable project",
            "workshop",
            "2023-10-18",
            "09:00",
            "10:30",
            "Ethiopia Room",
            _HIH_FINANCE,
            description=(
                "Structuring proposals for investors: cash flows, risk allocation, "
                "environmental and social safeguards and the documents investors ask for."
            ),
            capacity=64,
            speakers=[
                sp("Finance specialist, FAO Investment Centre", "FAO", "Facilitator"),
            ],
        ),
        _en("Coffee break", "break", "2023-10-18", "10:30", "11:00", "Atrium"),
        _en(
            "Regenerative livestock and dairy: investment models for smallholders",
            "panel",
            "2023-10-18",
            "11:00",
            "12:30",
            "Green Room",
            _HIH_AGRI,
            description=(
                "Business models for regenerative dairy, with the La Libertad (Peru) plan as a "
                "case: pasture management, milk collection and processing, and buyer contracts."
            ),
            speakers=[
                sp("Livestock development officer", "FAO", "Moderator"),
                sp(
                    "Representative of the Regional Government of La Libertad",
                    "Gobierno Regional de La Libertad",
                    "Panellist",
                ),
                sp("Representative of a dairy processing company", "Private sector", "Panellist"),
            ],
        ),
        _en(
            "B2B matchmaking III",
            "b2b",
            "2023-10-18",
            "11:00",
            "12:30",
            "Philippines Room",
            _HIH_PARTNERS,
            description="Third block of pre-booked investor and country-team meetings.",
        ),
        _en("Lunch break", "break", "2023-10-18", "12:30", "14:00", "Atrium"),
        _en(
            "Investment plans: Europe and Central Asia",
            "pitch",
            "2023-10-18",
            "14:00",
            "15:30",
            "Red Room",
            _HIH_PLANS,
            description=(
                "Country teams from Europe and Central Asia present their investment plans."
            ),
            stream_url=FAO_WEBCAST,
            speakers=[
                sp(
                    "Regional investment officer, FAO Regional Office for Europe and Central Asia",
                    "FAO",
                    "Moderator",
                ),
            ],
        ),
        _en(
            "Governance platforms that sustain territorial investment",
            "panel",
            "2023-10-18",
            "14:00",
            "15:30",
            "Green Room",
            _HIH_PARTNERS,
            description=(
                "Strengthening subnational planning capacities and participatory governance "
                "platforms so that investments in priority value chains are sustained and scaled."
            ),
            speakers=[
                _GUILLEN,
                sp("Territorial development specialist", "FAO", "Moderator"),
                sp("Representative of a regional government", "Government delegation", "Panellist"),
            ],
        ),
        # --- Thursday 19 October ---------------------------------------------------------
        _en(
            "South-South exchange: organising national investment fora",
            "panel",
            "2023-10-19",
            "09:00",
            "10:30",
            "Red Room",
            _HIH_PARTNERS,
            description=(
                "Pakistan's investment symposium (more than 300 participants from the public and "
                "private sectors, with B2B and B2G meetings) and Peru's preparation of its own "
                "national investment forum: how to engage government and structure matchmaking."
            ),
            stream_url=FAO_WEBCAST,
            speakers=[_IRSHAD, _GUILLEN, _HIH_SECRETARIAT],
        ),
        _en(
            "Workshop: linking smallholders to agro-industry without intermediaries",
            "workshop",
            "2023-10-19",
            "11:00",
            "12:30",
            "Ethiopia Room",
            _HIH_AGRI,
            description=(
                "Contract design, aggregation and quality systems for direct supply to agro-"
                "industry, using the Andean organic avocado plan in Huancavelica as a case."
            ),
            capacity=64,
            speakers=[
                sp(
                    "Representative of the Regional Government of Huancavelica",
                    "Gobierno Regional de Huancavelica",
                    "Case presentation",
                ),
                sp("Agribusiness officer", "FAO", "Facilitator"),
            ],
        ),
        _en(
            "B2B matchmaking IV",
            "b2b",
            "2023-10-19",
            "11:00",
            "13:00",
            "Philippines Room",
            _HIH_PARTNERS,
            description="Fourth block of pre-booked meetings, including follow-up meetings.",
        ),
        _en("Lunch break", "break", "2023-10-19", "13:00", "14:30", "Atrium"),
        _en(
            "B2G meetings II: investors and government delegations",
            "b2b",
            "2023-10-19",
            "14:30",
            "16:30",
            "Mexico Room",
            _HIH_PARTNERS,
            description="Second block of business-to-government meetings.",
        ),
        # --- Friday 20 October -----------------------------------------------------------
        _en(
            "From interest to commitment: following up on investment plans",
            "panel",
            "2023-10-20",
            "09:30",
            "11:00",
            "Red Room",
            _HIH_FINANCE,
            description=(
                "Taking stock of the interest expressed during the week and agreeing next steps "
                "with investors, governments and partners."
            ),
            stream_url=FAO_WEBCAST,
            speakers=[
                _FAO_CFI,
                sp(
                    "Representative of a multilateral development bank",
                    "Development bank",
                    "Panellist",
                ),
                sp("Representative of an agribusiness investor", "Private sector", "Panellist"),
            ],
        ),
        _en(
            "Closing plenary",
            "plenary",
            "2023-10-20",
            "11:30",
            "12:30",
            "Plenary Hall",
            None,
            description=(
                "Highlights of the week and the road to the next Hand-in-Hand Investment Forum."
            ),
            stream_url=FAO_WEBCAST,
            speakers=[
                _HIH_SECRETARIAT,
                sp("Representative of the FAO Director-General", "FAO", "Closing remarks"),
            ],
        ),
    ],
}


# ---------------------------------------------------------------------------------------
# 2. Foro de Inversiones Mano de la Mano Perú (Lima)
# ---------------------------------------------------------------------------------------

_PE_CADENAS = "Cadenas de valor"
_PE_GOB = "Inversión pública y gobernanza"
_PE_FIN = "Financiamiento y cooperación"

_PE_AUD = "Auditorio principal"
_PE_SALA_A = "Sala A"
_PE_RUEDA = "Salón de ruedas de negocios"
_PE_FOYER = "Foyer"

_GUILLEN_ES = sp(
    "Renzo Guillén", "FAO Perú", "Punto focal de la iniciativa Mano de la Mano en el Perú"
)
_FAO_PE = sp("Representante de la FAO en el Perú", "FAO", "")
_MIDAGRI = sp(
    "Representante del Ministerio de Desarrollo Agrario y Riego (MIDAGRI)", "Gobierno del Perú", ""
)
_GR_CAJ = sp(
    "Representante del Gobierno Regional de Cajamarca", "Gobierno Regional de Cajamarca", ""
)

FORO_INVERSIONES_PERU_2023 = {
    "slug": "foro-inversiones-peru-2023",
    "name": "Foro de Inversiones Mano de la Mano Perú 2023",
    "series": "Foro de Inversiones Mano de la Mano",
    "organiser_name": "FAO Perú",
    "description": (
        "Foro nacional de la iniciativa Mano de la Mano de la FAO en el Perú para articular a "
        "productores, empresas, gobiernos regionales y cooperación internacional en torno a los "
        "planes de inversión priorizados: café agroforestal en Jaén y San Ignacio, lácteos en La "
        "Libertad, palta orgánica andina en Huancavelica y cacao de aroma en Cajamarca. Incluye "
        "ruedas de negocios B2B (empresa a empresa) y B2G (empresa a gobierno), siguiendo la "
        "experiencia del simposio de inversión de Pakistán."
    ),
    "city": "Lima",
    "country": "PE",
    "venue": "Cámara de Comercio de Lima, Jesús María",
    "timezone": "America/Lima",
    "start_date": "2023-11-29",
    "end_date": "2023-11-30",
    "format": "in_person",
    "languages": ["es", "en"],
    "status": "published",
    "rooms": [
        {
            "name": _PE_AUD,
            "capacity": 350,
            "floor": "Primer piso",
            "notes": "Plenarias, presentaciones de planes y paneles; interpretación ES/EN.",
        },
        {
            "name": _PE_SALA_A,
            "capacity": 80,
            "floor": "Segundo piso",
            "notes": "Paneles paralelos y talleres.",
        },
        {
            "name": _PE_RUEDA,
            "capacity": 240,
            "floor": "Segundo piso",
            "notes": "60 mesas numeradas para reuniones B2B y B2G de 20 minutos.",
        },
        {
            "name": _PE_FOYER,
            "capacity": 400,
            "floor": "Primer piso",
            "notes": "Acreditación, pausas, almuerzos y cóctel.",
        },
    ],
    "tracks": [
        {
            "name": _PE_CADENAS,
            "color": "#2e7d32",
            "description": (
                "Planes de inversión y cadenas priorizadas: café, cacao, lácteos, palta, cuy, "
                "quinua, cañihua, granadilla, mango, aguaje."
            ),
        },
        {
            "name": _PE_GOB,
            "color": "#1565c0",
            "description": (
                "Gobiernos regionales, Agencias Regionales de Desarrollo y plataformas de "
                "gobernanza que dan sostenibilidad a las inversiones."
            ),
        },
        {
            "name": _PE_FIN,
            "color": "#ef6c00",
            "description": (
                "Banca, inversión privada y cooperación internacional para la agricultura familiar"
                " y las mipymes."
            ),
        },
    ],
    "sessions": [
        # --- Miércoles 29 de noviembre ---------------------------------------------------
        _es(
            "Acreditación y café de bienvenida",
            "networking",
            "2023-11-29",
            "08:15",
            "09:00",
            _PE_FOYER,
            None,
        ),
        _es(
            "Inauguración del Foro de Inversiones Mano de la Mano Perú",
            "plenary",
            "2023-11-29",
            "09:00",
            "09:45",
            _PE_AUD,
            None,
            description=(
                "Objetivos del foro: promover la inversión, fomentar el emprendimiento sostenible "
                "y generar empleo en los territorios donde la pobreza y el hambre son más "
                "prevalentes, fortaleciendo la articulación entre actores privados, públicos y "
                "de la cooperación internacional."
            ),
            speakers=[_FAO_PE, _MIDAGRI, _GUILLEN_ES],
        ),
        _es(
            "Planes de inversión I: café agroforestal en Jaén y San Ignacio y cacao de aroma "
            "en Cajamarca",
            "pitch",
            "2023-11-29",
            "09:45",
            "11:00",
            _PE_AUD,
            _PE_CADENAS,
            description=(
                "Desde 2021, cuando el Perú ingresó a la iniciativa, Mano de la Mano apoya las "
                "inversiones en la cadena de valor del cacao de aroma en Cajamarca. El nuevo "
                "plan amplía ese enfoque al café en las provincias de Jaén y San Ignacio, con "
                "énfasis en sistemas agroforestales y alrededor de 14 mil hectáreas."
            ),
            speakers=[
                _GUILLEN_ES,
                _GR_CAJ,
                sp(
                    "Representante de una cooperativa cafetalera de Jaén",
                    "Organización de productores",
                    "Productores",
                ),
            ],
        ),
        _es("Pausa café", "break", "2023-11-29", "11:00", "11:20", _PE_FOYER),
        _es(
            "Planes de inversión II: lácteos en La Libertad y palta orgánica andina en "
            "Huancavelica",
            "pitch",
            "2023-11-29",
            "11:20",
            "12:40",
            _PE_AUD,
            _PE_CADENAS,
            description=(
                "El plan lácteo de La Libertad promueve la ganadería regenerativa. El plan de "
                "aguacate (palta) orgánico andino en Huancavelica impulsa la vinculación de "
                "pequeños productores con la agroindustria sin intermediarios."
            ),
            speakers=[
                _GUILLEN_ES,
                sp(
                    "Representante del Gobierno Regional de La Libertad",
                    "Gobierno Regional de La Libertad",
                    "Plan de lácteos",
                ),
                sp(
                    "Representante del Gobierno Regional de Huancavelica",
                    "Gobierno Regional de Huancavelica",
                    "Plan de palta orgánica andina",
                ),
            ],
        ),
        _es("Almuerzo", "break", "2023-11-29", "12:40", "14:00", _PE_FOYER),
        _es(
            "Redes empresariales rurales: la experiencia de Agro Rural",
            "panel",
            "2023-11-29",
            "14:00",
            "15:30",
            _PE_AUD,
            _PE_CADENAS,
            description=(
                "La metodología de articulación de redes empresariales adoptada por Agro Rural, "
                "con ejecución de Helvetas y financiamiento del BID/FOMIN: 191 especialistas "
                "acompañando a 1 543 productores en 8 regiones y 94 redes formadas (cuy 35, "
                "lácteos 16 y derivados 6, cañihua 4, quinua 4, granadilla 4, mango 4), el 46 % "
                "lideradas por mujeres productoras. Lecciones para escalar la asociatividad con "
                "inversión pública."
            ),
            speakers=[
                sp(
                    "Mario Casanova",
                    "Helvetas Swiss Intercooperation",
                    "Coordinador nacional del proyecto Escalamiento de Redes Empresariales",
                ),
                sp("Representante de Agro Rural", "Agro Rural (MIDAGRI)", "Panelista"),
                sp(
                    "Representante del BID Lab (ex FOMIN)",
                    "Banco Interamericano de Desarrollo",
                    "Panelista",
                ),
                sp(
                    "Responsable del Área de Desarrollo Económico Inclusivo de Helvetas Perú",
                    "Helvetas Swiss Intercooperation",
                    "Moderación",
                ),
            ],
        ),
        _es(
            "AL-INVEST Verde: economía verde y mipymes en el Perú",
            "panel",
            "2023-11-29",
            "14:00",
            "15:30",
            _PE_SALA_A,
            _PE_FIN,
            description=(
                "El programa de la Unión Europea se ejecuta en el Perú con ocho proyectos y la "
                "Cámara de Comercio de Lima como socio clave, con más de tres millones de euros "
                "y foco en café, cacao y aguaje. Más de siete mil mipymes capacitadas, cerca de "
                "dos mil con prácticas sostenibles y 1 400 empleos verdes creados o mantenidos."
            ),
            capacity=80,
            speakers=[
                sp(
                    "Irene Haddad",
                    "AL-INVEST Verde (Unión Europea)",
                    "Team Leader del Componente de apoyo al sector privado",
                ),
                sp(
                    "Representante de la Cámara de Comercio de Lima",
                    "Cámara de Comercio de Lima",
                    "Panelista",
                ),
                sp(
                    "Representante de la Delegación de la Unión Europea en el Perú",
                    "Unión Europea",
                    "Moderación",
                ),
            ],
        ),
        _es(
            "Rueda de negocios B2B: productores y empresas",
            "b2b",
            "2023-11-29",
            "15:45",
            "18:30",
            _PE_RUEDA,
            _PE_CADENAS,
            description=(
                "Reuniones agendadas de 20 minutos entre organizaciones de productores, redes "
                "empresariales, agroindustrias, compradores y proveedores de servicios."
            ),
        ),
        _es(
            "Taller: del plan de negocio a la propuesta de inversión",
            "workshop",
            "2023-11-29",
            "15:45",
            "17:15",
            _PE_SALA_A,
            _PE_FIN,
            description=(
                "Taller práctico para organizaciones de productores: cómo presentar un plan de "
                "negocio conjunto a inversionistas y a fondos concursables."
            ),
            capacity=60,
            speakers=[
                sp("Especialista en inversiones de la FAO", "FAO", "Facilitación"),
            ],
        ),
        _es("Cóctel de networking", "networking", "2023-11-29", "18:30", "20:00", _PE_FOYER, None),
        # --- Jueves 30 de noviembre ------------------------------------------------------
        _es(
            "Agencias Regionales de Desarrollo: gobernanza territorial para la inversión",
            "panel",
            "2023-11-30",
            "09:00",
            "10:30",
            _PE_AUD,
            _PE_GOB,
            description=(
                "Desde 2016 se han creado 15 Agencias Regionales de Desarrollo (ARD) en el Perú. "
                "Experiencias de Apurímac, Ayacucho, Cajamarca, Cusco, La Libertad, Piura y San "
                "Martín, y aprendizajes de la CEPAL y de CORFO (Chile) sobre coordinación "
                "multiactor y multinivel para el desarrollo productivo subnacional."
            ),
            speakers=[
                sp(
                    "Yuri Chessman",
                    "Presidencia del Consejo de Ministros",
                    "Secretario de Descentralización",
                ),
                sp(
                    "Marco Dini",
                    "CEPAL",
                    "Oficial de Asuntos Económicos, División de Desarrollo Productivo y "
                    "Empresarial",
                ),
                sp("Carlos Calderón", "CORFO", "Especialista regional"),
                sp(
                    "Ignacia Fernández",
                    "Rimisp - Centro Latinoamericano para el Desarrollo Rural",
                    "Investigadora principal",
                ),
                sp("Representante de la GIZ en el Perú", "GIZ", "Moderación"),
            ],
        ),
        _es(
            "Taller: planificación participativa de cadenas priorizadas a nivel subnacional",
            "workshop",
            "2023-11-30",
            "09:00",
            "10:30",
            _PE_SALA_A,
            _PE_GOB,
            description=(
                "Fortalecimiento de capacidades de planificación de gobiernos regionales y "
                "plataformas de gobernanza que respalden las inversiones y les den sostenibilidad."
            ),
            capacity=50,
            speakers=[
                sp("Especialista en desarrollo territorial de la FAO", "FAO", "Facilitación"),
            ],
        ),
        _es("Pausa café", "break", "2023-11-30", "10:30", "10:50", _PE_FOYER),
        _es(
            "Lecciones del simposio de inversión de Pakistán: enfoques B2B y B2G",
            "panel",
            "2023-11-30",
            "10:50",
            "12:00",
            _PE_AUD,
            _PE_GOB,
            description=(
                "Intercambio Sur-Sur: cómo Pakistán organizó un simposio de inversión con más de "
                "300 participantes del sector público y privado, se vinculó con el Gobierno para "
                "promover inversiones y usó reuniones B2B y B2G. Intervención de Pakistán en "
                "inglés con interpretación."
            ),
            speakers=[
                _GUILLEN_ES,
                sp(
                    "Aamer Irshad",
                    "FAO Pakistán",
                    "Encargado de implementar la iniciativa Mano de la Mano en Pakistán",
                ),
            ],
        ),
        _es(
            "Reuniones B2G: productores y gobiernos regionales",
            "b2b",
            "2023-11-30",
            "10:50",
            "13:00",
            _PE_RUEDA,
            _PE_GOB,
            description=(
                "Reuniones entre organizaciones de productores, empresas y gobiernos regionales, "
                "agencias regionales de desarrollo y programas del MIDAGRI."
            ),
        ),
        _es(
            "Presentaciones de redes empresariales y organizaciones de productores",
            "pitch",
            "2023-11-30",
            "12:00",
            "13:00",
            _PE_AUD,
            _PE_CADENAS,
            description=(
                "Presentaciones breves de redes de cuy, lácteos, quinua y cañihua y de "
                "organizaciones de café, cacao y aguaje que buscan socios comerciales o "
                "financiamiento."
            ),
            speakers=[
                sp(
                    "Representante de una red empresarial de cuy", "Red empresarial", "Presentación"
                ),
                sp(
                    "Representante de una red empresarial de quinua y cañihua",
                    "Red empresarial",
                    "Presentación",
                ),
                sp(
                    "Representante de una asociación de productores de aguaje",
                    "Organización de productores",
                    "Presentación",
                ),
            ],
        ),
        _es("Almuerzo", "break", "2023-11-30", "13:00", "14:30", _PE_FOYER),
        _es(
            "Financiamiento para la agricultura familiar: banca, cooperación e inversión de "
            "impacto",
            "panel",
            "2023-11-30",
            "14:30",
            "16:00",
            _PE_AUD,
            _PE_FIN,
            description=(
                "Instrumentos de crédito, cofinanciamiento y cooperación para que los planes de "
                "inversión lleguen a pequeños productores y mipymes."
            ),
            speakers=[
                sp("Representante de AGROBANCO", "AGROBANCO", "Panelista"),
                sp(
                    "Representante de CAF",
                    "CAF - banco de desarrollo de América Latina y el Caribe",
                    "Panelista",
                ),
                sp(
                    "Representante de la Delegación de la Unión Europea en el Perú",
                    "Unión Europea",
                    "Panelista",
                ),
                sp("Gestor de un fondo de inversión de impacto", "Sector privado", "Panelista"),
            ],
        ),
        _es(
            "Rueda de negocios B2B: productores y empresas (segundo bloque)",
            "b2b",
            "2023-11-30",
            "14:30",
            "16:30",
            _PE_RUEDA,
            _PE_CADENAS,
            description="Segundo bloque de reuniones agendadas y reuniones de seguimiento.",
        ),
        _es(
            "Clausura: conclusiones y hoja de ruta",
            "plenary",
            "2023-11-30",
            "16:45",
            "17:30",
            _PE_AUD,
            None,
            description="Resultados de las ruedas de negocios, compromisos y próximos pasos.",
            speakers=[_GUILLEN_ES, _MIDAGRI, _FAO_PE],
        ),
    ],
}


# ---------------------------------------------------------------------------------------
# 3. V Foro de Cooperación de la Alianza del Pacífico (Lima, 19 March 2024)
# ---------------------------------------------------------------------------------------

_AP_SOCIAL = "Bienestar, desarrollo e inclusión social"
_AP_GENERO = "Igualdad de género y empoderamiento de la mujer"
_AP_CULTURA = "Industrias creativas y culturales"
_AP_PYMES = "Pequeñas y medianas empresas"
_AP_FERT = "Gestión sostenible de fertilizantes"

_AP_AUD = "Auditorio"
_AP_HALL = "Hall de recepción"
_AP_DAY = "2024-03-19"

_HIGUERA = sp("Ignacio Higuera", "Ministerio de Relaciones Exteriores del Perú", "Vicecanciller")
_OTERO = sp("Marcela Otero", "Gobierno de Chile", "Coordinadora Nacional de Chile")
_SERRANO = sp("Gerardo Serrano", "Gobierno de México", "Coordinador Nacional de México")
_GRUESO = sp(
    "María Grueso Lugo",
    "Gobierno de Colombia",
    "Representante de la Coordinación Nacional de Colombia",
)
_COORD_PE = sp(
    "Representante de la Coordinación Nacional del Perú",
    "Ministerio de Relaciones Exteriores del Perú",
    "Presidencia Pro Tempore",
)
_CAF = sp(
    "Representante de CAF", "CAF - banco de desarrollo de América Latina y el Caribe", "Moderación"
)


def _ap_project(title: str, start: str, end: str, track: str, group: str) -> dict:
    return _es(
        f"Proyecto: {title}",
        "pitch",
        _AP_DAY,
        start,
        end,
        _AP_AUD,
        track,
        description=(
            f"Presentación del proyecto de cooperación del grupo técnico de {group} de la Alianza "
            "del Pacífico, con moderación de CAF, aliado estratégico de la Alianza del Pacífico. "
            "Diálogo con cooperantes para identificar oportunidades de trabajo conjunto."
        ),
        speakers=[
            sp(
                f"Representante del grupo técnico de {group}",
                "Alianza del Pacífico",
                "Presentación",
            ),
            _CAF,
        ],
    )


FORO_COOPERACION_AP_2024 = {
    "slug": "foro-cooperacion-alianza-pacifico-2024",
    "name": "V Foro de Cooperación de la Alianza del Pacífico",
    "series": "Foro de Cooperación de la Alianza del Pacífico",
    "organiser_name": "Presidencia Pro Tempore Perú de la Alianza del Pacífico",
    "description": (
        "Quinta edición del Foro de Cooperación de la Alianza del Pacífico, organizada en Lima "
        "bajo la Presidencia Pro Tempore del Perú, cinco años después de la primera edición "
        "(Lima, 2019). Se presentan cinco proyectos de cooperación en cinco temáticas, con "
        "moderación de CAF, ante delegaciones de Chile, Colombia, México y Perú, Estados "
        "Observadores y socios como la Unión Europea, el PNUD y la FAO."
    ),
    "city": "Lima",
    "country": "PE",
    "venue": "Ministerio de Relaciones Exteriores del Perú, Lima",
    "timezone": "America/Lima",
    "start_date": _AP_DAY,
    "end_date": _AP_DAY,
    "format": "in_person",
    "languages": ["es"],
    "status": "published",
    "rooms": [
        {
            "name": _AP_AUD,
            "capacity": 250,
            "floor": "Primer piso",
            "notes": "Sesiones plenarias y presentación de proyectos.",
        },
        {
            "name": _AP_HALL,
            "capacity": 250,
            "floor": "Primer piso",
            "notes": "Acreditación, pausas y espacio de networking con Estados Observadores.",
        },
    ],
    "tracks": [
        {
            "name": _AP_SOCIAL,
            "color": "#00838f",
            "description": "Desarrollo social e inclusión de la población pobre y vulnerable.",
        },
        {
            "name": _AP_GENERO,
            "color": "#8e24aa",
            "description": (
                "Participación económica de las mujeres, incluidas mujeres rurales e indígenas."
            ),
        },
        {
            "name": _AP_CULTURA,
            "color": "#d84315",
            "description": (
                "Formación y comercialización para agentes de las industrias culturales y "
                "creativas."
            ),
        },
        {
            "name": _AP_PYMES,
            "color": "#1565c0",
            "description": (
                "Internacionalización de mipymes y comercio electrónico transfronterizo."
            ),
        },
        {
            "name": _AP_FERT,
            "color": "#558b2f",
            "description": "Manejo del suelo y de fertilizantes en la agricultura familiar.",
        },
    ],
    "sessions": [
        _es(
            "Inauguración del V Foro de Cooperación de la Alianza del Pacífico",
            "plenary",
            _AP_DAY,
            "09:00",
            "09:45",
            _AP_AUD,
            None,
            description=(
                "Inauguración a cargo del Vicecanciller del Perú, con los coordinadores "
                "nacionales de la Alianza del Pacífico, el Presidente de la Comisión "
                "Interparlamentaria de Seguimiento (CISAP), el Cuerpo Diplomático y "
                "organismos internacionales."
            ),
            speakers=[
                _HIGUERA,
                _OTERO,
                _SERRANO,
                _GRUESO,
                sp(
                    "Isaac Mita",
                    "Congreso de la República del Perú",
                    "Presidente pro tempore de la CISAP, congresista",
                ),
            ],
        ),
        _es(
            "Presentación de la publicación «Oportunidades de cooperación con la Alianza del "
            "Pacífico: una visión desde el trabajo de los grupos técnicos»",
            "plenary",
            _AP_DAY,
            "09:45",
            "10:15",
            _AP_AUD,
            None,
            description="Presentación de la publicación que recoge el portafolio de cooperación "
            "de los grupos técnicos de la Alianza del Pacífico.",
            speakers=[_HIGUERA, _COORD_PE],
        ),
        _ap_project(
            "Plataforma de información, orientación y acompañamiento para promover el desarrollo "
            "y la inclusión de la población pobre y vulnerable: «INFOSOCIAL»",
            "10:15",
            "10:45",
            _AP_SOCIAL,
            "desarrollo social",
        ),
        _ap_project(
            "Elaboración de un manual para facilitar la participación de mujeres rurales e "
            "indígenas en mercados internacionales",
            "10:45",
            "11:15",
            _AP_GENERO,
            "género",
        ),
        _es("Pausa café", "break", _AP_DAY, "11:15", "11:35", _AP_HALL),
        _ap_project(
            "Programa de formación cultural virtual para fortalecer la etapa de comercialización "
            "de los emprendimientos de los agentes de las industrias culturales y creativas",
            "11:35",
            "12:05",
            _AP_CULTURA,
            "cultura",
        ),
        _ap_project(
            "Fortalecer las capacidades de las micro, pequeñas y medianas empresas de la Alianza "
            "del Pacífico para facilitar su inserción en el comercio electrónico transfronterizo",
            "12:05",
            "12:35",
            _AP_PYMES,
            "pymes",
        ),
        _ap_project(
            "Revaloración de conocimientos ancestrales y promoción de nuevas tecnologías en el "
            "manejo del suelo y fertilizantes para productores de la agricultura familiar en los "
            "países de la Alianza del Pacífico",
            "12:35",
            "13:05",
            _AP_FERT,
            "agricultura",
        ),
        _es("Almuerzo", "break", _AP_DAY, "13:05", "14:30", _AP_HALL),
        _es(
            "Panel de coordinadores nacionales: hacia la materialización del portafolio",
            "panel",
            _AP_DAY,
            "14:30",
            "15:45",
            _AP_AUD,
            None,
            description=(
                "Los coordinadores nacionales de Chile, Colombia, México y Perú dialogan sobre "
                "prioridades de cooperación y el curso de acción para materializar los proyectos."
            ),
            speakers=[_OTERO, _GRUESO, _SERRANO, _COORD_PE, _CAF],
        ),
        _es(
            "Networking con Estados Observadores y socios de cooperación",
            "networking",
            _AP_DAY,
            "15:45",
            "17:00",
            _AP_HALL,
            None,
            description=(
                "Encuentros entre los grupos técnicos y las delegaciones de los 63 Estados "
                "Observadores, la Unión Europea, el PNUD, la FAO y agencias de cooperación."
            ),
        ),
        _es(
            "Clausura",
            "plenary",
            _AP_DAY,
            "17:00",
            "17:30",
            _AP_AUD,
            None,
            description="Conclusiones y próximos pasos de la Presidencia Pro Tempore del Perú.",
            speakers=[_COORD_PE],
        ),
    ],
}


EVENTS: list[dict] = [HAND_IN_HAND_2023, FORO_INVERSIONES_PERU_2023, FORO_COOPERACION_AP_2024]


# ---------------------------------------------------------------------------------------
# Self-check: python -m forum.demo.programmes
# ---------------------------------------------------------------------------------------


def _check(events: list[dict]) -> dict[str, int]:
    import re
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    event_keys = {
        "slug",
        "name",
        "series",
        "organiser_name",
        "description",
        "city",
        "country",
        "venue",
        "timezone",
        "start_date",
        "end_date",
        "format",
        "languages",
        "status",
        "rooms",
        "tracks",
        "sessions",
    }
    session_keys = {
        "title",
        "description",
        "kind",
        "date",
        "start",
        "end",
        "room",
        "track",
        "language",
        "capacity",
        "stream_url",
        "speakers",
    }
    kinds = {"plenary", "panel", "workshop", "pitch", "b2b", "networking", "break"}
    hhmm = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
    counts: dict[str, int] = {}
    slugs: set[str] = set()

    def local(tz: ZoneInfo, day: str, t: str) -> datetime:
        assert hhmm.match(t), t
        h, m = map(int, t.split(":"))
        assert m % 5 == 0, f"{t} not on a 5-minute multiple"
        assert h != 2, f"{t} in the 02:00-03:00 window"
        naive = datetime.combine(date.fromisoformat(day), datetime.min.time()).replace(
            hour=h, minute=m
        )
        aware = naive.replace(tzinfo=tz)
        # Round trip through UTC: a local time in a DST gap would not come back unchanged.
        back = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
        assert back == naive, f"{day} {t} does not exist in {tz}"
        return aware

    for ev in events:
        slug = ev["slug"]
        assert set(ev) == event_keys, (slug, set(ev) ^ event_keys)
        assert re.match(r"^[a-z0-9-]+$", slug) and slug not in slugs, slug
        slugs.add(slug)
        assert len(ev["name"]) <= 200 and len(ev["venue"]) <= 300
        assert re.match(r"^[A-Z]{2}$", ev["country"]), ev["country"]
        tz = ZoneInfo(ev["timezone"])
        d0, d1 = date.fromisoformat(ev["start_date"]), date.fromisoformat(ev["end_date"])
        assert d0 <= d1
        assert ev["format"] in {"in_person", "virtual", "hybrid"}
        assert ev["status"] in {"draft", "published", "archived"}
        assert ev["languages"] and len(set(ev["languages"])) == len(ev["languages"])
        rooms = {r["name"]: r for r in ev["rooms"]}
        tracks = {t["name"] for t in ev["tracks"]}
        assert len(rooms) == len(ev["rooms"]) and len(tracks) == len(ev["tracks"])
        for r in ev["rooms"]:
            assert set(r) == {"name", "capacity", "floor", "notes"} and len(r["name"]) <= 120
        for t in ev["tracks"]:
            assert set(t) == {"name", "description", "color"} and len(t["name"]) <= 200
            assert re.match(r"^#[0-9a-f]{6}$", t["color"]), t["color"]

        placed = []  # (start, end, session)
        for s in ev["sessions"]:
            where = f"{slug}: {s['title']!r}"
            assert set(s) == session_keys, (where, set(s) ^ session_keys)
            assert s["kind"] in kinds, where
            assert s["title"] and len(s["title"]) <= 300, where
            assert s["language"] in ev["languages"], where
            assert d0 <= date.fromisoformat(s["date"]) <= d1, f"{where} outside event dates"
            start, end = local(tz, s["date"], s["start"]), local(tz, s["date"], s["end"])
            assert end > start, f"{where} ends before it starts"
            assert s["room"] is None or s["room"] in rooms, f"{where}: unknown room {s['room']}"
            assert s["track"] is None or s["track"] in tracks, (
                f"{where}: unknown track {s['track']}"
            )
            assert s["stream_url"] is None or s["stream_url"].startswith("https://"), where
            cap = s["capacity"]
            assert cap is None or (isinstance(cap, int) and cap > 0), where
            if cap is not None and s["room"] and rooms[s["room"]]["capacity"]:
                assert cap <= rooms[s["room"]]["capacity"], f"{where}: capacity above room's"
            names = [p["name"] for p in s["speakers"]]
            assert len(names) == len(set(names)), f"{where}: speaker listed twice"
            for p in s["speakers"]:
                assert set(p) == {"name", "organisation", "role"}, where
                assert p["name"] and len(p["name"]) <= 200, where
                assert len(p["organisation"]) <= 200 and len(p["role"]) <= 200, where
            placed.append((start, end, s))

        for i, (a0, a1, a) in enumerate(placed):
            for b0, b1, b in placed[i + 1 :]:
                if a0 < b1 and b0 < a1:  # half-open ranges overlap
                    pair = f"{slug}: {a['title']!r} / {b['title']!r}"
                    assert not (a["room"] and a["room"] == b["room"]), f"room clash: {pair}"
                    shared = {p["name"] for p in a["speakers"]} & {p["name"] for p in b["speakers"]}
                    assert not shared, f"speaker clash {shared}: {pair}"
        counts[slug] = len(ev["sessions"])
    return counts


if __name__ == "__main__":
    result = _check(EVENTS)
    for event_slug, n in result.items():
        print(f"{event_slug}: {n} sessions")
    print(f"OK: {len(result)} events, {sum(result.values())} sessions")
