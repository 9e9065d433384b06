"""Demo delegates for the three demo fora: organisations, tags, participant types, profiles.

Built around the background documents in ../shared/seeds: the Hand-in-Hand (Mano de la Mano)
investment plans for Peru (agroforestry coffee in Jaén and San Ignacio, dairy with
regenerative livestock in La Libertad, Andean organic avocado in Huancavelica, fine-flavour
cocoa in Cajamarca), Agro Rural's business networks (cuy, lácteos, cañihua, quinua,
granadilla, mango; 46% led by women), AL-INVEST Verde (café, cacao, aguaje), the Regional
Development Agencies, and the V Cooperation Forum of the Pacific Alliance.

Every delegate is a fictional person; none of the people named in the seeds appears here.
Fictional organisations (cooperatives, companies, funds) have fictional names; public bodies
and international organisations are real institutions represented by fictional staff, with
offers and seeks that only paraphrase their public mandate. All e-mail addresses and
fictional websites use the reserved ``.example`` top-level domain (RFC 2606).

Only the standard library is used, so a loader can import this module without the app.
Delegates from outside Spanish-speaking countries have their names written out; the others
get names drawn from regional lists (Quechua and Aymara surnames in the southern Andes,
northern surnames in Cajamarca and Piura, Amazonian ones in San Martín and Loreto) with
``random.Random(2023)``, so the module-level constants are the same on every import.
E-mail addresses are ``given.surname@<organisation domain>.example``; members of small
producer associations without a website use ``correo.example``.

Participant types with a capacity are quotas of approved registrations; delegates of a full
type wait (status ``waiting``).

Run ``python -m forum.demo.delegates`` (or this file) to check the data.
"""

import random
import unicodedata
from functools import partial

HIH = "hand-in-hand-2023"
PERU = "foro-inversiones-peru-2023"
AP = "foro-cooperacion-alianza-pacifico-2024"

# ---------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------


def _org(
    key: str,
    name: str,
    type_: str,
    country: str,
    region: str,
    website: str = "",
    size: str | None = None,
) -> dict:
    return {
        "key": key,
        "name": name,
        "type": type_,
        "country": country,
        "region": region,
        "website": website,
        "size": size,
    }


_prod = partial(_org, type_="producer_org", country="PE")
_comp = partial(_org, type_="company")
_inv = partial(_org, type_="investor")
_reg_gov = partial(_org, type_="regional_gov", country="PE")
_nat = partial(_org, type_="national_gov")
_coop = partial(_org, type_="cooperation")
_acad = partial(_org, type_="academia_ngo")

ORGANISATIONS: list[dict] = [
    # --- Producer organisations: café -------------------------------------------------
    _prod(
        "coop-cafe-flor-chinchipe",
        "Cooperativa Agraria Cafetalera Flor del Chinchipe",
        region="Cajamarca",
        website="https://www.florchinchipe.example",
        size="medium",
    ),
    _prod(
        "coop-cafe-bosque-jaen",
        "Cooperativa Agraria Cafetalera Bosque Nublado de Jaén",
        region="Cajamarca",
        website="https://www.bosquenublado.example",
        size="medium",
    ),
    _prod(
        "asoc-cafe-alto-huabal",
        "Asociación de Productores Cafetaleros Alto Huabal",
        region="Cajamarca",
        size="small",
    ),
    _prod(
        "coop-cafe-tabaconas",
        "Cooperativa de Servicios Múltiples Tabaconas Verde",
        region="Cajamarca",
        size="small",
    ),
    _prod(
        "asoc-mujeres-cafe-chirinos",
        "Asociación de Mujeres Cafetaleras de Chirinos",
        region="Cajamarca",
        size="micro",
    ),
    _prod(
        "coop-cafe-huayabamba",
        "Cooperativa Agraria Cafetalera Valle del Huayabamba",
        region="Amazonas",
        website="https://www.cafehuayabamba.example",
        size="small",
    ),
    _prod(
        "coop-cafe-alto-mayo",
        "Cooperativa Agroindustrial Café Alto Mayo",
        region="San Martín",
        website="https://www.cafealtomayo.example",
        size="medium",
    ),
    _prod(
        "coop-cafe-lares",
        "Cooperativa Agraria Cafetalera Valle de Lares",
        region="Cusco",
        size="small",
    ),
    _prod(
        "coop-cafe-perene",
        "Cooperativa Agraria Cafetalera Selva Central Perené",
        region="Junín",
        website="https://www.cafeperene.example",
        size="medium",
    ),
    _prod(
        "asoc-cafe-inambari",
        "Asociación de Productores de Café Tambopata Inambari",
        region="Puno",
        size="small",
    ),
    _prod(
        "coop-cafe-rio-apurimac",
        "Cooperativa Agraria Cafetalera Río Apurímac",
        region="Ayacucho",
        size="small",
    ),
    # --- cacao -----------------------------------------------------------------------
    _prod(
        "coop-cacao-bellavista",
        "Cooperativa Agraria Cacaotera Aroma de Bellavista",
        region="Cajamarca",
        website="https://www.aromadebellavista.example",
        size="small",
    ),
    _prod(
        "asoc-cacao-huarango",
        "Asociación de Productores de Cacao Nativo de Huarango",
        region="Cajamarca",
        size="micro",
    ),
    _prod(
        "coop-cacao-huallaga",
        "Cooperativa Agroindustrial Cacao Huallaga Central",
        region="San Martín",
        website="https://www.cacaohuallaga.example",
        size="medium",
    ),
    _prod(
        "coop-cacao-utcubamba",
        "Cooperativa Agraria Cacaotera Utcubamba",
        region="Amazonas",
        size="small",
    ),
    _prod(
        "asoc-cacao-blanco-piura",
        "Asociación de Pequeños Productores de Cacao Blanco del Alto Piura",
        region="Piura",
        size="small",
    ),
    _prod(
        "coop-cacao-kimbiri", "Cooperativa Agraria Cacaotera Kimbiri", region="Cusco", size="small"
    ),
    # --- lácteos ---------------------------------------------------------------------
    _prod(
        "asoc-lacteos-otuzco",
        "Asociación de Ganaderos Lecheros de Otuzco",
        region="La Libertad",
        size="small",
    ),
    _prod(
        "coop-leche-santiago-chuco",
        "Cooperativa Agropecuaria Lechera de Santiago de Chuco",
        region="La Libertad",
        size="small",
    ),
    _prod(
        "red-lacteos-huamachuco",
        "Red Empresarial de Productores Lácteos de Huamachuco",
        region="La Libertad",
        size="micro",
    ),
    _prod(
        "asoc-queseros-bambamarca",
        "Asociación de Queseras Artesanales de Bambamarca",
        region="Cajamarca",
        size="micro",
    ),
    _prod(
        "red-lacteos-ayaviri", "Red Empresarial de Lácteos de Ayaviri", region="Puno", size="micro"
    ),
    _prod(
        "asoc-leche-anta",
        "Asociación de Productoras Lecheras de Anta",
        region="Cusco",
        size="small",
    ),
    _prod(
        "red-lacteos-huaylas",
        "Red de Productores de Derivados Lácteos del Callejón de Huaylas",
        region="Áncash",
        size="micro",
    ),
    _prod(
        "coop-leche-mantaro",
        "Cooperativa de Productores Lecheros del Valle del Mantaro",
        region="Junín",
        website="https://www.lechemantaro.example",
        size="medium",
    ),
    _prod(
        "asoc-ganaderos-oyon",
        "Asociación Ganadera Lechera de Oyón",
        region="Lima provincias",
        size="micro",
    ),
    # --- cuy -------------------------------------------------------------------------
    _prod(
        "red-cuy-warmi-kallpa",
        "Red Empresarial de Criadoras de Cuy Warmi Kallpa",
        region="Cusco",
        size="micro",
    ),
    _prod(
        "asoc-cuy-cocharcas",
        "Asociación de Criadores de Cuy Virgen de Cocharcas",
        region="Apurímac",
        size="micro",
    ),
    _prod(
        "red-cuy-san-marcos",
        "Red de Productores de Cuy de San Marcos",
        region="Cajamarca",
        size="micro",
    ),
    _prod(
        "asoc-cuy-caraz", "Asociación de Productores de Cuy de Caraz", region="Áncash", size="micro"
    ),
    _prod("red-cuy-mantaro", "Red Empresarial Cuyes del Mantaro", region="Junín", size="small"),
    _prod(
        "asoc-cuy-kotosh", "Asociación de Criadores de Cuy Kotosh", region="Huánuco", size="micro"
    ),
    _prod(
        "red-cuy-sumaq-warmi",
        "Red de Criadoras de Cuy Sumaq Warmi",
        region="Lima provincias",
        size="micro",
    ),
    _prod(
        "asoc-cuy-abancay", "Asociación de Cuyicultores de Abancay", region="Apurímac", size="micro"
    ),
    _prod(
        "red-cuy-acobamba",
        "Red Empresarial de Cuy de Acobamba",
        region="Huancavelica",
        size="micro",
    ),
    # --- cañihua y quinua ------------------------------------------------------------
    _prod(
        "red-canihua-ilave",
        "Red Empresarial de Productores de Cañihua de Ilave",
        region="Puno",
        size="micro",
    ),
    _prod(
        "asoc-canihua-cabana",
        "Asociación de Productoras de Cañihua y Quinua de Cabana",
        region="Puno",
        size="micro",
    ),
    _prod(
        "coop-quinua-altiplano",
        "Cooperativa Agraria Quinuera del Altiplano",
        region="Puno",
        website="https://www.quinuaaltiplano.example",
        size="medium",
    ),
    _prod(
        "asoc-quinua-andahuaylas",
        "Asociación de Productores de Quinua Orgánica de Andahuaylas",
        region="Apurímac",
        size="small",
    ),
    _prod(
        "asoc-quinua-anta",
        "Asociación de Productores de Quinua de la Pampa de Anta",
        region="Cusco",
        size="small",
    ),
    _prod("coop-quinua-jauja", "Cooperativa Agraria Quinua Jauja", region="Junín", size="small"),
    # --- granadilla y mango ----------------------------------------------------------
    _prod(
        "asoc-granadilla-chaglla",
        "Asociación de Productores de Granadilla de Chaglla",
        region="Huánuco",
        size="small",
    ),
    _prod(
        "red-granadilla-concepcion",
        "Red de Productores de Granadilla de Concepción",
        region="Junín",
        size="micro",
    ),
    _prod(
        "coop-mango-san-lorenzo",
        "Cooperativa Agraria de Productores de Mango del Valle de San Lorenzo",
        region="Piura",
        website="https://www.mangosanlorenzo.example",
        size="medium",
    ),
    _prod("red-mango-casma", "Red Empresarial de Mango de Casma", region="Áncash", size="micro"),
    _prod(
        "asoc-mango-tambogrande",
        "Asociación de Pequeños Productores de Mango de Tambogrande",
        region="Piura",
        size="small",
    ),
    _prod(
        "red-mango-huaura",
        "Red de Productores de Mango de Huaura",
        region="Lima provincias",
        size="micro",
    ),
    # --- palta / aguacate ------------------------------------------------------------
    _prod(
        "asoc-palta-huaytara",
        "Asociación de Productores de Palta Orgánica de Huaytará",
        region="Huancavelica",
        size="small",
    ),
    _prod(
        "coop-palta-tayacaja",
        "Cooperativa Agraria Palta Andina de Tayacaja",
        region="Huancavelica",
        size="small",
    ),
    _prod(
        "asoc-palta-churcampa",
        "Asociación de Palteros de Churcampa",
        region="Huancavelica",
        size="micro",
    ),
    _prod(
        "red-palta-pachachaca",
        "Red de Productores de Palta del Valle del Pachachaca",
        region="Apurímac",
        size="micro",
    ),
    # --- aguaje ----------------------------------------------------------------------
    _prod(
        "asoc-aguaje-jenaro-herrera",
        "Asociación de Manejadoras de Aguaje de Jenaro Herrera",
        region="Loreto",
        size="micro",
    ),
    _prod(
        "asoc-aguaje-alto-mayo",
        "Asociación de Recolectores de Aguaje del Alto Mayo",
        region="San Martín",
        size="micro",
    ),
    # --- Companies -------------------------------------------------------------------
    _comp(
        "cafes-nororiente",
        "Cafés Especiales del Nororiente SAC",
        country="PE",
        region="Cajamarca",
        website="https://www.cafesnororiente.example",
        size="medium",
    ),
    _comp(
        "tostaduria-qhapaq",
        "Tostaduría Qhapaq Café SAC",
        country="PE",
        region="Lima",
        website="https://www.qhapaqcafe.example",
        size="small",
    ),
    _comp(
        "chocolateria-selva-dulce",
        "Chocolatería Selva Dulce SAC",
        country="PE",
        region="Lima",
        website="https://www.selvadulce.example",
        size="small",
    ),
    _comp(
        "amazonia-cacao-trading",
        "Amazonia Cacao Trading SAC",
        country="PE",
        region="San Martín",
        website="https://www.amazoniacacao.example",
        size="medium",
    ),
    _comp(
        "lacteas-chimu",
        "Industrias Lácteas Chimú SAC",
        country="PE",
        region="La Libertad",
        website="https://www.lacteaschimu.example",
        size="large",
    ),
    _comp(
        "quesos-cumbemayo",
        "Quesos y Mantequillas Cumbemayo SAC",
        country="PE",
        region="Cajamarca",
        website="https://www.cumbemayo.example",
        size="small",
    ),
    _comp(
        "paltas-costa-verde",
        "Agrícola Costa Verde Paltas SAC",
        country="PE",
        region="Lima",
        website="https://www.costaverdepaltas.example",
        size="large",
    ),
    _comp(
        "frutos-del-chira",
        "Frutos del Chira SAC",
        country="PE",
        region="Piura",
        website="https://www.frutosdelchira.example",
        size="medium",
    ),
    _comp(
        "pasiflora-andina",
        "Exportadora Pasiflora Andina SAC",
        country="PE",
        region="Lima",
        website="https://www.pasiflora.example",
        size="small",
    ),
    _comp(
        "granos-titicaca",
        "Granos Andinos del Titicaca SAC",
        country="PE",
        region="Puno",
        website="https://www.granostiticaca.example",
        size="medium",
    ),
    _comp(
        "nutrisierra",
        "Nutrisierra Export SAC",
        country="PE",
        region="Lima",
        website="https://www.nutrisierra.example",
        size="medium",
    ),
    _comp(
        "procesadora-cuy-andino",
        "Procesadora de Cuy Andino SAC",
        country="PE",
        region="Lima",
        website="https://www.cuyandino.example",
        size="small",
    ),
    _comp(
        "mercaplaza",
        "Supermercados Mercaplaza SAC",
        country="PE",
        region="Lima",
        website="https://www.mercaplaza.example",
        size="large",
    ),
    _comp(
        "amazon-superfruits",
        "Amazon Superfruits SAC",
        country="PE",
        region="Loreto",
        website="https://www.amazonsuperfruits.example",
        size="small",
    ),
    _comp(
        "viveros-nororiente",
        "Viveros Agroforestales del Nororiente SAC",
        country="PE",
        region="Cajamarca",
        size="small",
    ),
    _comp(
        "agrodata-peru",
        "AgroData Perú SAC",
        country="PE",
        region="Lima",
        website="https://www.agrodata.example",
        size="small",
    ),
    _comp(
        "certificadora-andina",
        "Certificadora Andina Orgánica SAC",
        country="PE",
        region="Lima",
        website="https://www.certificadoraandina.example",
        size="small",
    ),
    _comp(
        "riego-tecnificado-sur",
        "Riego Tecnificado del Sur SAC",
        country="PE",
        region="Arequipa",
        website="https://www.riegosur.example",
        size="medium",
    ),
    _comp(
        "frio-andino",
        "Frío Andino Logística SAC",
        country="PE",
        region="Lima",
        website="https://www.frioandino.example",
        size="medium",
    ),
    _comp(
        "consultora-agronegocios-inka",
        "Consultora Agronegocios Inka EIRL",
        country="PE",
        region="Lima",
        size="micro",
    ),
    _comp(
        "rosterei-elbufer",
        "Rösterei Elbufer GmbH",
        country="DE",
        region="Hamburg",
        website="https://www.elbufer-kaffee.example",
        size="medium",
    ),
    _comp(
        "blue-ridge-coffee",
        "Blue Ridge Specialty Coffee Importers LLC",
        country="US",
        region="Virginia",
        website="https://www.blueridgecoffee.example",
        size="medium",
    ),
    _comp(
        "cioccolateria-scrivia",
        "Cioccolateria Valle Scrivia Srl",
        country="IT",
        region="Piemonte",
        website="https://www.vallescrivia.example",
        size="small",
    ),
    _comp(
        "fruitbrug",
        "Fruitbrug Import BV",
        country="NL",
        region="Zuid-Holland",
        website="https://www.fruitbrug.example",
        size="medium",
    ),
    _comp(
        "indus-valley-agri",
        "Indus Valley Agri Processors (Pvt) Ltd",
        country="PK",
        region="Sindh",
        website="https://www.indusvalleyagri.example",
        size="medium",
    ),
    # --- Investors and financial institutions ----------------------------------------
    _inv(
        "evergreen-andes",
        "Evergreen Andes Impact Fund LLC",
        country="US",
        region="Massachusetts",
        website="https://www.evergreenandes.example",
        size="medium",
    ),
    _inv(
        "groene-brug",
        "Groene Brug Impact Investments BV",
        country="NL",
        region="Noord-Holland",
        website="https://www.groenebrug.example",
        size="medium",
    ),
    _inv(
        "alpenrand",
        "Alpenrand Sustainable Finance AG",
        country="CH",
        region="Zürich",
        website="https://www.alpenrand.example",
        size="medium",
    ),
    _inv(
        "agrobanco",
        "Banco Agropecuario (Agrobanco)",
        country="PE",
        region="Lima",
        website="https://www.agrobanco.com.pe",
        size="large",
    ),
    _inv(
        "cofide",
        "COFIDE – Banco de Desarrollo del Perú",
        country="PE",
        region="Lima",
        website="https://www.cofide.com.pe",
        size="large",
    ),
    _inv(
        "banco-interandino",
        "Banco Interandino del Perú",
        country="PE",
        region="Lima",
        website="https://www.bancointerandino.example",
        size="large",
    ),
    _inv(
        "caja-maranon",
        "Caja Municipal de Ahorro y Crédito del Marañón",
        country="PE",
        region="Cajamarca",
        website="https://www.cajamaranon.example",
        size="medium",
    ),
    _inv(
        "coopac-qollana",
        "Cooperativa de Ahorro y Crédito Qollana",
        country="PE",
        region="Cusco",
        size="small",
    ),
    _inv(
        "coopac-nor-andina",
        "Cooperativa de Ahorro y Crédito Nor Andina",
        country="PE",
        region="Cajamarca",
        size="small",
    ),
    _inv(
        "fondo-iberoamericano",
        "Fondo Iberoamericano de Impacto Agroalimentario FCR",
        country="ES",
        region="Madrid",
        website="https://www.fondoiberoagro.example",
        size="medium",
    ),
    _inv(
        "capital-agro-andino",
        "Fondo de Capital Agro Andino SAS",
        country="CO",
        region="Bogotá D. C.",
        website="https://www.capitalagroandino.example",
        size="medium",
    ),
    _inv(
        "austral-agro",
        "Inversiones Austral Agro SpA",
        country="CL",
        region="Región Metropolitana de Santiago",
        website="https://www.australagro.example",
        size="medium",
    ),
    _inv(
        "capital-semilla-agro",
        "Capital Semilla Agro SAPI de CV",
        country="MX",
        region="Ciudad de México",
        website="https://www.capitalsemilla.example",
        size="small",
    ),
    _inv(
        "cosecha-fintech",
        "Cosecha Fintech SAC",
        country="PE",
        region="Lima",
        website="https://www.cosechafintech.example",
        size="small",
    ),
    _inv(
        "aseguradora-rural-andina",
        "Aseguradora Rural Andina SA",
        country="PE",
        region="Lima",
        website="https://www.segurorural.example",
        size="medium",
    ),
    _inv(
        "appia-impact",
        "Appia Impact Partners SGR",
        country="IT",
        region="Lazio",
        website="https://www.appiaimpact.example",
        size="medium",
    ),
    # --- Regional and local governments (Peru), Regional Development Agencies ---------
    _reg_gov("gr-cajamarca", "Gobierno Regional de Cajamarca", region="Cajamarca"),
    _reg_gov("gr-la-libertad", "Gobierno Regional La Libertad", region="La Libertad"),
    _reg_gov("gr-huancavelica", "Gobierno Regional de Huancavelica", region="Huancavelica"),
    _reg_gov("gr-cusco", "Gobierno Regional del Cusco", region="Cusco"),
    _reg_gov("gr-apurimac", "Gobierno Regional de Apurímac", region="Apurímac"),
    _reg_gov("gr-ayacucho", "Gobierno Regional de Ayacucho", region="Ayacucho"),
    _reg_gov("gr-piura", "Gobierno Regional Piura", region="Piura"),
    _reg_gov("gr-san-martin", "Gobierno Regional de San Martín", region="San Martín"),
    _reg_gov("mp-san-ignacio", "Municipalidad Provincial de San Ignacio", region="Cajamarca"),
    _reg_gov("mp-jaen", "Municipalidad Provincial de Jaén", region="Cajamarca"),
    _reg_gov("mp-huaytara", "Municipalidad Provincial de Huaytará", region="Huancavelica"),
    _reg_gov("ard-cajamarca", "Agencia Regional de Desarrollo de Cajamarca", region="Cajamarca"),
    _reg_gov("ard-piura", "Agencia Regional de Desarrollo de Piura", region="Piura"),
    _org(
        "punjab-agriculture",
        "Agriculture Department, Government of the Punjab",
        "regional_gov",
        "PK",
        "Punjab",
    ),
    # --- National governments ---------------------------------------------------------
    _nat(
        "midagri",
        "Ministerio de Desarrollo Agrario y Riego (MIDAGRI)",
        country="PE",
        region="Lima",
        website="https://www.gob.pe/midagri",
    ),
    _nat(
        "agro-rural",
        "Programa de Desarrollo Productivo Agrario Rural (Agro Rural)",
        country="PE",
        region="Lima",
        website="https://www.gob.pe/agrorural",
    ),
    _nat(
        "produce",
        "Ministerio de la Producción (PRODUCE)",
        country="PE",
        region="Lima",
        website="https://www.gob.pe/produce",
    ),
    _nat("sierra-selva-exportadora", "Sierra y Selva Exportadora", country="PE", region="Lima"),
    _nat(
        "pcm-descentralizacion",
        "Presidencia del Consejo de Ministros – Secretaría de Descentralización",
        country="PE",
        region="Lima",
        website="https://www.gob.pe/pcm",
    ),
    _nat(
        "agroideas",
        "Programa de Compensaciones para la Competitividad (AGROIDEAS)",
        country="PE",
        region="Lima",
    ),
    _nat(
        "rree-peru",
        "Ministerio de Relaciones Exteriores del Perú",
        country="PE",
        region="Lima",
        website="https://www.gob.pe/rree",
    ),
    _nat(
        "midis",
        "Ministerio de Desarrollo e Inclusión Social (MIDIS)",
        country="PE",
        region="Lima",
        website="https://www.gob.pe/midis",
    ),
    _nat(
        "mimp",
        "Ministerio de la Mujer y Poblaciones Vulnerables (MIMP)",
        country="PE",
        region="Lima",
        website="https://www.gob.pe/mimp",
    ),
    _nat(
        "mincul-peru",
        "Ministerio de Cultura del Perú",
        country="PE",
        region="Lima",
        website="https://www.gob.pe/cultura",
    ),
    _nat(
        "minrel-chile",
        "Ministerio de Relaciones Exteriores de Chile",
        country="CL",
        region="Región Metropolitana de Santiago",
        website="https://www.minrel.gob.cl",
    ),
    _nat(
        "indap",
        "Instituto de Desarrollo Agropecuario (INDAP)",
        country="CL",
        region="Región Metropolitana de Santiago",
        website="https://www.indap.gob.cl",
    ),
    _nat(
        "cancilleria-colombia",
        "Ministerio de Relaciones Exteriores de Colombia",
        country="CO",
        region="Bogotá D. C.",
        website="https://www.cancilleria.gov.co",
    ),
    _nat(
        "mincit-colombia",
        "Ministerio de Comercio, Industria y Turismo de Colombia",
        country="CO",
        region="Bogotá D. C.",
        website="https://www.mincit.gov.co",
    ),
    _nat(
        "sre-mexico",
        "Secretaría de Relaciones Exteriores de México",
        country="MX",
        region="Ciudad de México",
        website="https://www.gob.mx/sre",
    ),
    _nat(
        "mnfsr-pakistan",
        "Ministry of National Food Security and Research",
        country="PK",
        region="Islamabad Capital Territory",
    ),
    # --- Cooperation agencies and international organisations --------------------------
    _coop(
        "fao",
        "Food and Agriculture Organization of the United Nations (FAO)",
        country="IT",
        region="Lazio",
        website="https://www.fao.org",
    ),
    _coop(
        "fao-peru",
        "Representación de la FAO en el Perú",
        country="PE",
        region="Lima",
        website="https://www.fao.org/peru/es/",
    ),
    _coop(
        "fao-rlc",
        "Oficina Regional de la FAO para América Latina y el Caribe",
        country="CL",
        region="Región Metropolitana de Santiago",
        website="https://www.fao.org/americas/es/",
    ),
    _coop(
        "fao-pakistan",
        "FAO Representation in Pakistan",
        country="PK",
        region="Islamabad Capital Territory",
        website="https://www.fao.org/pakistan/en/",
    ),
    _coop(
        "ifad",
        "International Fund for Agricultural Development (IFAD)",
        country="IT",
        region="Lazio",
        website="https://www.ifad.org",
    ),
    _coop(
        "giz",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH",
        country="DE",
        region="Hessen",
        website="https://www.giz.de",
    ),
    _coop("giz-peru", "GIZ Perú", country="PE", region="Lima", website="https://www.giz.de"),
    _coop(
        "al-invest-verde", "Programa AL-INVEST Verde (Unión Europea)", country="PE", region="Lima"
    ),
    _coop("ue-peru", "Delegación de la Unión Europea en el Perú", country="PE", region="Lima"),
    _coop(
        "dg-intpa",
        "European Commission – Directorate-General for International Partnerships",
        country="BE",
        region="Bruxelles-Capitale",
        website="https://international-partnerships.ec.europa.eu",
    ),
    _coop(
        "bid-lab",
        "BID Lab – Laboratorio de innovación del Grupo BID",
        country="US",
        region="District of Columbia",
        website="https://bidlab.org",
    ),
    _coop(
        "caf",
        "CAF – Banco de Desarrollo de América Latina y el Caribe",
        country="PE",
        region="Lima",
        website="https://www.caf.com",
    ),
    _coop(
        "helvetas-peru",
        "Helvetas Perú",
        country="PE",
        region="Lima",
        website="https://www.helvetas.org",
    ),
    _coop(
        "pnud-peru",
        "Programa de las Naciones Unidas para el Desarrollo (PNUD) Perú",
        country="PE",
        region="Lima",
        website="https://www.undp.org/es/peru",
    ),
    _coop(
        "apci",
        "Agencia Peruana de Cooperación Internacional (APCI)",
        country="PE",
        region="Lima",
        website="https://www.gob.pe/apci",
    ),
    _coop(
        "agcid",
        "Agencia Chilena de Cooperación Internacional para el Desarrollo (AGCID)",
        country="CL",
        region="Región Metropolitana de Santiago",
        website="https://www.agci.cl",
    ),
    _coop(
        "apc-colombia",
        "Agencia Presidencial de Cooperación Internacional de Colombia (APC-Colombia)",
        country="CO",
        region="Bogotá D. C.",
        website="https://www.apccolombia.gov.co",
    ),
    _coop(
        "amexcid",
        "Agencia Mexicana de Cooperación Internacional para el Desarrollo (AMEXCID)",
        country="MX",
        region="Ciudad de México",
        website="https://www.gob.mx/amexcid",
    ),
    _coop(
        "aecid",
        "Agencia Española de Cooperación Internacional para el Desarrollo (AECID)",
        country="ES",
        region="Madrid",
        website="https://www.aecid.es",
    ),
    _coop(
        "koica",
        "Agencia de Cooperación Internacional de Corea (KOICA)",
        country="KR",
        region="Gyeonggi-do",
    ),
    _coop(
        "seco",
        "Secretaría de Estado para Asuntos Económicos de Suiza (SECO)",
        country="CH",
        region="Berna",
        website="https://www.seco.admin.ch",
    ),
    # --- Academia and NGOs -------------------------------------------------------------
    _acad(
        "rimisp",
        "Rimisp – Centro Latinoamericano para el Desarrollo Rural",
        country="CL",
        region="Región Metropolitana de Santiago",
        website="https://www.rimisp.org",
    ),
    _acad(
        "unalm",
        "Universidad Nacional Agraria La Molina",
        country="PE",
        region="Lima",
        website="https://www.lamolina.edu.pe",
    ),
    _acad(
        "unc-cajamarca",
        "Universidad Nacional de Cajamarca",
        country="PE",
        region="Cajamarca",
        website="https://www.unc.edu.pe",
    ),
]

# ---------------------------------------------------------------------------------------
# Tags: value chains, sectors and themes managed by the organizers of each event
# ---------------------------------------------------------------------------------------

TAGS: dict[str, list[str]] = {
    HIH: [
        "coffee",
        "cocoa",
        "dairy",
        "avocado",
        "rice",
        "wheat",
        "mango",
        "livestock",
        "horticulture",
        "agroforestry",
        "regenerative agriculture",
        "investment plans",
        "debt",
        "equity",
        "blended finance",
        "guarantees",
        "grants",
        "climate finance",
        "technical assistance",
        "market access",
        "supply",
        "agro-processing",
        "irrigation",
        "traceability",
        "digital agriculture",
        "geospatial data",
        "women's economic empowerment",
        "youth employment",
        "public-private partnerships",
        "territorial development",
        "research",
    ],
    PERU: [
        # Value chains
        "café",
        "cacao",
        "lácteos",
        "aguacate",
        "quinua",
        "cuy",
        "cañihua",
        "granadilla",
        "mango",
        "aguaje",
        # Production systems
        "agroforestería",
        "ganadería regenerativa",
        "producción orgánica",
        # Finance
        "financiamiento",
        "crédito",
        "capital de inversión",
        "cofinanciamiento público",
        "garantías",
        "seguro agrario",
        # Markets and services
        "abastecimiento",
        "acceso a mercados",
        "exportación",
        "proyectos de inversión",
        "asistencia técnica",
        "certificación",
        "transformación",
        "infraestructura productiva",
        "riego",
        "cadena de frío",
        "innovación",
        "trazabilidad",
        # Territory and inclusion
        "asociatividad",
        "gobernanza territorial",
        "mujeres rurales",
        "juventud rural",
        "economía circular",
        "cambio climático",
        "investigación",
    ],
    AP: [
        # The five themes of the forum
        "bienestar e inclusión social",
        "igualdad de género",
        "industrias culturales y creativas",
        "pymes",
        "fertilizantes",
        # Related topics
        "mujeres rurales e indígenas",
        "comercio electrónico transfronterizo",
        "manejo de suelos",
        "agricultura familiar",
        "conocimientos ancestrales",
        "sistemas de información",
        # Modalities
        "cooperación técnica",
        "cooperación sur-sur",
        "cooperación triangular",
        "financiamiento",
        "asistencia técnica",
        "intercambio de experiencias",
        "formación virtual",
        "proyectos de cooperación",
        "gestión del conocimiento",
        "evaluación y monitoreo",
    ],
}

# ---------------------------------------------------------------------------------------
# Participant types (a capacity is a quota of approved registrations; over it, waiting)
# ---------------------------------------------------------------------------------------

PARTICIPANT_TYPES: dict[str, list[dict]] = {
    HIH: [
        {"name": "Country team", "color": "#1565c0", "capacity": None},
        {"name": "Investor", "color": "#ef6c00", "capacity": None},
        {"name": "FAO", "color": "#0277bd", "capacity": None},
        {"name": "Development partner", "color": "#00838f", "capacity": None},
        {"name": "Private sector", "color": "#2e7d32", "capacity": None},
        {"name": "Research and civil society", "color": "#6d4c41", "capacity": None},
    ],
    PERU: [
        {"name": "Productor / cooperativa", "color": "#2e7d32", "capacity": 50},
        {"name": "Empresa", "color": "#1565c0", "capacity": 22},
        {"name": "Inversionista / entidad financiera", "color": "#ef6c00", "capacity": None},
        {"name": "Gobierno regional / local", "color": "#6a1b9a", "capacity": None},
        {"name": "Gobierno nacional", "color": "#283593", "capacity": None},
        {"name": "Cooperación internacional", "color": "#00838f", "capacity": None},
        {"name": "Academia / ONG", "color": "#6d4c41", "capacity": None},
    ],
    AP: [
        {"name": "Delegación del Perú", "color": "#c62828", "capacity": None},
        {"name": "Delegación de Chile", "color": "#1565c0", "capacity": None},
        {"name": "Delegación de Colombia", "color": "#f9a825", "capacity": None},
        {"name": "Delegación de México", "color": "#2e7d32", "capacity": None},
        {"name": "Organismo internacional", "color": "#00838f", "capacity": None},
        {"name": "Estado Observador", "color": "#6d4c41", "capacity": None},
    ],
}

_DEFAULT_TYPE = {
    HIH: {
        "producer_org": "Country team",
        "national_gov": "Country team",
        "regional_gov": "Country team",
        "investor": "Investor",
        "company": "Private sector",
        "cooperation": "Development partner",
        "academia_ngo": "Research and civil society",
    },
    PERU: {
        "producer_org": "Productor / cooperativa",
        "company": "Empresa",
        "investor": "Inversionista / entidad financiera",
        "regional_gov": "Gobierno regional / local",
        "national_gov": "Gobierno nacional",
        "cooperation": "Cooperación internacional",
        "academia_ngo": "Academia / ONG",
    },
    AP: {},  # by delegation, see _AP_DELEGATION
}

_TYPE_BY_ORG = {
    HIH: {"fao": "FAO", "fao-peru": "Country team", "fao-pakistan": "Country team"},
    PERU: {},
    AP: {
        **dict.fromkeys(
            ["rree-peru", "apci", "midis", "mimp", "midagri", "produce", "mincul-peru"],
            "Delegación del Perú",
        ),
        **dict.fromkeys(["minrel-chile", "agcid", "indap"], "Delegación de Chile"),
        **dict.fromkeys(
            ["cancilleria-colombia", "apc-colombia", "mincit-colombia"], "Delegación de Colombia"
        ),
        **dict.fromkeys(["sre-mexico", "amexcid"], "Delegación de México"),
        **dict.fromkeys(["caf", "ue-peru", "pnud-peru", "fao-rlc"], "Organismo internacional"),
        **dict.fromkeys(["aecid", "koica", "seco"], "Estado Observador"),
    },
}

# ---------------------------------------------------------------------------------------
# Delegates
# ---------------------------------------------------------------------------------------

_GENDERS = {"f": "female", "m": "male", "o": "other", "u": "undisclosed"}


def _d(
    event: str,
    org: str,
    gender: str,
    job: str,
    languages: str,
    sectors: str,
    offers: str,
    offer_tags: str,
    seeks: str,
    seek_tags: str,
    *,
    status: str = "approved",
    ticket: tuple[int, int] | None = None,
    name: str | None = None,
) -> dict:
    """One registration; tags are given as comma-separated strings (no tag has a comma)."""

    def split(text: str) -> list[str]:
        return [t.strip() for t in text.split(",") if t.strip()]

    return {
        "event": event,
        "email": None,  # filled in by _people()
        "name": name,
        "job_title": job,
        "gender": _GENDERS[gender],
        "languages": split(languages),
        "organisation": org,
        "participant_type": None,  # filled in by _people()
        "status": status,
        "sectors": split(sectors),
        "offers": offers,
        "offer_tags": split(offer_tags),
        "seeks": seeks,
        "seek_tags": split(seek_tags),
        "ticket_min": ticket[0] if ticket else None,
        "ticket_max": ticket[1] if ticket else None,
        "ticket_currency": "USD",
    }


_pe = partial(_d, PERU)
_hih = partial(_d, HIH)
_ap = partial(_d, AP)

_PERU_DELEGATES = [
    # === Producer organisations ==========================================================
    # --- café: Jaén and San Ignacio (Cajamarca), Amazonas, San Martín, Cusco, Junín, Puno
    _pe(
        "coop-cafe-flor-chinchipe",
        "f",
        "Presidenta del consejo de administración",
        "es",
        "café, agroforestería, producción orgánica",
        "Cooperativa de 640 familias socias en San Ignacio con 1900 ha de café bajo sombra, "
        "certificación orgánica y de comercio justo; exportamos 38 contenedores al año y ofrecemos "
        "microlotes de 84 a 87 puntos SCA.",
        "abastecimiento, exportación, proyectos de inversión",
        "Financiamiento de USD 1,2 millones para renovar 600 ha de cafetales con variedades "
        "tolerantes a la roya en sistemas agroforestales, y compradores de café de especialidad "
        "con contratos multianuales.",
        "financiamiento, crédito, agroforestería, acceso a mercados",
    ),
    _pe(
        "coop-cafe-flor-chinchipe",
        "m",
        "Gerente general",
        "es, en",
        "café, agroforestería, exportación",
        "Plan de negocio de renovación agroforestal (600 ha) con flujo de caja a 8 años, 12 años "
        "de historial crediticio y planta de beneficio seco propia con capacidad de 40 t diarias.",
        "proyectos de inversión, abastecimiento",
        "Deuda de largo plazo con 3 años de gracia y capital de trabajo para el acopio de la "
        "cosecha (mayo a septiembre); servicios de trazabilidad para cumplir el reglamento europeo "
        "sobre deforestación (EUDR).",
        "crédito, financiamiento, trazabilidad",
    ),
    _pe(
        "coop-cafe-bosque-jaen",
        "m",
        "Presidente",
        "es",
        "café, agroforestería",
        "380 socios en Las Pirias, Chontalí y Sallique (Jaén) con 1100 ha de café arábica; 25% de "
        "la producción con certificación orgánica y un acopio de 14 000 quintales por campaña.",
        "abastecimiento, proyectos de inversión",
        "Cofinanciamiento para un vivero comunal de 300 000 plantones y un secador solar "
        "colectivo; asistencia técnica en manejo de sombra y fertilización orgánica.",
        "cofinanciamiento público, asistencia técnica, infraestructura productiva, agroforestería",
    ),
    _pe(
        "coop-cafe-bosque-jaen",
        "f",
        "Jefa de calidad y catadora",
        "es, en",
        "café",
        "Laboratorio de catación propio y perfiles de taza por productor; lotes de 83 a 86 puntos "
        "con trazabilidad por parcela georreferenciada.",
        "abastecimiento, trazabilidad",
        "Tostadores e importadores que valoren cafés de altura (1600 a 1900 m s. n. m.) producidos "
        "por mujeres; apoyo para formar a jóvenes en análisis sensorial y exportación.",
        "acceso a mercados, exportación, juventud rural",
    ),
    _pe(
        "asoc-cafe-alto-huabal",
        "m",
        "Presidente",
        "es",
        "café",
        "Asociación de 95 productores con 210 ha de café en transición a orgánico y 60 ha con "
        "sombra de guaba e ingas; vendemos café pergamino seco.",
        "abastecimiento",
        "Crédito de capital de trabajo, un primer contrato directo con una exportadora que pague "
        "primas por calidad y acompañamiento para la certificación orgánica.",
        "crédito, acceso a mercados, certificación",
        status="submitted",
    ),
    _pe(
        "coop-cafe-tabaconas",
        "f",
        "Gerente",
        "es",
        "café, agroforestería, cambio climático",
        "Cooperativa de 210 familias en la zona de amortiguamiento del Santuario Nacional "
        "Tabaconas Namballe; café sin deforestación y proyectos de conservación de bosques.",
        "abastecimiento, proyectos de inversión",
        "Inversionistas de impacto y fondos climáticos para reforestar 350 ha con especies nativas "
        "y retribuir a las familias por servicios ecosistémicos.",
        "capital de inversión, financiamiento, agroforestería",
    ),
    _pe(
        "asoc-mujeres-cafe-chirinos",
        "f",
        "Presidenta",
        "es",
        "café, mujeres rurales",
        "68 mujeres cafetaleras con marca colectiva propia; café tostado y molido para tiendas y "
        "cafeterías de Jaén y Chiclayo.",
        "abastecimiento",
        "Capital de trabajo en montos pequeños, una tostadora de 15 kg y canales de venta en Lima "
        "con enfoque de género.",
        "crédito, transformación, acceso a mercados, mujeres rurales",
    ),
    _pe(
        "coop-cafe-huayabamba",
        "m",
        "Gerente general",
        "es",
        "café, agroforestería",
        "520 socios en Rodríguez de Mendoza; café de especialidad lavado y honey, con "
        "certificación orgánica, y exportación directa a Estados Unidos y Corea.",
        "abastecimiento, exportación",
        "Financiamiento para una planta de beneficio húmedo centralizado con tratamiento de aguas "
        "mieles, y socios para aprovechar la pulpa de café (economía circular).",
        "financiamiento, infraestructura productiva, economía circular",
    ),
    _pe(
        "coop-cafe-alto-mayo",
        "f",
        "Presidenta",
        "es",
        "café, agroforestería, cambio climático",
        "800 familias en Moyobamba y Rioja con 2400 ha de café, 1500 de ellas en sistemas "
        "agroforestales; proyecto de carbono agroforestal en diseño.",
        "abastecimiento, proyectos de inversión",
        "Socios para financiar el proyecto de carbono (USD 800 000) y compradores de café de "
        "especialidad que paguen una prima por producción libre de deforestación.",
        "capital de inversión, financiamiento, acceso a mercados",
    ),
    _pe(
        "coop-cafe-lares",
        "m",
        "Presidente",
        "es, qu",
        "café",
        "150 familias en el valle de Lares con cafés de altura y parcelas piloto de variedades "
        "geisha y bourbon.",
        "abastecimiento",
        "Asistencia técnica en poscosecha y secado, módulos de secado en camas africanas y "
        "contacto con tostadores del Cusco y Lima.",
        "asistencia técnica, infraestructura productiva, acceso a mercados",
    ),
    _pe(
        "coop-cafe-perene",
        "m",
        "Gerente comercial",
        "es, en",
        "café, exportación",
        "900 socios en Chanchamayo y Satipo; 60 contenedores anuales de café convencional y "
        "orgánico, con almacén propio en La Merced.",
        "abastecimiento, exportación",
        "Línea de prefinanciamiento de exportaciones de USD 2 millones y herramientas digitales de "
        "trazabilidad para el reglamento europeo sobre deforestación.",
        "financiamiento, crédito, trazabilidad",
    ),
    _pe(
        "asoc-cafe-inambari",
        "f",
        "Presidenta",
        "es, qu",
        "café",
        "120 productores en Sandia con cafés premiados en concursos nacionales de calidad; lotes "
        "de 5 a 20 quintales.",
        "abastecimiento",
        "Compradores de microlotes, apoyo para participar en ferias internacionales y mejora de la "
        "trocha de acceso a los centros de acopio.",
        "acceso a mercados, exportación, infraestructura productiva",
    ),
    _pe(
        "coop-cafe-rio-apurimac",
        "m",
        "Gerente",
        "es, qu",
        "café, cacao",
        "300 socios en el VRAEM (provincia de La Mar) con café y cacao orgánicos.",
        "abastecimiento",
        "Crédito de campaña y apoyo del Gobierno Regional de Ayacucho para una planta de secado.",
        "crédito, cofinanciamiento público, infraestructura productiva",
    ),
    # --- cacao: cacao de aroma in Cajamarca (Mano de la Mano since 2021), Amazonas, Piura...
    _pe(
        "coop-cacao-bellavista",
        "f",
        "Presidenta",
        "es",
        "cacao, agroforestería, producción orgánica",
        "310 socios en Bellavista y Jaén con 780 ha de cacao nativo fino de aroma del Marañón; 120 "
        "t anuales de grano fermentado y seco, con ficha de catación por lote.",
        "abastecimiento, proyectos de inversión",
        "Financiamiento para un centro de fermentación centralizado (USD 350 000), compradores de "
        "chocolate fino en Europa y asistencia técnica para reducir el cadmio.",
        "financiamiento, infraestructura productiva, acceso a mercados, asistencia técnica",
    ),
    _pe(
        "coop-cacao-bellavista",
        "m",
        "Gerente",
        "es",
        "cacao, agroforestería",
        "Plan de inversión del cacao de aroma de Cajamarca, acompañado por la iniciativa Mano de "
        "la Mano: injertación con clones nativos en 400 ha y vivero de 100 000 plantas.",
        "proyectos de inversión",
        "Crédito de mediano plazo y cofinanciamiento de PROCOMPITE o AGROIDEAS para renovar las "
        "plantaciones.",
        "crédito, cofinanciamiento público",
    ),
    _pe(
        "asoc-cacao-huarango",
        "m",
        "Presidente",
        "es",
        "cacao",
        "45 productores de cacao nativo en Huarango (San Ignacio); vendemos grano en baba y seco a "
        "acopiadores locales.",
        "abastecimiento",
        "Capacitación en fermentación y secado, secadores solares y un comprador directo que evite "
        "a los intermediarios.",
        "asistencia técnica, infraestructura productiva, acceso a mercados, asociatividad",
        status="submitted",
    ),
    _pe(
        "coop-cacao-huallaga",
        "m",
        "Gerente general",
        "es, en",
        "cacao, exportación",
        "1100 socios en Tocache y Mariscal Cáceres; 900 t anuales de cacao orgánico y de comercio "
        "justo exportadas a Europa.",
        "abastecimiento, exportación",
        "Capital de trabajo de USD 1,5 millones para la campaña y alianzas con chocolateros para "
        "producir cobertura y nibs.",
        "crédito, financiamiento, transformación",
    ),
    _pe(
        "coop-cacao-utcubamba",
        "f",
        "Presidenta",
        "es",
        "cacao, agroforestería",
        "220 socias y socios en Bagua Grande y Cajaruro con cacao en sistemas agroforestales con "
        "frutales y maderables.",
        "abastecimiento, proyectos de inversión",
        "Financiamiento para la certificación orgánica grupal y un almacén con control de humedad; "
        "compradores de cacao de origen Amazonas.",
        "certificación, infraestructura productiva, acceso a mercados, financiamiento",
    ),
    _pe(
        "asoc-cacao-blanco-piura",
        "m",
        "Presidente",
        "es",
        "cacao",
        "130 productores de cacao blanco en Morropón y Chulucanas, un grano muy valorado por los "
        "chocolateros.",
        "abastecimiento",
        "Chocolateros y exportadores interesados en contratos de compra, y cofinanciamiento para "
        "una planta de fermentación.",
        "acceso a mercados, cofinanciamiento público, infraestructura productiva",
    ),
    _pe(
        "coop-cacao-kimbiri",
        "f",
        "Gerente",
        "es, qu",
        "cacao, café",
        "260 familias del VRAEM con cacao chuncho y café; 80 t de cacao seco por año.",
        "abastecimiento",
        "Un fondo rotatorio de acopio para dejar de depender de intermediarios y asistencia "
        "técnica en manejo de plagas.",
        "financiamiento, crédito, asistencia técnica",
    ),
    # --- lácteos: La Libertad investment plan (regenerative livestock), Cajamarca, Puno...
    _pe(
        "asoc-lacteos-otuzco",
        "m",
        "Presidente",
        "es",
        "lácteos, ganadería regenerativa",
        "180 ganaderos en Otuzco que acopian 6500 litros diarios; 420 ha de pastos asociados de "
        "rye grass y trébol.",
        "abastecimiento, proyectos de inversión",
        "Financiamiento para tanques de enfriamiento y pastoreo rotacional con cercos eléctricos, "
        "en el marco del plan de inversión de ganadería regenerativa de La Libertad.",
        "financiamiento, cadena de frío, infraestructura productiva",
    ),
    _pe(
        "asoc-lacteos-otuzco",
        "f",
        "Tesorera",
        "es",
        "lácteos, mujeres rurales",
        "Registro de entregas de leche por socio y un fondo de ahorro interno que cubre el 20% de "
        "las inversiones de la asociación.",
        "proyectos de inversión",
        "Crédito asociativo respaldado por contratos de venta de leche y capacitación en gestión "
        "financiera para las socias.",
        "crédito, asistencia técnica, mujeres rurales",
    ),
    _pe(
        "coop-leche-santiago-chuco",
        "f",
        "Presidenta",
        "es",
        "lácteos, ganadería regenerativa",
        "140 socios con 3200 litros diarios y un hato de 900 vacas Brown Swiss; elaboramos queso "
        "andino y fresco.",
        "abastecimiento",
        "Asistencia técnica en mejoramiento genético y sanidad animal, riego por aspersión para "
        "pastos y un contrato estable con la industria láctea.",
        "asistencia técnica, riego, acceso a mercados",
    ),
    _pe(
        "red-lacteos-huamachuco",
        "m",
        "Coordinador de la red",
        "es",
        "lácteos",
        "Red de 12 familias queseras en Huamachuco que elabora 300 kg semanales de queso y yogur.",
        "abastecimiento",
        "Equipamiento de una planta quesera con registro sanitario y apoyo para constituirnos como "
        "cooperativa.",
        "transformación, cofinanciamiento público, asociatividad",
        status="waiting",
    ),
    _pe(
        "asoc-queseros-bambamarca",
        "f",
        "Presidenta",
        "es",
        "lácteos",
        "40 queseras artesanales de Bambamarca que elaboran quesillo, queso mantecoso y manjar "
        "blanco.",
        "abastecimiento",
        "Acceso a supermercados y tiendas de Lima, diseño de marca y registro sanitario.",
        "acceso a mercados, certificación, asistencia técnica",
    ),
    _pe(
        "red-lacteos-ayaviri",
        "m",
        "Presidente",
        "es, qu",
        "lácteos",
        "Red empresarial de 15 socios que transforma 1500 litros diarios en queso tipo paria y "
        "yogur.",
        "abastecimiento",
        "Crédito para un caldero y una cámara de maduración, y compradores institucionales como "
        "los programas sociales de alimentación.",
        "crédito, transformación, acceso a mercados",
    ),
    _pe(
        "asoc-leche-anta",
        "f",
        "Presidenta",
        "es, qu",
        "lácteos, mujeres rurales",
        "90 productoras de leche en Anta y Zurite con 2800 litros diarios entregados a centros de "
        "acopio.",
        "abastecimiento",
        "Tanques de frío comunales, asistencia técnica en pastos cultivados y contratos con "
        "queserías del Cusco.",
        "cadena de frío, asistencia técnica, acceso a mercados",
    ),
    _pe(
        "red-lacteos-huaylas",
        "m",
        "Gerente",
        "es, qu",
        "lácteos",
        "Red de 10 familias que elabora quesos madurados y mantequilla en Carhuaz y Yungay.",
        "abastecimiento",
        "Cofinanciamiento para una sala de ordeño limpia, certificación de buenas prácticas de "
        "manufactura y ventas a hoteles de Huaraz.",
        "cofinanciamiento público, certificación, acceso a mercados",
        status="submitted",
    ),
    _pe(
        "coop-leche-mantaro",
        "m",
        "Gerente general",
        "es",
        "lácteos, ganadería regenerativa",
        "450 socios con 18 000 litros diarios y planta de pasteurización de 10 000 litros por día; "
        "abastecemos a dos industrias lácteas.",
        "abastecimiento, proyectos de inversión",
        "Inversión de USD 900 000 para ampliar la planta a yogur y leche UHT, y biodigestores para "
        "aprovechar el estiércol.",
        "capital de inversión, financiamiento, transformación, economía circular",
    ),
    _pe(
        "asoc-ganaderos-oyon",
        "m",
        "Presidente",
        "es",
        "lácteos",
        "45 ganaderos en Oyón con 1200 litros diarios de leche de altura.",
        "abastecimiento",
        "Riego tecnificado para mejorar los pastos y un centro de acopio con tanque de frío.",
        "riego, cadena de frío, cofinanciamiento público",
    ),
    # --- cuy: the most common of Agro Rural's business networks --------------------------
    _pe(
        "red-cuy-warmi-kallpa",
        "f",
        "Presidenta de la red",
        "es, qu",
        "cuy, mujeres rurales",
        "Red de 14 criadoras de cuy en Quispicanchi con 3200 reproductoras; vendemos 900 cuyes al "
        "mes a restaurantes del Cusco.",
        "abastecimiento",
        "Crédito para ampliar galpones y un centro de beneficio con registro sanitario; "
        "compradores de cuy congelado en Lima.",
        "crédito, infraestructura productiva, acceso a mercados, cadena de frío",
    ),
    _pe(
        "red-cuy-warmi-kallpa",
        "f",
        "Secretaria",
        "qu, es",
        "cuy",
        "Ocho años de trabajo con la metodología de redes empresariales de Agro Rural; cuyes de "
        "raza Perú mejorada.",
        "abastecimiento, asociatividad",
        "Asistencia técnica en sanidad y alimentación balanceada con forraje hidropónico.",
        "asistencia técnica, innovación",
    ),
    _pe(
        "asoc-cuy-cocharcas",
        "m",
        "Presidente",
        "es, qu",
        "cuy",
        "30 criadores en Andahuaylas con 600 cuyes de saca al mes.",
        "abastecimiento",
        "Cofinanciamiento de PROCOMPITE para un centro de beneficio y asistencia técnica en "
        "sanidad.",
        "cofinanciamiento público, infraestructura productiva, asistencia técnica",
    ),
    _pe(
        "red-cuy-san-marcos",
        "f",
        "Presidenta",
        "es",
        "cuy",
        "Red de 18 familias en San Marcos con 450 cuyes al mes y reproductores de línea mejorada.",
        "abastecimiento",
        "Compradores en Cajamarca y Trujillo, empaques al vacío y un microcrédito para alimento "
        "balanceado.",
        "acceso a mercados, crédito, transformación",
    ),
    _pe(
        "asoc-cuy-caraz",
        "m",
        "Presidente",
        "es, qu",
        "cuy",
        "25 criadores en Huaylas que venden cuyes al mercado local y reproductores a otras "
        "asociaciones.",
        "abastecimiento",
        "Capacitación en gestión empresarial y crédito con tasas adecuadas para pequeños "
        "criadores.",
        "asistencia técnica, crédito, asociatividad",
        status="submitted",
    ),
    _pe(
        "red-cuy-mantaro",
        "f",
        "Gerente",
        "es",
        "cuy",
        "Red de 22 socios en Concepción y Jauja; 1500 cuyes al mes y planta de beneficio "
        "autorizada por SENASA.",
        "abastecimiento, proyectos de inversión",
        "Capital para cadena de frío y una línea de cuy trozado y empacado para supermercados.",
        "capital de inversión, cadena de frío, transformación, acceso a mercados",
    ),
    _pe(
        "asoc-cuy-kotosh",
        "m",
        "Presidente",
        "es, qu",
        "cuy",
        "20 familias en Huánuco con 400 cuyes al mes.",
        "abastecimiento",
        "Mejorar los galpones, acceder a crédito y encontrar un comprador estable en Huánuco y "
        "Lima.",
        "crédito, infraestructura productiva, acceso a mercados",
    ),
    _pe(
        "red-cuy-sumaq-warmi",
        "f",
        "Presidenta",
        "es",
        "cuy, mujeres rurales",
        "Red de 12 mujeres criadoras en Canta que abastece a restaurantes campestres de Lima.",
        "abastecimiento",
        "Registro sanitario, marca colectiva y capital de trabajo para abastecer a cadenas de "
        "restaurantes de Lima.",
        "certificación, acceso a mercados, crédito, mujeres rurales",
    ),
    _pe(
        "asoc-cuy-abancay",
        "u",
        "Gerente",
        "es, qu",
        "cuy",
        "35 cuyicultores en Abancay y Tamburco con 700 cuyes al mes.",
        "abastecimiento",
        "Asistencia técnica en bioseguridad y financiamiento para ampliar la producción de forraje "
        "con riego.",
        "asistencia técnica, riego, financiamiento",
    ),
    _pe(
        "red-cuy-acobamba",
        "f",
        "Presidenta",
        "qu, es",
        "cuy",
        "Red empresarial de 16 familias en Acobamba con 350 cuyes al mes y compost de cuyaza.",
        "abastecimiento, economía circular",
        "Cofinanciamiento del Gobierno Regional de Huancavelica y mercados en Huancayo y Lima.",
        "cofinanciamiento público, acceso a mercados",
        status="waiting",
    ),
    # --- cañihua and quinua --------------------------------------------------------------
    _pe(
        "red-canihua-ilave",
        "m",
        "Presidente",
        "es, ay",
        "cañihua, quinua",
        "Red de 20 productores aimaras de El Collao con 60 ha de cañihua orgánica; 25 t al año.",
        "abastecimiento",
        "Equipos de limpieza y selección de grano y compradores de harina de cañihua (cañihuaco).",
        "transformación, acceso a mercados",
    ),
    _pe(
        "asoc-canihua-cabana",
        "f",
        "Presidenta",
        "es, qu",
        "cañihua, quinua, mujeres rurales",
        "42 productoras de cañihua y quinua de colores en Cabana; 40 t al año.",
        "abastecimiento",
        "Certificación orgánica grupal, una trilladora y un contrato con empresas de alimentos "
        "andinos.",
        "certificación, infraestructura productiva, acceso a mercados, mujeres rurales",
    ),
    _pe(
        "coop-quinua-altiplano",
        "m",
        "Gerente general",
        "es, en",
        "quinua, cañihua, exportación",
        "600 socios en Puno y Juliaca con planta de perlado de 2 t por hora; exportamos quinua "
        "orgánica blanca, roja y negra, y ofrecemos maquila a otras organizaciones.",
        "abastecimiento, exportación, transformación",
        "Capital de trabajo para el acopio (USD 700 000) y compradores en Europa y Estados Unidos "
        "con contratos de mediano plazo.",
        "crédito, financiamiento, acceso a mercados",
    ),
    _pe(
        "coop-quinua-altiplano",
        "f",
        "Responsable de calidad",
        "es, ay",
        "quinua",
        "Sistema interno de control para la certificación orgánica de 1200 ha y trazabilidad por "
        "lote.",
        "trazabilidad, certificación",
        "Innovación en subproductos (saponina, harinas) y alianzas con universidades para "
        "investigación aplicada.",
        "innovación, investigación",
    ),
    _pe(
        "asoc-quinua-andahuaylas",
        "m",
        "Presidente",
        "es, qu",
        "quinua",
        "110 productores con 180 ha de quinua orgánica en Andahuaylas y Chincheros.",
        "abastecimiento",
        "Riego tecnificado para reducir el riesgo de sequía, seguro agrario y compradores "
        "directos.",
        "riego, seguro agrario, acceso a mercados",
    ),
    _pe(
        "asoc-quinua-anta",
        "f",
        "Presidenta",
        "es, qu",
        "quinua",
        "75 productores en la pampa de Anta con quinua blanca y roja convencional.",
        "abastecimiento",
        "Asistencia técnica para pasar a producción orgánica y crédito para maquinaria de cosecha.",
        "asistencia técnica, producción orgánica, crédito",
    ),
    _pe(
        "coop-quinua-jauja",
        "m",
        "Gerente",
        "es",
        "quinua",
        "85 socios en Jauja con quinua y kiwicha; 70 t al año.",
        "abastecimiento",
        "Financiamiento para una planta de hojuelas y snacks de quinua.",
        "financiamiento, transformación",
        status="cancelled",
    ),
    # --- granadilla and mango ------------------------------------------------------------
    _pe(
        "asoc-granadilla-chaglla",
        "f",
        "Presidenta",
        "es",
        "granadilla",
        "140 productores en Chaglla y Panao con 350 ha de granadilla; 25 t por semana en temporada "
        "alta.",
        "abastecimiento, exportación",
        "Exportadoras que compren fruta calibrada, un centro de acopio y empaque, y mejores "
        "caminos rurales.",
        "acceso a mercados, infraestructura productiva, cadena de frío",
    ),
    _pe(
        "red-granadilla-concepcion",
        "m",
        "Coordinador de la red",
        "es",
        "granadilla",
        "Red de 15 productores en Concepción con 40 ha de granadilla.",
        "abastecimiento",
        "Asistencia técnica en manejo integrado de plagas y buenas prácticas agrícolas "
        "(GLOBALG.A.P.) para exportar.",
        "asistencia técnica, certificación, exportación",
    ),
    _pe(
        "coop-mango-san-lorenzo",
        "m",
        "Presidente",
        "es",
        "mango, exportación",
        "380 socios con 1500 ha de mango Kent en el valle de San Lorenzo; 12 000 t por campaña.",
        "abastecimiento, exportación, proyectos de inversión",
        "Financiamiento para una planta de congelado IQF y riego tecnificado en 300 ha.",
        "financiamiento, transformación, riego",
    ),
    _pe(
        "coop-mango-san-lorenzo",
        "f",
        "Gerente comercial",
        "es, en",
        "mango",
        "Fruta con certificaciones GLOBALG.A.P. y de comercio justo; contratos con exportadoras en "
        "campañas anteriores.",
        "abastecimiento, certificación",
        "Contratos de venta directa con importadores europeos y financiamiento de cosecha.",
        "acceso a mercados, crédito",
    ),
    _pe(
        "red-mango-casma",
        "u",
        "Gerente",
        "es",
        "mango",
        "Red de 16 productores en Casma con 90 ha de mango Kent y Haden.",
        "abastecimiento",
        "Empresas que transformen en pulpa o mango deshidratado la fruta que no califica para "
        "exportación.",
        "acceso a mercados, transformación, economía circular",
    ),
    _pe(
        "asoc-mango-tambogrande",
        "m",
        "Presidente",
        "es",
        "mango",
        "210 pequeños productores de Tambogrande con 600 ha de mango.",
        "abastecimiento",
        "Seguro agrario frente al fenómeno El Niño, crédito de campaña y asistencia técnica en "
        "inducción floral.",
        "seguro agrario, crédito, asistencia técnica, cambio climático",
        status="submitted",
    ),
    _pe(
        "red-mango-huaura",
        "f",
        "Presidenta",
        "es",
        "mango",
        "Red de 12 productores en Huaura con 45 ha de mango, cerca del puerto del Callao.",
        "abastecimiento",
        "Compradores nacionales y un empaque asociativo.",
        "acceso a mercados, infraestructura productiva",
        status="rejected",
    ),
    # --- palta / aguacate: the Huancavelica investment plan ------------------------------
    _pe(
        "asoc-palta-huaytara",
        "f",
        "Presidenta",
        "es, qu",
        "aguacate, producción orgánica",
        "160 productores con 280 ha de palta Hass y Fuerte orgánica a 2300 m s. n. m. en Huaytará; "
        "primera cosecha exportable de 600 t.",
        "abastecimiento, proyectos de inversión",
        "Un contrato directo con la agroindustria exportadora, sin intermediarios, como plantea el "
        "plan de inversión de palta orgánica andina de Huancavelica, y financiamiento para riego "
        "tecnificado.",
        "acceso a mercados, riego, financiamiento",
    ),
    _pe(
        "asoc-palta-huaytara",
        "m",
        "Técnico agrónomo",
        "es, qu",
        "aguacate",
        "Registro de 280 parcelas georreferenciadas y certificación orgánica grupal vigente.",
        "trazabilidad, certificación",
        "Asistencia técnica en poda, nutrición y cosecha para lograr calibres de exportación.",
        "asistencia técnica",
    ),
    _pe(
        "coop-palta-tayacaja",
        "m",
        "Gerente",
        "es, qu",
        "aguacate",
        "95 socios en Tayacaja con 150 ha de palta en crecimiento.",
        "abastecimiento, proyectos de inversión",
        "Crédito de largo plazo para plantaciones nuevas (4 años de gracia) y cofinanciamiento "
        "para un centro de acopio refrigerado.",
        "crédito, cofinanciamiento público, cadena de frío",
    ),
    _pe(
        "asoc-palta-churcampa",
        "f",
        "Presidenta",
        "qu, es",
        "aguacate",
        "50 familias con 60 ha de palta criolla y Hass.",
        "abastecimiento",
        "Plantones certificados, asistencia técnica y agua para riego.",
        "asistencia técnica, riego",
        status="submitted",
    ),
    _pe(
        "red-palta-pachachaca",
        "m",
        "Coordinador de la red",
        "es, qu",
        "aguacate",
        "Red de 18 productores en Abancay con 70 ha de palta Hass en producción.",
        "abastecimiento",
        "Contratos con exportadoras y financiamiento para la certificación GLOBALG.A.P.",
        "acceso a mercados, certificación, financiamiento",
    ),
    # --- aguaje --------------------------------------------------------------------------
    _pe(
        "asoc-aguaje-jenaro-herrera",
        "f",
        "Presidenta",
        "es",
        "aguaje, mujeres rurales, cambio climático",
        "35 mujeres que manejan 1200 ha de aguajales cosechando sin talar las palmeras; vendemos "
        "pulpa de aguaje.",
        "abastecimiento",
        "Una cámara de frío para la pulpa, equipos de despulpado y compradores de aceite de aguaje "
        "para cosmética.",
        "cadena de frío, transformación, acceso a mercados",
    ),
    _pe(
        "asoc-aguaje-alto-mayo",
        "m",
        "Presidente",
        "es",
        "aguaje",
        "28 recolectores con plan de manejo de aguajales aprobado por la autoridad forestal.",
        "abastecimiento",
        "Asistencia técnica en poscosecha, alianzas con empresas de bionegocios y financiamiento "
        "de programas como AL-INVEST Verde.",
        "asistencia técnica, acceso a mercados, financiamiento",
        status="waiting",
    ),
    # === Companies: agroindustry, exporters, buyers, services =============================
    _pe(
        "cafes-nororiente",
        "m",
        "Gerente de exportaciones",
        "es, en",
        "café, exportación",
        "Exportadora con sede en Jaén que compra 120 contenedores al año; contratos de compra con "
        "prefinanciamiento de hasta 30% y primas por calidad desde 84 puntos.",
        "acceso a mercados, exportación",
        "Cooperativas de Jaén y San Ignacio con café de especialidad y trazabilidad por parcela "
        "para clientes en Europa.",
        "abastecimiento, trazabilidad",
    ),
    _pe(
        "cafes-nororiente",
        "f",
        "Jefa de sostenibilidad",
        "es, en",
        "café, agroforestería",
        "Asistencia técnica en agroforestería y en cumplimiento del reglamento europeo sobre "
        "deforestación para nuestros proveedores.",
        "asistencia técnica, trazabilidad",
        "Proyectos de renovación agroforestal que podamos cofinanciar junto con nuestros clientes "
        "tostadores y los programas públicos.",
        "proyectos de inversión, cofinanciamiento público",
    ),
    _pe(
        "tostaduria-qhapaq",
        "f",
        "Fundadora y tostadora",
        "es, en",
        "café",
        "Tostaduría de especialidad en Lima con tres cafeterías; compramos microlotes a precio "
        "fijo por encima del mercado.",
        "acceso a mercados",
        "Microlotes de 85 puntos o más de productoras y jóvenes caficultores, con su historia de "
        "origen.",
        "abastecimiento, mujeres rurales, juventud rural",
    ),
    _pe(
        "chocolateria-selva-dulce",
        "f",
        "Gerente general",
        "es",
        "cacao, transformación",
        "Chocolatería de origen (bean to bar) que compra 15 t anuales de cacao fino de aroma, con "
        "prima por fermentación controlada y asesoría poscosecha.",
        "acceso a mercados, asistencia técnica",
        "Cooperativas con cacao nativo de Cajamarca, Amazonas y Piura y perfiles de sabor "
        "documentados.",
        "abastecimiento, trazabilidad",
    ),
    _pe(
        "amazonia-cacao-trading",
        "m",
        "Gerente comercial",
        "es, en",
        "cacao, exportación",
        "Exportación de cacao en grano y derivados a Países Bajos, Bélgica y Estados Unidos; "
        "contratos anuales y anticipos para el acopio.",
        "acceso a mercados, exportación, financiamiento",
        "Proveedores con certificación orgánica y bajo contenido de cadmio, y socios para una "
        "planta de licor y manteca de cacao.",
        "abastecimiento, proyectos de inversión",
    ),
    _pe(
        "lacteas-chimu",
        "m",
        "Gerente de acopio",
        "es",
        "lácteos",
        "Industria láctea de Trujillo que acopia 180 000 litros diarios; contratos de compra a 3 "
        "años, tanques de frío en comodato y asistencia veterinaria.",
        "acceso a mercados, cadena de frío, asistencia técnica",
        "Asociaciones ganaderas de la sierra de La Libertad y Cajamarca con volumen estable y "
        "buenas prácticas de ordeño.",
        "abastecimiento, asociatividad",
    ),
    _pe(
        "lacteas-chimu",
        "f",
        "Jefa de sostenibilidad",
        "es, en",
        "lácteos, ganadería regenerativa, cambio climático",
        "Programa de ganadería regenerativa con medición de carbono en suelos y primas para la "
        "leche con menores emisiones.",
        "asistencia técnica, innovación",
        "Cofinanciamiento público y de la cooperación para llevar el programa a 2000 ganaderos, en "
        "línea con el plan de inversión lácteo de La Libertad.",
        "cofinanciamiento público, financiamiento, proyectos de inversión",
    ),
    _pe(
        "quesos-cumbemayo",
        "m",
        "Gerente general",
        "es",
        "lácteos",
        "Empresa quesera de Cajamarca con distribución en Lima; compramos quesillo y leche a "
        "pequeños productores.",
        "acceso a mercados",
        "Queseras artesanales con registro sanitario y crédito para ampliar nuestra cámara de "
        "maduración.",
        "abastecimiento, crédito",
    ),
    _pe(
        "paltas-costa-verde",
        "m",
        "Gerente de abastecimiento",
        "es, en",
        "aguacate, exportación",
        "Agroindustria exportadora de palta con planta de empaque en Lima; contratos directos con "
        "pequeños productores andinos, asistencia técnica y apoyo en la certificación.",
        "acceso a mercados, exportación, asistencia técnica",
        "Asociaciones de Huancavelica, Apurímac y Ayacucho con palta orgánica andina para atender "
        "la demanda europea.",
        "abastecimiento, producción orgánica",
    ),
    _pe(
        "paltas-costa-verde",
        "f",
        "Coordinadora de desarrollo de proveedores",
        "es, qu",
        "aguacate",
        "Equipo de 12 técnicos de campo y un programa de prefinanciamiento de insumos para "
        "proveedores.",
        "asistencia técnica, financiamiento",
        "Gobiernos regionales y municipalidades que cofinancien riego y centros de acopio en zonas "
        "altoandinas.",
        "cofinanciamiento público, riego, infraestructura productiva",
    ),
    _pe(
        "frutos-del-chira",
        "m",
        "Gerente general",
        "es, en",
        "mango, transformación",
        "Planta de congelado IQF y pulpa en Sullana; compramos mango de descarte de exportación y "
        "de calibres pequeños.",
        "acceso a mercados, transformación",
        "Proveedores de mango Kent y Edward del valle de San Lorenzo y Tambogrande, y crédito para "
        "una segunda línea de pulpa.",
        "abastecimiento, crédito",
    ),
    _pe(
        "pasiflora-andina",
        "f",
        "Gerente comercial",
        "es, en",
        "granadilla, exportación",
        "Exportación aérea de granadilla a Europa y Canadá; asistencia técnica en buenas prácticas "
        "agrícolas.",
        "acceso a mercados, exportación, asistencia técnica",
        "Productores de Huánuco y Junín con certificación GLOBALG.A.P. o en proceso de obtenerla.",
        "abastecimiento, certificación",
    ),
    _pe(
        "granos-titicaca",
        "m",
        "Gerente general",
        "es, ay",
        "quinua, cañihua, transformación",
        "Planta en Juliaca que procesa quinua y cañihua (lavado, perlado, harinas); servicio de "
        "maquila y compra de grano.",
        "transformación, acceso a mercados",
        "Redes de productores de cañihua y quinua de Puno con volumen constante.",
        "abastecimiento, asociatividad",
    ),
    _pe(
        "nutrisierra",
        "f",
        "Directora de operaciones",
        "es, en",
        "quinua, cañihua, exportación",
        "Exportación de granos andinos y harinas (quinua, cañihua) a Estados Unidos y Asia.",
        "acceso a mercados, exportación",
        "Quinua y cañihua orgánicas con trazabilidad, y socios financieros para capital de "
        "trabajo.",
        "abastecimiento, trazabilidad, crédito",
    ),
    _pe(
        "procesadora-cuy-andino",
        "m",
        "Gerente general",
        "es",
        "cuy, cadena de frío",
        "Procesamos y distribuimos cuy congelado a 80 restaurantes de Lima; compramos 4000 cuyes "
        "al mes.",
        "acceso a mercados, cadena de frío",
        "Redes de criadores con beneficio autorizado por SENASA en Junín, Cusco y Lima provincias.",
        "abastecimiento",
    ),
    _pe(
        "mercaplaza",
        "f",
        "Jefa de compras de productos regionales",
        "es",
        "lácteos, cuy, granadilla, quinua",
        "Cadena de 45 supermercados con un programa de proveedores de la agricultura familiar: "
        "pago a 15 días y exhibición preferente.",
        "acceso a mercados",
        "Quesos, granadilla, quinua y cuy empacado de asociaciones con registro sanitario.",
        "abastecimiento, certificación",
        status="waiting",
    ),
    _pe(
        "amazon-superfruits",
        "u",
        "Gerente",
        "es",
        "aguaje, transformación",
        "Planta en Iquitos que produce pulpa congelada y aceite de aguaje; compramos fruto de "
        "aguajales con manejo sostenible.",
        "acceso a mercados, transformación",
        "Asociaciones de manejo de aguajales y financiamiento para ampliar la capacidad de "
        "congelado.",
        "abastecimiento, financiamiento",
    ),
    _pe(
        "viveros-nororiente",
        "m",
        "Gerente",
        "es",
        "café, cacao, agroforestería",
        "Vivero con capacidad de 1,5 millones de plantones al año: café tolerante a la roya, cacao "
        "injertado y árboles de sombra.",
        "agroforestería, asistencia técnica",
        "Contratos con cooperativas y gobiernos locales para programas de renovación, con "
        "cofinanciamiento público.",
        "proyectos de inversión, cofinanciamiento público",
    ),
    _pe(
        "agrodata-peru",
        "f",
        "Gerente general",
        "es, en",
        "café, cacao, innovación, trazabilidad",
        "Plataforma de trazabilidad y georreferenciación de parcelas para cumplir el reglamento "
        "europeo sobre deforestación; 35 000 parcelas mapeadas.",
        "trazabilidad, innovación",
        "Cooperativas clientes y cofinanciamiento de programas públicos o de la cooperación para "
        "digitalizar organizaciones de productores.",
        "proyectos de inversión, cofinanciamiento público, financiamiento",
        status="submitted",
    ),
    _pe(
        "certificadora-andina",
        "m",
        "Gerente comercial",
        "es",
        "producción orgánica, certificación",
        "Certificación orgánica (normas de la UE y de Estados Unidos) y auditorías GLOBALG.A.P., "
        "con esquemas de certificación grupal para asociaciones.",
        "certificación, producción orgánica",
        "Programas públicos que cofinancien la certificación de pequeños productores.",
        "cofinanciamiento público, proyectos de inversión",
    ),
    _pe(
        "riego-tecnificado-sur",
        "m",
        "Gerente de proyectos",
        "es",
        "riego",
        "Diseño e instalación de riego por goteo y aspersión para pequeños productores, con más de "
        "4000 ha instaladas en la sierra.",
        "riego, asistencia técnica",
        "Proyectos de riego cofinanciados por gobiernos regionales, PROCOMPITE y AGROIDEAS.",
        "cofinanciamiento público, proyectos de inversión",
    ),
    _pe(
        "frio-andino",
        "f",
        "Gerente comercial",
        "es",
        "cadena de frío",
        "Transporte refrigerado y almacenes de frío en Lima, Huancayo y Cusco, con tarifas "
        "consolidadas para asociaciones.",
        "cadena de frío",
        "Volúmenes consolidados de lácteos, cuy y fruta en rutas desde la sierra central y sur.",
        "abastecimiento, asociatividad",
        status="waiting",
    ),
    _pe(
        "consultora-agronegocios-inka",
        "m",
        "Gerente",
        "es",
        "asistencia técnica",
        "Formulación de planes de negocio para PROCOMPITE y AGROIDEAS, con honorarios de éxito.",
        "asistencia técnica",
        "Organizaciones de productores que necesiten planes de negocio.",
        "proyectos de inversión",
        status="rejected",
    ),
    _pe(
        "rosterei-elbufer",
        "m",
        "Head of green coffee",
        "en, de, es",
        "café, exportación",
        "Specialty roaster and importer in Hamburg buying 40 containers a year from Peru: "
        "long-term contracts with quality premiums and pre-harvest finance through partner "
        "lenders.",
        "acceso a mercados, exportación",
        "Cooperatives in Jaén and San Ignacio with agroforestry coffee and plot-level traceability "
        "ready for the EU deforestation regulation, ideally led by women.",
        "abastecimiento, trazabilidad, mujeres rurales",
        name="Jannik Brockmann",
    ),
    _pe(
        "blue-ridge-coffee",
        "f",
        "Sourcing director",
        "en, es",
        "café",
        "Importer of specialty green coffee for 150 roasters in the United States; forward "
        "contracts and sample-to-contract in under 30 days.",
        "acceso a mercados, exportación",
        "Micro-lots scoring 85+ from Cajamarca, Amazonas and Puno, and organic lots for a new "
        "decaf line.",
        "abastecimiento, producción orgánica",
        name="Caitlin Brennan",
    ),
    _pe(
        "cioccolateria-scrivia",
        "m",
        "Responsabile acquisti",
        "it, es, en",
        "cacao",
        "Chocolatería artesanal del Piamonte que compra 8 t anuales de cacao fino de aroma peruano "
        "a precio fijo.",
        "acceso a mercados",
        "Cacao nativo del Marañón y cacao chuncho del Cusco con fermentación controlada y bajo "
        "cadmio.",
        "abastecimiento, trazabilidad",
        status="submitted",
        name="Stefano Lanfranco",
    ),
    _pe(
        "fruitbrug",
        "m",
        "Sourcing manager Latin America",
        "nl, en, es",
        "aguacate, mango",
        "Importer of avocados and mangoes for European retail with ripening centres in Rotterdam; "
        "programmes with agreed volumes and prices.",
        "acceso a mercados, exportación",
        "Organic Andean avocado and Kent mango from Peruvian producer organisations with "
        "GLOBALG.A.P. and organic certification.",
        "abastecimiento, certificación",
        name="Ruben Verhoeven",
    ),
    # === Investors and financial institutions ============================================
    _pe(
        "evergreen-andes",
        "f",
        "Investment director, Latin America",
        "en, es",
        "café, cacao, agroforestería, financiamiento",
        "Deuda de impacto de USD 200 000 a 2 millones para cooperativas de café y cacao con "
        "sistemas agroforestales en el Perú: capital de trabajo a 12 meses y préstamos de "
        "renovación a 5–7 años.",
        "crédito, financiamiento",
        "Cooperativas con tres años de estados financieros auditados, contratos de exportación y "
        "planes de renovación agroforestal (Jaén, San Ignacio, Amazonas, San Martín).",
        "proyectos de inversión",
        ticket=(200_000, 2_000_000),
        name="Megan Holloway",
    ),
    _pe(
        "groene-brug",
        "m",
        "Senior investment officer",
        "en, nl, es",
        "café, cacao, quinua, exportación",
        "Trade finance and pre-export loans of USD 500,000 to 5 million for exporting producer "
        "organisations, combined with technical assistance grants.",
        "crédito, financiamiento, asistencia técnica",
        "Coffee, cocoa and quinoa cooperatives with export contracts; co-investment with public "
        "guarantee schemes.",
        "proyectos de inversión, garantías",
        ticket=(500_000, 5_000_000),
        name="Joost van Dalen",
    ),
    _pe(
        "alpenrand",
        "f",
        "Portfolio manager",
        "fr, en, es",
        "café, cacao, quinua, aguacate, producción orgánica",
        "Capital de trabajo de USD 150 000 a 1,5 millones para organizaciones con producción "
        "orgánica certificada, con tasas preferenciales para organizaciones lideradas por mujeres.",
        "crédito, financiamiento",
        "Organizaciones de café, cacao, quinua y palta orgánicos con al menos dos años exportando.",
        "proyectos de inversión",
        ticket=(150_000, 1_500_000),
        name="Nadine Favre",
    ),
    _pe(
        "agrobanco",
        "m",
        "Gerente de negocios regional",
        "es",
        "café, cacao, lácteos, cuy, aguacate, financiamiento",
        "Crédito agropecuario para pequeños productores y asociaciones, de USD 3000 a 300 000, "
        "para capital de trabajo, ganado, riego y plantaciones.",
        "crédito, financiamiento",
        "Asociaciones con planes de negocio viables y contratos de venta, y gobiernos regionales "
        "con fondos de garantía para pequeños productores.",
        "proyectos de inversión, garantías",
        ticket=(3_000, 300_000),
    ),
    _pe(
        "cofide",
        "f",
        "Especialista en finanzas rurales",
        "es, en",
        "financiamiento, garantías",
        "Fondos de garantía y líneas de segundo piso de USD 1 a 10 millones canalizadas a través "
        "de cajas, cooperativas de ahorro y crédito y bancos.",
        "garantías, financiamiento",
        "Entidades financieras e inversionistas que quieran ampliar el crédito agrario con "
        "coberturas de riesgo.",
        "proyectos de inversión, crédito",
        ticket=(1_000_000, 10_000_000),
    ),
    _pe(
        "banco-interandino",
        "m",
        "Gerente de banca agroindustrial",
        "es, en",
        "aguacate, mango, café, lácteos, exportación",
        "Préstamos de USD 100 000 a 3 millones para agroindustrias y cooperativas exportadoras, "
        "arrendamiento financiero de maquinaria y cartas de crédito.",
        "crédito, financiamiento",
        "Empresas y cooperativas con contratos de exportación de palta, mango, café o lácteos.",
        "proyectos de inversión",
        ticket=(100_000, 3_000_000),
    ),
    _pe(
        "caja-maranon",
        "f",
        "Jefa de créditos agropecuarios",
        "es",
        "café, cacao, lácteos, cuy",
        "Créditos de USD 1000 a 150 000 para productores de café, cacao, lácteos y cuy en "
        "Cajamarca y Amazonas, con cuotas ajustadas a la cosecha.",
        "crédito",
        "Asociaciones con contratos de venta que respalden créditos de campaña, y fondos de "
        "garantía de segundo piso.",
        "proyectos de inversión, garantías",
        status="submitted",
        ticket=(1_000, 150_000),
    ),
    _pe(
        "coopac-qollana",
        "f",
        "Gerente general",
        "es, qu",
        "cuy, lácteos, quinua, mujeres rurales",
        "Microcréditos de USD 500 a 50 000 para criadoras de cuy, productoras de leche y quinueras "
        "del Cusco, con atención en quechua.",
        "crédito",
        "Redes empresariales y asociaciones de mujeres rurales, y líneas de fondeo de segundo "
        "piso.",
        "proyectos de inversión, financiamiento, mujeres rurales",
        ticket=(500, 50_000),
    ),
    _pe(
        "coopac-nor-andina",
        "m",
        "Gerente de negocios",
        "es",
        "café, lácteos",
        "Créditos de USD 1000 a 80 000 para caficultores y ganaderos de Cajamarca, incluido "
        "crédito para renovar cafetales.",
        "crédito",
        "Cooperativas cafetaleras socias y líneas de fondeo con garantía.",
        "proyectos de inversión, garantías",
        status="cancelled",
        ticket=(1_000, 80_000),
    ),
    _pe(
        "fondo-iberoamericano",
        "f",
        "Socia directora",
        "es, en",
        "café, cacao, lácteos, mango, transformación",
        "Capital y cuasicapital de USD 1 a 5 millones para agroindustrias medianas con impacto en "
        "pequeños productores: participaciones minoritarias a 6–8 años.",
        "capital de inversión, financiamiento",
        "Empresas de transformación de café, cacao, lácteos o frutas con ventas superiores a USD 3 "
        "millones y proveedores de la agricultura familiar.",
        "proyectos de inversión",
        ticket=(1_000_000, 5_000_000),
    ),
    _pe(
        "capital-agro-andino",
        "m",
        "Director de inversiones",
        "es, en",
        "aguacate, mango, lácteos, cadena de frío",
        "Capital de crecimiento de USD 2 a 10 millones para agroindustria andina: plantas de "
        "procesamiento, cadena de frío y exportación.",
        "capital de inversión",
        "Agroindustrias peruanas de palta, mango y lácteos con planes de expansión y buen gobierno "
        "corporativo.",
        "proyectos de inversión",
        ticket=(2_000_000, 10_000_000),
    ),
    _pe(
        "austral-agro",
        "m",
        "Gerente de desarrollo de negocios",
        "es",
        "aguacate",
        "Inversión de USD 1 a 8 millones en plantaciones y empaques de palta en asociación con "
        "productores, con acompañamiento técnico.",
        "capital de inversión, asistencia técnica",
        "Asociaciones de palta de Huancavelica y Apurímac con agua asegurada y tierras para "
        "alianzas de largo plazo.",
        "proyectos de inversión, riego",
        status="submitted",
        ticket=(1_000_000, 8_000_000),
    ),
    _pe(
        "capital-semilla-agro",
        "f",
        "Directora de financiamiento combinado",
        "es, en",
        "cacao, café, aguaje, financiamiento",
        "Financiamiento combinado de USD 300 000 a 3 millones: deuda concesional con asistencia "
        "técnica reembolsable para agronegocios inclusivos.",
        "financiamiento, crédito, asistencia técnica",
        "Proyectos de cacao, café y aguaje con cofinanciamiento público o de la cooperación que "
        "reduzca el riesgo.",
        "proyectos de inversión, cofinanciamiento público",
        ticket=(300_000, 3_000_000),
    ),
    _pe(
        "cosecha-fintech",
        "m",
        "Cofundador",
        "es, en",
        "financiamiento, innovación",
        "Factoring y adelanto de facturas de USD 10 000 a 300 000 para asociaciones que venden a "
        "exportadoras y supermercados.",
        "financiamiento, innovación",
        "Organizaciones con facturas a compradores formales y empresas compradoras que confirmen "
        "esas facturas.",
        "proyectos de inversión, acceso a mercados",
        ticket=(10_000, 300_000),
    ),
    _pe(
        "aseguradora-rural-andina",
        "f",
        "Gerente de seguros agrícolas",
        "es",
        "seguro agrario, cambio climático",
        "Seguros agrícolas paramétricos e indexados al clima para cultivos y ganado, diseñados "
        "para asociaciones y carteras de crédito agrario.",
        "seguro agrario, cambio climático",
        "Entidades financieras y gobiernos regionales interesados en seguros colectivos.",
        "proyectos de inversión, cofinanciamiento público",
    ),
    _pe(
        "appia-impact",
        "m",
        "Investment manager",
        "it, en, es",
        "café, cacao, quinua, transformación",
        "Quasi-equity and subordinated loans of USD 500,000 to 3 million for agri-SMEs processing "
        "coffee, cocoa and Andean grains.",
        "capital de inversión, financiamiento",
        "Processors with export contracts to Italy and the EU and a verifiable social impact on "
        "their smallholder suppliers.",
        "proyectos de inversión",
        ticket=(500_000, 3_000_000),
        name="Davide Monteleone",
    ),
    # === Regional and local governments, Regional Development Agencies ====================
    _pe(
        "gr-cajamarca",
        "m",
        "Gerente regional de Desarrollo Económico",
        "es",
        "café, cacao, lácteos, cuy",
        "Cofinanciamiento vía PROCOMPITE para planes de negocio de organizaciones de productores "
        "de Cajamarca en café, cacao, lácteos y cuy, con fondos concursables en 2024.",
        "cofinanciamiento público, infraestructura productiva",
        "Inversionistas y compradores que se comprometan con los planes de inversión de café "
        "agroforestal (Jaén y San Ignacio) y de cacao de aroma.",
        "capital de inversión, financiamiento, acceso a mercados",
    ),
    _pe(
        "gr-cajamarca",
        "f",
        "Coordinadora regional de PROCOMPITE",
        "es",
        "café, cacao, lácteos, cuy",
        "Acompañamiento en la formulación de planes de negocio y en la evaluación de propuestas "
        "PROCOMPITE.",
        "cofinanciamiento público, asistencia técnica",
        "Organizaciones de productores de Cajamarca con planes de negocio en las cadenas "
        "priorizadas.",
        "proyectos de inversión",
    ),
    _pe(
        "gr-la-libertad",
        "m",
        "Gerente regional de Agricultura",
        "es",
        "lácteos, ganadería regenerativa",
        "Programa regional de mejoramiento de pastos y sanidad ganadera, e infraestructura de "
        "riego en Otuzco, Santiago de Chuco y Sánchez Carrión.",
        "infraestructura productiva, riego, asistencia técnica",
        "Socios privados y de la cooperación para el plan de inversión lácteo con ganadería "
        "regenerativa.",
        "capital de inversión, financiamiento",
    ),
    _pe(
        "gr-huancavelica",
        "f",
        "Directora regional agraria",
        "es, qu",
        "aguacate, cuy",
        "Cartera de proyectos de riego y plantones de palta para 1200 familias, en articulación "
        "con productores de Huaytará, Tayacaja y Churcampa.",
        "riego, cofinanciamiento público, proyectos de inversión",
        "Agroindustrias compradoras de palta orgánica andina y financiamiento para centros de "
        "acopio.",
        "acceso a mercados, financiamiento",
    ),
    _pe(
        "gr-cusco",
        "m",
        "Subgerente de Desarrollo Productivo",
        "es, qu",
        "cuy, lácteos, quinua, café",
        "Cofinanciamiento PROCOMPITE para cuy, lácteos, quinua y café, y apoyo a ferias "
        "regionales.",
        "cofinanciamiento público",
        "Compradores de cuy y lácteos para las redes empresariales de la región y asistencia "
        "técnica en cadena de frío.",
        "acceso a mercados, cadena de frío",
    ),
    _pe(
        "gr-apurimac",
        "f",
        "Gerente regional de Desarrollo Económico",
        "es, qu",
        "quinua, aguacate, cuy",
        "Fondos PROCOMPITE y proyectos de riego en Andahuaylas y Abancay para quinua, palta y cuy.",
        "cofinanciamiento público, riego",
        "Inversión privada en palta y quinua, y seguros agrarios para pequeños productores.",
        "capital de inversión, seguro agrario",
        status="submitted",
    ),
    _pe(
        "gr-ayacucho",
        "m",
        "Gerente regional de Desarrollo Económico",
        "es, qu",
        "café, cacao, aguacate",
        "Proyectos de inversión pública en café y cacao del VRAEM y en palta en Huanta.",
        "proyectos de inversión, infraestructura productiva",
        "Cooperación técnica y financiera para cadenas de valor sostenibles en el VRAEM.",
        "financiamiento, asistencia técnica",
    ),
    _pe(
        "gr-piura",
        "f",
        "Directora de Promoción Agraria",
        "es",
        "mango, cacao",
        "Infraestructura de riego y drenaje en San Lorenzo y el Alto Piura, y mesas técnicas de "
        "mango y cacao.",
        "riego, infraestructura productiva, gobernanza territorial",
        "Inversión en plantas de procesamiento de mango y seguros frente al fenómeno El Niño.",
        "capital de inversión, seguro agrario, transformación",
    ),
    _pe(
        "gr-san-martin",
        "m",
        "Director regional de Agricultura",
        "es",
        "café, cacao, aguaje, cambio climático",
        "Estrategia regional de café y cacao libres de deforestación, con mapa de parcelas y "
        "zonificación.",
        "trazabilidad, gobernanza territorial",
        "Financiamiento climático y compradores que reconozcan la producción libre de "
        "deforestación.",
        "financiamiento, acceso a mercados",
    ),
    _pe(
        "mp-san-ignacio",
        "m",
        "Gerente de Desarrollo Económico Local",
        "es",
        "café, cacao",
        "Mantenimiento de caminos rurales y un fondo municipal de cofinanciamiento para viveros de "
        "café.",
        "infraestructura productiva, cofinanciamiento público",
        "Cooperación para la gestión de cuencas y la protección de fuentes de agua en zonas "
        "cafetaleras.",
        "financiamiento, asistencia técnica, cambio climático",
    ),
    _pe(
        "mp-jaen",
        "f",
        "Subgerente de Desarrollo Económico",
        "es",
        "café, cacao",
        "Centro de servicios empresariales para productores de Jaén.",
        "asistencia técnica",
        "Alianzas con exportadoras.",
        "acceso a mercados",
        status="rejected",
    ),
    _pe(
        "mp-huaytara",
        "m",
        "Gerente de Desarrollo Económico",
        "es, qu",
        "aguacate",
        "Reservorios y canales de riego para parcelas de palta, y apoyo logístico a la asociación "
        "de productores.",
        "riego, infraestructura productiva",
        "Agroindustrias y financiamiento para la cadena de palta orgánica andina.",
        "acceso a mercados, financiamiento",
        status="submitted",
    ),
    _pe(
        "ard-cajamarca",
        "f",
        "Secretaria técnica",
        "es",
        "café, cacao, lácteos",
        "Espacio de articulación público-privada, hoja de ruta regional de desarrollo productivo y "
        "mesas técnicas de café, cacao y lácteos.",
        "gobernanza territorial, asociatividad",
        "Cooperación técnica para la sostenibilidad de la agencia y proyectos de innovación "
        "territorial.",
        "asistencia técnica, financiamiento, innovación",
    ),
    _pe(
        "ard-piura",
        "m",
        "Coordinador",
        "es",
        "mango, cacao",
        "Articulación de los actores del mango y del cacao blanco en Piura.",
        "gobernanza territorial, asociatividad",
        "Investigación aplicada y experiencias internacionales de agencias de desarrollo regional.",
        "investigación, asistencia técnica",
    ),
    # === National government ==============================================================
    _pe(
        "midagri",
        "f",
        "Especialista de la Dirección General de Políticas Agrarias",
        "es, en",
        "café, lácteos, aguacate, cacao",
        "Información sobre la política agraria, los planes de inversión de las cadenas priorizadas "
        "y la articulación con los programas del ministerio.",
        "gobernanza territorial, proyectos de inversión",
        "Inversionistas y cooperación para cerrar las brechas de financiamiento de los planes de "
        "inversión Mano de la Mano.",
        "financiamiento, capital de inversión",
    ),
    _pe(
        "agro-rural",
        "m",
        "Especialista en redes empresariales",
        "es, qu",
        "cuy, lácteos, cañihua, quinua, granadilla, mango",
        "Metodología de articulación de redes empresariales y acompañamiento a redes de cuy, "
        "lácteos, cañihua, quinua, granadilla y mango.",
        "asociatividad, asistencia técnica",
        "Compradores y entidades financieras para las redes empresariales.",
        "acceso a mercados, crédito",
    ),
    _pe(
        "agro-rural",
        "f",
        "Jefa de agencia zonal",
        "es, qu",
        "cuy, quinua, mujeres rurales",
        "Asistencia técnica en campo en Apurímac y Ayacucho e infraestructura de riego menor "
        "(qochas).",
        "asistencia técnica, riego",
        "Aliados privados para comercializar la producción de redes lideradas por mujeres.",
        "acceso a mercados, mujeres rurales",
    ),
    _pe(
        "produce",
        "m",
        "Especialista en desarrollo productivo",
        "es",
        "transformación, innovación",
        "Instrumentos de apoyo a mipymes: fondos concursables de innovación y Centros de "
        "Innovación Productiva y Transferencia Tecnológica (CITE).",
        "innovación, asistencia técnica, transformación",
        "Empresas y cooperativas con proyectos de transformación e innovación.",
        "proyectos de inversión",
    ),
    _pe(
        "sierra-selva-exportadora",
        "f",
        "Especialista en promoción comercial",
        "es",
        "aguacate, granadilla, quinua, café, exportación",
        "Articulación comercial y participación en ferias internacionales para organizaciones de "
        "la sierra y la selva.",
        "exportación, acceso a mercados",
        "Organizaciones con oferta exportable de palta, granadilla, quinua y café.",
        "abastecimiento",
    ),
    _pe(
        "pcm-descentralizacion",
        "m",
        "Especialista en desarrollo territorial",
        "es",
        "gobernanza territorial",
        "Acompañamiento a las Agencias Regionales de Desarrollo y articulación intergubernamental.",
        "gobernanza territorial",
        "Experiencias y cooperación para la sostenibilidad de las Agencias Regionales de "
        "Desarrollo.",
        "asistencia técnica, investigación, financiamiento",
        status="submitted",
    ),
    _pe(
        "agroideas",
        "f",
        "Coordinadora de unidad regional",
        "es",
        "café, cacao, lácteos, cuy",
        "Cofinanciamiento no reembolsable para planes de negocio de organizaciones de productores: "
        "adopción de tecnología, gestión y asociatividad.",
        "cofinanciamiento público, asociatividad",
        "Organizaciones con planes de negocio y entidades financieras que complementen el aporte.",
        "proyectos de inversión, crédito",
    ),
    # === Cooperation agencies, international organisations, academia and NGOs =============
    _pe(
        "fao-peru",
        "f",
        "Especialista en inversiones, iniciativa Mano de la Mano",
        "es, en",
        "café, lácteos, aguacate, cacao, gobernanza territorial",
        "Análisis territorial y planes de inversión de café (Jaén y San Ignacio), lácteos (La "
        "Libertad), palta (Huancavelica) y cacao de aroma (Cajamarca); facilitación de reuniones "
        "B2B y B2G.",
        "proyectos de inversión, asistencia técnica, gobernanza territorial",
        "Inversionistas, compradores y entidades públicas que se sumen a los planes de inversión.",
        "capital de inversión, financiamiento, acceso a mercados",
    ),
    _pe(
        "fao-peru",
        "m",
        "Especialista en cadenas de valor",
        "es, qu",
        "agroforestería, ganadería regenerativa, gobernanza territorial",
        "Asistencia técnica en agroforestería, ganadería regenerativa y plataformas de gobernanza "
        "territorial.",
        "asistencia técnica, agroforestería, gobernanza territorial",
        "Gobiernos regionales interesados en fortalecer la planificación subnacional de las "
        "cadenas priorizadas.",
        "gobernanza territorial, cofinanciamiento público",
    ),
    _pe(
        "fao-pakistan",
        "m",
        "National value chain specialist, Hand-in-Hand Pakistan",
        "en, ur",
        "gobernanza territorial",
        "Experience from Pakistan's national investment symposium with more than 300 participants "
        "and its B2B and B2G meeting formats.",
        "asistencia técnica, gobernanza territorial",
        "Exchanges with Peruvian regional governments on subnational investment planning and "
        "public-private dialogue.",
        "gobernanza territorial",
        name="Hamza Rehman",
    ),
    _pe(
        "giz-peru",
        "f",
        "Asesora técnica en desarrollo económico territorial",
        "es, de, en",
        "gobernanza territorial, innovación",
        "Apoyo técnico a las Agencias Regionales de Desarrollo y a mipymes, con cofinanciamiento "
        "de la Unión Europea.",
        "asistencia técnica, gobernanza territorial",
        "Gobiernos regionales y agencias de desarrollo con proyectos de innovación productiva.",
        "proyectos de inversión, gobernanza territorial",
    ),
    _pe(
        "al-invest-verde",
        "f",
        "Especialista de proyectos en el Perú",
        "es, en",
        "café, cacao, aguaje, economía circular",
        "Cofinanciamiento y asistencia técnica a mipymes para sistemas agroforestales, "
        "policultivos y economía circular en café, cacao y aguaje.",
        "financiamiento, asistencia técnica, economía circular, agroforestería",
        "Mipymes y asociaciones con proyectos de economía verde que generen empleo verde.",
        "proyectos de inversión",
    ),
    _pe(
        "bid-lab",
        "m",
        "Especialista en agricultura climáticamente inteligente",
        "es, en",
        "innovación, cambio climático",
        "Donaciones y préstamos para pilotos de innovación en la agricultura familiar, con énfasis "
        "en tecnologías digitales y finanzas climáticas.",
        "financiamiento, innovación",
        "Cooperativas e inversionistas para escalar pilotos de trazabilidad y seguros indexados.",
        "proyectos de inversión, trazabilidad, seguro agrario",
        status="submitted",
    ),
    _pe(
        "helvetas-peru",
        "m",
        "Especialista en asociatividad y mercados",
        "es, qu",
        "asociatividad, cuy, lácteos",
        "Experiencia en la metodología de redes empresariales y en la articulación comercial de "
        "pequeños productores.",
        "asociatividad, asistencia técnica",
        "Gobiernos regionales y programas públicos que quieran escalar la metodología.",
        "cofinanciamiento público, gobernanza territorial",
    ),
    _pe(
        "caf",
        "f",
        "Ejecutiva de la oficina en Lima",
        "es, en",
        "infraestructura productiva, financiamiento",
        "Financiamiento a gobiernos subnacionales para infraestructura productiva y programas de "
        "inclusión financiera rural.",
        "financiamiento, infraestructura productiva",
        "Proyectos de inversión pública con impacto en cadenas agroalimentarias.",
        "proyectos de inversión",
    ),
    _pe(
        "ifad",
        "m",
        "Country programme officer",
        "es, en",
        "financiamiento, asociatividad",
        "Préstamos y donaciones para programas públicos de desarrollo rural en la sierra y la "
        "selva, con experiencia en fondos concursables para organizaciones.",
        "financiamiento, cofinanciamiento público",
        "Organizaciones de productores y gobiernos regionales con propuestas para la próxima "
        "estrategia país.",
        "proyectos de inversión, gobernanza territorial",
        status="cancelled",
        name="Andrés Villalobos",
    ),
    _pe(
        "rimisp",
        "f",
        "Investigadora",
        "es, en",
        "gobernanza territorial, investigación",
        "Investigación y sistematización sobre las Agencias Regionales de Desarrollo de Apurímac, "
        "Ayacucho, Cajamarca, Cusco, La Libertad, Piura y San Martín.",
        "investigación, gobernanza territorial",
        "Agencias y gobiernos regionales que compartan datos y experiencias.",
        "gobernanza territorial",
    ),
    _pe(
        "unalm",
        "m",
        "Docente investigador en producción animal",
        "es, en",
        "cuy, lácteos, investigación",
        "Investigación en genética de cuy y de ganado lechero, y laboratorio de nutrición animal.",
        "investigación, innovación, asistencia técnica",
        "Asociaciones para ensayos participativos y financiamiento para investigación aplicada.",
        "asociatividad, financiamiento",
    ),
    _pe(
        "unc-cajamarca",
        "f",
        "Docente investigadora en agroforestería",
        "es",
        "café, agroforestería, investigación",
        "Estudios de carbono y biodiversidad en cafetales agroforestales de Jaén y San Ignacio.",
        "investigación, agroforestería",
        "Cooperativas cafetaleras que alojen parcelas de monitoreo y fondos para ampliar la red.",
        "proyectos de inversión, financiamiento",
    ),
]

_HIH_DELEGATES = [
    _hih(
        "fao",
        "f",
        "Programme Officer, Hand-in-Hand Initiative Secretariat",
        "en, it, fr",
        "investment plans, territorial development",
        "Coordination of the country investment plan presentations and the matchmaking agenda, "
        "with a briefing note on each plan.",
        "investment plans, technical assistance",
        "Investors and development partners ready to follow up with country teams after the Forum.",
        "debt, equity, blended finance, grants",
        name="Chiara Bellandi",
    ),
    _hih(
        "fao",
        "f",
        "Investment Officer, FAO Investment Centre",
        "en, fr",
        "investment plans, agro-processing",
        "Support for investment design and due diligence on agrifood value chains, from "
        "feasibility studies to bankable projects.",
        "technical assistance, investment plans",
        "Development banks and impact funds interested in co-designing blended finance structures.",
        "blended finance, guarantees",
        name="Amélie Fontaine",
    ),
    _hih(
        "fao",
        "m",
        "Partnerships and Resource Mobilization Officer",
        "en, fr",
        "public-private partnerships",
        "Links with FAO's partnership frameworks and with South-South and triangular cooperation.",
        "public-private partnerships, technical assistance",
        "Companies and foundations looking for partnerships along priority value chains.",
        "public-private partnerships, grants",
        name="Daniel Okonkwo",
    ),
    _hih(
        "fao",
        "f",
        "Geospatial Analyst, Hand-in-Hand Geospatial Platform",
        "en, es",
        "geospatial data, territorial development",
        "Geospatial layers on land suitability, poverty and infrastructure used to target the "
        "investment plans.",
        "geospatial data, research",
        "Country teams and investors who want tailored spatial analysis of their investment areas.",
        "investment plans",
        name="Sofía Larrañaga",
    ),
    _hih(
        "fao-peru",
        "m",
        "Value chain and investment specialist, Hand-in-Hand Peru",
        "es, en",
        "coffee, dairy, avocado, cocoa",
        "Peru's three investment plans: agroforestry coffee in Jaén and San Ignacio (about 14,000 "
        "ha), regenerative dairy in La Libertad and Andean organic avocado in Huancavelica.",
        "investment plans, agroforestry, regenerative agriculture",
        "Debt and blended finance for producer organisations, and buyers ready to sign long-term "
        "contracts.",
        "debt, blended finance, market access",
    ),
    _hih(
        "midagri",
        "f",
        "Adviser on agrarian investment",
        "es, en",
        "coffee, dairy, avocado, cocoa",
        "Public programmes that co-finance producer organisations' business plans and irrigation, "
        "aligned with the investment plans.",
        "grants, irrigation, public-private partnerships",
        "Private investors and development partners to crowd in finance for priority value chains.",
        "equity, debt, blended finance",
    ),
    _hih(
        "gr-cajamarca",
        "m",
        "Regional Economic Development Manager",
        "es, en",
        "coffee, cocoa, agroforestry",
        "Regional co-financing (PROCOMPITE) and rural roads for coffee and cocoa producer "
        "organisations in Cajamarca.",
        "grants, public-private partnerships",
        "Impact investors for agroforestry coffee renovation and cocoa processing.",
        "debt, climate finance",
    ),
    _hih(
        "gr-la-libertad",
        "f",
        "Regional Agriculture Officer",
        "es, en",
        "dairy, livestock, regenerative agriculture",
        "Pasture improvement and irrigation programme for dairy farmers in the highlands of La "
        "Libertad.",
        "irrigation, technical assistance",
        "Dairy processors and climate finance for regenerative livestock systems.",
        "market access, climate finance",
    ),
    _hih(
        "gr-huancavelica",
        "m",
        "Head of planning, Regional Agriculture Directorate",
        "es, qu",
        "avocado",
        "Irrigation projects and organic avocado plots of smallholders in Huaytará, Tayacaja and "
        "Churcampa.",
        "investment plans, irrigation",
        "Agro-export companies willing to buy directly from smallholders, without intermediaries.",
        "market access",
        status="submitted",
    ),
    _hih(
        "coop-cafe-flor-chinchipe",
        "m",
        "Commercial manager",
        "es, en",
        "coffee, agroforestry",
        "Organic and fair-trade specialty coffee from 640 families in San Ignacio, with 1,900 ha "
        "under shade.",
        "supply, agroforestry",
        "Long-term renovation loans and buyers paying quality premiums.",
        "debt, market access",
    ),
    _hih(
        "mnfsr-pakistan",
        "f",
        "Deputy Secretary, Planning",
        "en, ur",
        "rice, wheat, mango, livestock",
        "Pakistan's Hand-in-Hand investment priorities and its public investment pipeline for "
        "agrifood value chains.",
        "investment plans, public-private partnerships",
        "Investors and partners for value addition and climate-resilient agriculture.",
        "equity, climate finance, technical assistance",
        name="Farah Naz Qureshi",
    ),
    _hih(
        "fao-pakistan",
        "m",
        "National Investment Officer, Hand-in-Hand Pakistan",
        "en, ur",
        "investment plans, public-private partnerships",
        "Lessons from Pakistan's national investment symposium (more than 300 participants) with "
        "B2B and B2G meetings.",
        "public-private partnerships, technical assistance",
        "Exchanges with other country teams, including Peru's, on resource mobilisation "
        "strategies.",
        "investment plans",
        name="Bilal Siddiqui",
    ),
    _hih(
        "punjab-agriculture",
        "m",
        "Director, Agricultural Marketing",
        "en, ur, pa",
        "horticulture, mango, rice",
        "Provincial support for cold storage, farmers' markets and value chain development in "
        "Punjab.",
        "agro-processing, market access",
        "Private investment in cold chains and processing for horticulture and mango.",
        "equity, debt",
        name="Usman Tariq Malik",
    ),
    _hih(
        "indus-valley-agri",
        "f",
        "Chief Executive Officer",
        "en, ur",
        "rice, mango, agro-processing",
        "Rice and mango processing facility in Sindh sourcing from 3,000 smallholders.",
        "supply, agro-processing",
        "Growth capital and buyers in the EU and the Gulf.",
        "equity, market access",
        name="Ayesha Rafiq",
    ),
    _hih(
        "evergreen-andes",
        "m",
        "Managing Partner",
        "en, es",
        "coffee, cocoa, agroforestry",
        "Impact debt of USD 200,000 to 2 million for coffee and cocoa agroforestry cooperatives in "
        "the Andes.",
        "debt, climate finance",
        "Investment plans with bankable producer organisations, especially Peru's coffee plan.",
        "investment plans, supply",
        ticket=(200_000, 2_000_000),
        name="Nathan Whitaker",
    ),
    _hih(
        "groene-brug",
        "f",
        "Head of Latin America",
        "en, nl, es",
        "coffee, cocoa",
        "Trade finance of USD 500,000 to 5 million for exporting cooperatives.",
        "debt",
        "Cooperatives with export contracts, and public guarantee schemes to share risk.",
        "investment plans, guarantees",
        ticket=(500_000, 5_000_000),
        name="Marieke de Vries",
    ),
    _hih(
        "alpenrand",
        "f",
        "Director, Sustainable Agriculture Investments",
        "fr, en, de",
        "coffee, cocoa, avocado",
        "Working capital loans of USD 150,000 to 1.5 million for certified organic producer "
        "organisations.",
        "debt",
        "Organic coffee, cocoa and avocado producer organisations with two years of exports.",
        "investment plans, supply",
        ticket=(150_000, 1_500_000),
        name="Léa Perrin",
    ),
    _hih(
        "appia-impact",
        "m",
        "Partner",
        "it, en, fr",
        "coffee, cocoa, agro-processing",
        "Quasi-equity of USD 500,000 to 3 million for agri-SMEs that source from smallholders.",
        "equity",
        "Processors of coffee, cocoa and grains in Latin America and South Asia.",
        "investment plans",
        status="cancelled",
        ticket=(500_000, 3_000_000),
        name="Lorenzo Caruso",
    ),
    _hih(
        "fondo-iberoamericano",
        "m",
        "Investment manager",
        "es, en",
        "dairy, agro-processing",
        "Equity of USD 1 to 5 million for mid-sized agribusinesses linked to family farming.",
        "equity",
        "Agribusinesses in Peru and Colombia with expansion plans.",
        "investment plans",
        ticket=(1_000_000, 5_000_000),
    ),
    _hih(
        "ifad",
        "f",
        "Private Sector Financing Programme Officer",
        "en, es, it",
        "investment plans",
        "Loans and guarantees for SMEs and financial intermediaries that serve smallholders.",
        "debt, guarantees",
        "Financial intermediaries and agri-SMEs in Hand-in-Hand countries.",
        "investment plans",
        name="Giovanna Ricci",
    ),
    _hih(
        "dg-intpa",
        "f",
        "Policy Officer, Sustainable Agrifood Systems",
        "en, fr, nl",
        "blended finance, agroforestry",
        "EU blended finance and guarantees under Global Gateway, and regional programmes such as "
        "AL-INVEST Verde.",
        "blended finance, guarantees, grants",
        "Investment plans aligned with deforestation-free supply chains and the green economy.",
        "investment plans, traceability",
        name="Katrien Vermeulen",
    ),
    _hih(
        "bid-lab",
        "f",
        "Lead Specialist, Climate-Smart Agriculture",
        "en, es",
        "digital agriculture, climate finance",
        "Grants and loans for innovation pilots in family farming and rural fintech.",
        "grants, digital agriculture",
        "Country teams and cooperatives ready to test traceability and climate-risk tools.",
        "investment plans, traceability",
        status="submitted",
        name="Rachel Donovan",
    ),
    _hih(
        "giz",
        "m",
        "Advisor, Sustainable Agrifood Systems",
        "de, en, es",
        "territorial development, traceability",
        "Technical cooperation on agrifood value chains, deforestation-free supply chains and "
        "territorial development.",
        "technical assistance, traceability, territorial development",
        "Partners in Peru and Pakistan to co-design value chain projects.",
        "investment plans",
        name="Matthias Kellner",
    ),
    _hih(
        "rosterei-elbufer",
        "f",
        "Head of Green Coffee Sourcing",
        "de, en, es",
        "coffee",
        "Long-term contracts with quality premiums for 40 containers a year of Peruvian coffee.",
        "market access",
        "Agroforestry coffee from Jaén and San Ignacio with traceability that meets the EU "
        "deforestation regulation.",
        "supply, traceability",
        name="Henrike Albers",
    ),
    _hih(
        "fruitbrug",
        "f",
        "Category Manager, Avocado",
        "nl, en",
        "avocado, mango",
        "Year-round avocado programmes for European retailers, with ripening centres in Rotterdam.",
        "market access",
        "Organic avocado from Andean producer organisations to grow our organic range.",
        "supply",
        name="Sanne de Graaf",
    ),
    _hih(
        "cioccolateria-scrivia",
        "f",
        "Founder and chocolatier",
        "it, en, es",
        "cocoa",
        "Fixed-price contracts for 8 tonnes a year of fine-flavour cocoa.",
        "market access",
        "Native cocoa from Cajamarca with traceable fermentation.",
        "supply, traceability",
        name="Giulia Ferrandi",
    ),
    _hih(
        "rimisp",
        "u",
        "Researcher, territorial development",
        "es, en",
        "territorial development, research",
        "Research on Regional Development Agencies and territorial governance in Peru.",
        "research, territorial development",
        "Country teams interested in territorial approaches to investment planning.",
        "investment plans",
    ),
]

_AP_DELEGATES = [
    # --- Perú (Presidencia Pro Tempore) --------------------------------------------------
    _ap(
        "rree-peru",
        "f",
        "Funcionaria diplomática, Coordinación Nacional de la Alianza del Pacífico",
        "es, en",
        "proyectos de cooperación, gestión del conocimiento",
        "Coordinación de la Presidencia Pro Tempore y seguimiento del portafolio de proyectos de "
        "cooperación presentado en el foro.",
        "proyectos de cooperación, gestión del conocimiento",
        "Socios entre los Estados Observadores y los organismos internacionales para financiar los "
        "cinco proyectos.",
        "financiamiento, cooperación triangular",
    ),
    _ap(
        "rree-peru",
        "m",
        "Especialista de la Presidencia Pro Tempore",
        "es, en",
        "proyectos de cooperación",
        "La publicación «Oportunidades de cooperación con la Alianza del Pacífico» y fichas de "
        "proyecto por grupo técnico.",
        "gestión del conocimiento, proyectos de cooperación",
        "Compromisos concretos de cooperación con cronogramas de implementación.",
        "financiamiento, cooperación técnica",
    ),
    _ap(
        "apci",
        "f",
        "Especialista en cooperación sur-sur",
        "es, en",
        "cooperación sur-sur, cooperación triangular",
        "Experiencia peruana en cooperación sur-sur y triangular, y registro de las intervenciones "
        "de cooperación en el país.",
        "cooperación sur-sur, intercambio de experiencias",
        "Oferentes de cooperación triangular para los proyectos de igualdad de género e inclusión "
        "social.",
        "cooperación triangular, financiamiento",
    ),
    _ap(
        "apci",
        "m",
        "Especialista en cooperación triangular",
        "es, en",
        "cooperación triangular, evaluación y monitoreo",
        "Apoyo en la formulación de proyectos de cooperación con marco lógico e indicadores.",
        "asistencia técnica, evaluación y monitoreo",
        "Agencias de cooperación interesadas en esquemas de cooperación triangular con el Perú.",
        "cooperación triangular",
        status="submitted",
    ),
    _ap(
        "midis",
        "f",
        "Especialista en sistemas de información social",
        "es",
        "bienestar e inclusión social, sistemas de información",
        "Experiencia del Perú en padrones y sistemas de información social para focalizar "
        "programas.",
        "sistemas de información, bienestar e inclusión social",
        "Cooperación técnica para desarrollar INFOSOCIAL, la plataforma de información, "
        "orientación y acompañamiento de la población pobre y vulnerable.",
        "cooperación técnica, financiamiento",
    ),
    _ap(
        "mimp",
        "f",
        "Especialista en autonomía económica de las mujeres",
        "es",
        "igualdad de género, mujeres rurales e indígenas",
        "Lineamientos y experiencias de emprendimiento de mujeres rurales e indígenas.",
        "igualdad de género, intercambio de experiencias",
        "Socios para elaborar el manual que facilite la participación de mujeres rurales e "
        "indígenas en mercados internacionales.",
        "cooperación técnica, financiamiento, mujeres rurales e indígenas",
    ),
    _ap(
        "midagri",
        "m",
        "Especialista en suelos y fertilizantes",
        "es, qu",
        "fertilizantes, manejo de suelos, agricultura familiar",
        "Experiencias de manejo de suelos con prácticas ancestrales y abonos orgánicos en la "
        "agricultura familiar andina.",
        "conocimientos ancestrales, manejo de suelos",
        "Cooperación técnica para el proyecto de gestión sostenible de fertilizantes y nuevas "
        "tecnologías.",
        "cooperación técnica, fertilizantes",
    ),
    _ap(
        "produce",
        "f",
        "Especialista en internacionalización de mipymes",
        "es, en",
        "pymes, comercio electrónico transfronterizo",
        "Programas de digitalización de mipymes y experiencia en su primera exportación por "
        "comercio electrónico.",
        "pymes, comercio electrónico transfronterizo",
        "Cooperación para fortalecer las capacidades de las mipymes en comercio electrónico "
        "transfronterizo.",
        "cooperación técnica, formación virtual",
    ),
    _ap(
        "mincul-peru",
        "u",
        "Especialista en industrias culturales",
        "es",
        "industrias culturales y creativas",
        "Experiencia en programas de formación para emprendimientos culturales y creativos.",
        "industrias culturales y creativas, formación virtual",
        "Socios para el programa virtual de formación en comercialización para agentes de las "
        "industrias culturales y creativas.",
        "financiamiento, cooperación técnica",
    ),
    # --- Chile ---------------------------------------------------------------------------
    _ap(
        "minrel-chile",
        "f",
        "Encargada de cooperación, Coordinación Nacional de Chile",
        "es, en",
        "proyectos de cooperación",
        "Coordinación chilena de los grupos técnicos y experiencia en cooperación sur-sur.",
        "cooperación sur-sur, proyectos de cooperación",
        "Financiamiento de organismos internacionales para proyectos conjuntos.",
        "financiamiento",
    ),
    _ap(
        "agcid",
        "m",
        "Jefe de proyectos de cooperación",
        "es, en",
        "pymes, cooperación técnica",
        "Cooperación técnica, becas de formación y la experiencia chilena en agencias regionales "
        "de desarrollo productivo.",
        "cooperación técnica, formación virtual, intercambio de experiencias",
        "Proyectos de la Alianza con enfoque en pymes y desarrollo territorial.",
        "proyectos de cooperación",
    ),
    _ap(
        "agcid",
        "f",
        "Especialista en cooperación triangular",
        "es, en",
        "cooperación triangular, igualdad de género",
        "Esquemas de cooperación triangular con socios europeos y asiáticos.",
        "cooperación triangular",
        "Proyectos de igualdad de género y mujeres rurales aptos para la cooperación triangular.",
        "proyectos de cooperación, igualdad de género",
    ),
    _ap(
        "indap",
        "m",
        "Especialista en suelos y sustentabilidad",
        "es",
        "manejo de suelos, agricultura familiar, fertilizantes",
        "Programa de recuperación de suelos degradados y asistencia técnica a la agricultura "
        "familiar campesina.",
        "manejo de suelos, asistencia técnica, agricultura familiar",
        "Intercambios sobre conocimientos ancestrales y bioinsumos con Perú, Colombia y México.",
        "intercambio de experiencias, conocimientos ancestrales",
    ),
    # --- Colombia ------------------------------------------------------------------------
    _ap(
        "cancilleria-colombia",
        "f",
        "Asesora, Coordinación Nacional de Colombia",
        "es",
        "proyectos de cooperación",
        "Articulación de los grupos técnicos en Colombia.",
        "proyectos de cooperación",
        "Cooperación para los proyectos de inclusión social y pymes.",
        "financiamiento, cooperación técnica",
    ),
    _ap(
        "apc-colombia",
        "m",
        "Coordinador de cooperación sur-sur",
        "es, en",
        "cooperación sur-sur, gestión del conocimiento",
        "Experiencia en intercambios de conocimiento y cooperación sur-sur (Saber Hacer Colombia).",
        "cooperación sur-sur, intercambio de experiencias, gestión del conocimiento",
        "Cofinanciamiento para el proyecto de comercio electrónico transfronterizo de mipymes.",
        "financiamiento, comercio electrónico transfronterizo",
    ),
    _ap(
        "apc-colombia",
        "f",
        "Asesora de cooperación técnica",
        "es",
        "mujeres rurales e indígenas, igualdad de género",
        "Experiencia colombiana con emprendimientos de mujeres rurales.",
        "mujeres rurales e indígenas, intercambio de experiencias",
        "Socios para el manual de participación de mujeres rurales e indígenas en mercados "
        "internacionales.",
        "proyectos de cooperación, financiamiento",
        status="cancelled",
    ),
    _ap(
        "mincit-colombia",
        "m",
        "Asesor de internacionalización de mipymes",
        "es, en",
        "pymes, comercio electrónico transfronterizo",
        "Programas de formación exportadora y de comercio electrónico para mipymes.",
        "pymes, comercio electrónico transfronterizo, formación virtual",
        "Cooperación técnica para armonizar la capacitación en comercio electrónico en los cuatro "
        "países.",
        "cooperación técnica",
    ),
    # --- México --------------------------------------------------------------------------
    _ap(
        "sre-mexico",
        "f",
        "Funcionaria, Coordinación Nacional de México",
        "es, en",
        "proyectos de cooperación, industrias culturales y creativas",
        "Coordinación de la participación mexicana en los grupos técnicos.",
        "proyectos de cooperación",
        "Socios para los proyectos de industrias culturales y creativas.",
        "financiamiento, cooperación técnica",
    ),
    _ap(
        "amexcid",
        "m",
        "Especialista en cooperación técnica y científica",
        "es, en",
        "industrias culturales y creativas, manejo de suelos",
        "Cooperación técnica mexicana en industrias culturales y creativas y en manejo de suelos.",
        "cooperación técnica, industrias culturales y creativas, manejo de suelos",
        "Proyectos de la Alianza con cofinanciamiento de organismos internacionales.",
        "financiamiento, proyectos de cooperación",
    ),
    _ap(
        "amexcid",
        "f",
        "Especialista en evaluación de proyectos",
        "es",
        "evaluación y monitoreo",
        "Metodologías de evaluación y monitoreo de proyectos de cooperación.",
        "evaluación y monitoreo, asistencia técnica",
        "Proyectos que necesiten línea de base e indicadores.",
        "proyectos de cooperación",
        status="submitted",
    ),
    # --- International organisations -----------------------------------------------------
    _ap(
        "caf",
        "m",
        "Ejecutivo principal de cooperación técnica",
        "es, en",
        "financiamiento, proyectos de cooperación",
        "Moderación de la presentación de proyectos y recursos de cooperación técnica no "
        "reembolsable para proyectos regionales.",
        "financiamiento, cooperación técnica",
        "Proyectos maduros con presupuesto y contrapartidas de los cuatro países.",
        "proyectos de cooperación",
    ),
    _ap(
        "ue-peru",
        "f",
        "Oficial de cooperación",
        "es, en, fr",
        "pymes, igualdad de género, cooperación triangular",
        "Programas regionales de la Unión Europea, como AL-INVEST Verde, en economía verde, pymes "
        "e igualdad de género.",
        "financiamiento, cooperación triangular, pymes",
        "Proyectos de la Alianza alineados con la Agenda de Inversiones Global Gateway UE-ALC.",
        "proyectos de cooperación",
    ),
    _ap(
        "pnud-peru",
        "m",
        "Especialista en inclusión social",
        "es, en",
        "bienestar e inclusión social, sistemas de información",
        "Asistencia técnica en sistemas de protección social y plataformas de información.",
        "asistencia técnica, sistemas de información, bienestar e inclusión social",
        "Alianzas para el proyecto INFOSOCIAL.",
        "proyectos de cooperación",
    ),
    _ap(
        "fao-rlc",
        "f",
        "Oficial de sistemas agroalimentarios",
        "es, en",
        "fertilizantes, manejo de suelos, agricultura familiar, mujeres rurales e indígenas",
        "Asistencia técnica en manejo sostenible de suelos y fertilizantes y en inclusión de "
        "mujeres rurales.",
        "asistencia técnica, fertilizantes, manejo de suelos",
        "Proyectos de agricultura familiar en los cuatro países.",
        "proyectos de cooperación, agricultura familiar",
    ),
    # --- Observer states -----------------------------------------------------------------
    _ap(
        "aecid",
        "f",
        "Responsable de programas",
        "es",
        "cooperación triangular, industrias culturales y creativas, igualdad de género",
        "Cooperación triangular y formación en los Centros de Formación de la Cooperación "
        "Española.",
        "cooperación triangular, formación virtual",
        "Proyectos de industrias culturales y creativas y de igualdad de género.",
        "proyectos de cooperación",
    ),
    _ap(
        "koica",
        "m",
        "Programme officer",
        "en, ko, es",
        "pymes, comercio electrónico transfronterizo",
        "Experiencia coreana en comercio electrónico y digitalización de pymes, y becas de "
        "formación.",
        "comercio electrónico transfronterizo, formación virtual, cooperación técnica",
        "Proyectos de pymes y comercio electrónico de la Alianza del Pacífico.",
        "proyectos de cooperación",
        name="Park Jun-ho",
    ),
    _ap(
        "seco",
        "f",
        "Oficial de programa, Cooperación Económica Suiza",
        "fr, es, de",
        "pymes",
        "Experiencia en competitividad de pymes y cadenas de valor sostenibles.",
        "pymes, asistencia técnica",
        "Proyectos de pymes con enfoque de sostenibilidad.",
        "proyectos de cooperación",
        name="Camille Rochat",
    ),
]

# ---------------------------------------------------------------------------------------
# Names and e-mail addresses (fictional, drawn deterministically)
# ---------------------------------------------------------------------------------------


def _list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


_FEMALE = {
    "PE": _list(
        """
        María, Rosa, Carmen, Juana, Lucía, Yolanda, Elena, Nelly, Flor, Maribel, Roxana, Delia,
        Gladys, Sonia, Milagros, Rocío, Yesenia, Luz, Marisol, Teresa, Natividad, Felícita,
        Hilda, Norma, Zoila, Vilma, Sabina, Eulalia, Valeria, Daniela, Fiorella, Andrea,
        Ximena, Gabriela, Pamela, Karina, Silvia, Mónica, Patricia, Ana, Beatriz, Cecilia,
        Inés, Susana, Edith, Nancy, Lourdes, Ruth, Sara, Sisa, Killari, Nayra, Yaneth, Marleny,
        Doris, Olga, Irma, Fabiola, Claudia, Paola, Verónica, Antonia, Justina, Leonor
        """
    ),
    "LA": _list(
        """
        Ana, Carolina, Daniela, Natalia, Valentina, Paula, Camila, Javiera, Fernanda, Lorena,
        Alejandra, Mariana, Adriana, Constanza, Ximena, Guadalupe, Luisa, Diana, Mónica,
        Julieta
        """
    ),
    "ES": _list(
        """
        Ainhoa, Nerea, Itziar, Montserrat, Pilar, Elena, Marta, Cristina, Blanca, Laura
        """
    ),
}
_MALE = {
    "PE": _list(
        """
        José, Juan, Luis, Jorge, Víctor, Pedro, Wilber, Edwin, Walter, Wilmer, Rolando,
        Eusebio, Teodoro, Hernán, Fredy, Elmer, Segundo, Nilo, Alcides, Abel, Julián, Percy,
        Raúl, Óscar, Alberto, César, Gustavo, Iván, Héctor, Rubén, Simón, Félix, Santos, Hugo,
        Aurelio, Epifanio, Justo, Nicanor, Fortunato, Andrés, Diego, Sebastián, Martín, Alonso,
        Rodrigo, Milton, Edgar, Germán, Marcelino, Celestino, Lucio, Efraín, Ronald, Franklin,
        Anselmo, Leoncio, Teófilo, Gilberto, Emilio, Tomás
        """
    ),
    "LA": _list(
        """
        Andrés, Felipe, Santiago, Sebastián, Matías, Tomás, Joaquín, Alejandro, Emiliano,
        Gonzalo, Mauricio, Camilo, Cristóbal, Rafael, Ernesto, Fernando, Vicente, Leonardo,
        Arturo, Hernando
        """
    ),
    "ES": _list(
        """
        Íñigo, Jordi, Pablo, Álvaro, Javier, Xabier, Gonzalo, Ignasi
        """
    ),
}

# Surnames by region: Quechua and Aymara surnames in the southern Andes, northern highland
# surnames in Cajamarca and Piura, Amazonian surnames in San Martín and Loreto.
_SURNAMES = {
    "north": _list(
        """
        Chuquilín, Tantaleán, Llatas, Cubas, Malca, Huaccha, Chilón, Guevara, Vásquez, Tapia,
        Carrasco, Cieza, Huamán, Chinchay, Sernaqué, Yovera, Chunga, Chinguel, Díaz, Idrogo,
        Bustamante, Rojas, Mego, Torres, Becerra, Saldaña, Coronel, Vílchez, Córdova, Neyra,
        Julca, Mendoza, Quispe, Cabanillas, Tocto, Huamanta
        """
    ),
    "south": _list(
        """
        Quispe, Mamani, Huamán, Condori, Ccori, Ccahuana, Huillca, Yupanqui, Ccopa, Cusi,
        Sullca, Huarca, Ayma, Puma, Taipe, Yauri, Huayta, Chuctaya, Challco, Cjuro, Layme,
        Paucar, Auccapuma, Ccallo, Huarcaya, Apaza, Choque, Ticona, Calisaya, Chambi, Cutipa,
        Huanca, Pari, Gutiérrez, Cárdenas, Palomino, Zúñiga, Vargas, Ccanto, Huachaca
        """
    ),
    "centre": _list(
        """
        Huamán, Rojas, Ricse, Cóndor, Laureano, Espinoza, Baltazar, Huaynate, Inga, Ticse,
        Poma, Vilcapoma, Quispe, Mayta, Chávez, Ramírez, Sánchez, Huerta, Ponce, Solís, Tucto,
        Ambrosio, Cristóbal, Alejo, Trujillo, Ñaupari, Meza, Orihuela, Huayhua, Jara
        """
    ),
    "amazon": _list(
        """
        Tuanama, Sangama, Shupingahua, Amasifuén, Panduro, Tapullima, Pinedo, Ríos, Ahuanari,
        Yumbato, Tananta, Del Águila, Vela, Ruiz, Arévalo, García, Saavedra, Pezo, Satalaya,
        Cachique, Ushiñahua, Guerra
        """
    ),
    "lima": _list(
        """
        García, Rodríguez, Flores, Sánchez, Torres, Ramírez, Chávez, Castillo, Mendoza, Ruiz,
        Gutiérrez, Salazar, Vargas, Paredes, Romero, Núñez, Cárdenas, Peña, Ibáñez, Muñoz,
        Delgado, Cabrera, Herrera, Valdivia, Villanueva, Aguilar, Tello, Nakamura, Chang, Wong,
        Yamashiro, Benavides, Olaechea, Dall'Orto, Quispe, Huamán, Rosales, Zevallos, Bazán,
        Málaga, Arce, Vega, León, Cornejo, Ugarte, Salinas, Pacheco, Miranda
        """
    ),
    "CO": _list(
        """
        Restrepo, Londoño, Gaviria, Ospina, Cardona, Arango, Valencia, Zapata, Montoya,
        Jaramillo, Pineda, Ocampo, Castaño, Rincón, Bermúdez
        """
    ),
    "CL": _list(
        """
        Contreras, Muñoz, Soto, Araya, Fuentes, Sepúlveda, Toro, Carrasco, Bravo, Riquelme,
        Valenzuela, Aravena, Saavedra, Cifuentes, Henríquez
        """
    ),
    "MX": _list(
        """
        Hernández, Martínez, López, González, Ramírez, Cruz, Morales, Jiménez, Reyes, Ortega,
        Domínguez, Vázquez, Navarro, Aguirre, Salgado
        """
    ),
    "ES": _list(
        """
        Olabarrieta, Etxeberria, Ferrer, Puig, Castells, Moreno, Iglesias, Lozano, Blanco,
        Pascual, Serra, Vidal, Soler, Prieto, Arrieta
        """
    ),
}

_REGION_GROUP = {
    "Cajamarca": "north",
    "Piura": "north",
    "Amazonas": "north",
    "La Libertad": "north",
    "Cusco": "south",
    "Puno": "south",
    "Apurímac": "south",
    "Ayacucho": "south",
    "Huancavelica": "south",
    "Arequipa": "south",
    "Junín": "centre",
    "Huánuco": "centre",
    "Áncash": "centre",
    "Lima provincias": "centre",
    "San Martín": "amazon",
    "Loreto": "amazon",
    "Lima": "lima",
}

# People named in the seed documents: none of them may appear as a delegate.
_SEED_PEOPLE = [
    "Renzo Guillén",
    "Aamer Irshad",
    "Ricardo Rivera",
    "Catalina Acosta",
    "Ignacio Higuera",
    "Marcela Otero",
    "Gerardo Serrano",
    "María Grueso Lugo",
    "Isaac Mita",
    "Mario Casanova",
    "Irene Haddad",
    "Marco Dini",
    "Carlos Calderón",
    "Yuri Chessman",
    "Ignacia Fernandez",
]


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def _name_pools(org: dict) -> tuple[str, str]:
    """(given-name pool, surname pool) for a delegate of this organisation."""
    country = org["country"]
    if country == "PE":
        return "PE", _REGION_GROUP.get(org["region"], "lima")
    if country == "ES":
        return "ES", "ES"
    if country in {"CO", "CL", "MX"}:
        return "LA", country
    # Foreign staff of Peruvian-led or Latin American offices of international bodies.
    return "LA", "lima"


def _people(raw: list[dict], orgs: dict[str, dict]) -> list[dict]:
    """Fill in names, e-mail addresses and participant types, in a fixed order."""
    rng = random.Random(2023)
    used_names: set[str] = set()
    used_given: set[tuple[str, str]] = set()  # no two people share a compound given name
    used_emails: set[str] = set()
    out = []
    for reg in raw:
        org = orgs[reg["organisation"]]
        website = org["website"].removeprefix("https://").removeprefix("www.").split("/")[0]
        if website.endswith(".example"):
            domain = website
        elif org["type"] == "producer_org":
            domain = "correo.example"  # small associations use personal addresses
        else:
            domain = f"{org['key']}.example"
        name = reg["name"]
        if name:
            parts = name.split()
            last = "".join(parts[1:]) if len(parts) == 3 and parts[1].islower() else parts[-1]
            candidates = [f"{_ascii(parts[0])}.{_ascii(last)}@{domain}"]
        else:
            given_pool, surname_pool = _name_pools(org)
            while True:
                gender = reg["gender"]
                if gender in {"female", "male"}:
                    firsts = (_FEMALE if gender == "female" else _MALE)[given_pool]
                else:
                    firsts = rng.choice([_FEMALE, _MALE])[given_pool]
                given = [rng.choice(firsts)]
                if given_pool == "PE" and rng.random() < 0.3:
                    second = rng.choice(firsts)
                    if second != given[0] and (given[0], second) not in used_given:
                        given.append(second)
                surnames = _SURNAMES[surname_pool]
                first_surname = rng.choice(surnames)
                second_surname = rng.choice([s for s in surnames if s != first_surname])
                name = " ".join([*given, first_surname, second_surname])
                local = f"{_ascii(given[0])}.{_ascii(first_surname)}"
                candidates = [
                    f"{local}@{domain}",
                    f"{local}.{_ascii(second_surname)}@{domain}",
                ]
                if name not in used_names and any(c not in used_emails for c in candidates):
                    break
        email = next(c for c in candidates if c not in used_emails)
        if not reg["name"] and len(given) == 2:
            used_given.add((given[0], given[1]))
        used_names.add(name)
        used_emails.add(email)
        event = reg["event"]
        ptype = _TYPE_BY_ORG[event].get(org["key"]) or _DEFAULT_TYPE[event][org["type"]]
        out.append({**reg, "name": name, "email": email, "participant_type": ptype})
    return out


DELEGATES: list[dict] = _people(
    _HIH_DELEGATES + _PERU_DELEGATES + _AP_DELEGATES, {o["key"]: o for o in ORGANISATIONS}
)


# ---------------------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------------------


def _check() -> None:
    import re
    from collections import Counter

    org_types = {
        "company",
        "producer_org",
        "investor",
        "national_gov",
        "regional_gov",
        "cooperation",
        "academia_ngo",
    }
    sizes = {"micro", "small", "medium", "large", None}
    genders = {"female", "male", "other", "undisclosed"}
    statuses = {"submitted", "approved", "rejected", "waiting", "cancelled"}
    events = {HIH, PERU, AP}
    org_keys = {"key", "name", "type", "country", "region", "website", "size"}
    reg_keys = {
        "event",
        "email",
        "name",
        "job_title",
        "gender",
        "languages",
        "organisation",
        "participant_type",
        "status",
        "sectors",
        "offers",
        "offer_tags",
        "seeks",
        "seek_tags",
        "ticket_min",
        "ticket_max",
        "ticket_currency",
    }

    orgs = {}
    for o in ORGANISATIONS:
        assert set(o) == org_keys, o
        assert re.fullmatch(r"[a-z0-9-]+", o["key"]) and o["key"] not in orgs, o["key"]
        assert o["type"] in org_types and o["size"] in sizes, o
        assert re.fullmatch(r"[A-Z]{2}", o["country"]), o
        assert 0 < len(o["name"]) <= 200 and len(o["region"]) <= 120, o
        assert o["website"] == "" or (
            o["website"].startswith("https://") and len(o["website"]) <= 300
        ), o
        orgs[o["key"]] = o
    names_countries = [(o["name"], o["country"]) for o in ORGANISATIONS]
    assert len(set(names_countries)) == len(names_countries), "organisation name+country twice"

    assert set(TAGS) == events and set(PARTICIPANT_TYPES) == events
    for slug, tags in TAGS.items():
        assert len(tags) == len(set(tags)), f"{slug}: duplicate tag"
        assert all(0 < len(t) <= 80 and "," not in t for t in tags), slug
    for slug, types in PARTICIPANT_TYPES.items():
        names = [t["name"] for t in types]
        assert len(names) == len(set(names)), f"{slug}: duplicate participant type"
        for t in types:
            assert set(t) == {"name", "color", "capacity"} and len(t["name"]) <= 120, t
            assert re.fullmatch(r"#[0-9a-f]{6}", t["color"]), t
            assert t["capacity"] is None or (isinstance(t["capacity"], int) and t["capacity"] > 0)

    emails = Counter(d["email"] for d in DELEGATES)
    assert all(n == 1 for n in emails.values()), [e for e, n in emails.items() if n > 1]
    people = Counter(d["name"] for d in DELEGATES)
    assert all(n == 1 for n in people.values()), [p for p, n in people.items() if n > 1]
    for person in _SEED_PEOPLE:
        given, *_, last = person.split()
        for d in DELEGATES:
            tokens = set(d["name"].split())
            assert not {given, last} <= tokens, f"{d['name']} looks like {person} from the seeds"

    for d in DELEGATES:
        who = f"{d['event']}: {d['name']} <{d['email']}>"
        assert set(d) == reg_keys, who
        assert d["event"] in events, who
        assert re.fullmatch(r"[a-z0-9.\-]+@[a-z0-9.\-]+\.example", d["email"]), who
        assert len(d["email"]) <= 254 and 0 < len(d["name"]) <= 200, who
        assert 0 < len(d["job_title"]) <= 200, who
        assert d["organisation"] in orgs, f"{who}: unknown organisation {d['organisation']}"
        types = {t["name"] for t in PARTICIPANT_TYPES[d["event"]]}
        assert d["participant_type"] in types, f"{who}: {d['participant_type']}"
        assert d["gender"] in genders and d["status"] in statuses, who
        assert d["languages"] and all(re.fullmatch(r"[a-z]{2}", c) for c in d["languages"]), who
        assert len(",".join(d["languages"])) <= 60, who
        assert len(set(d["languages"])) == len(d["languages"]), who
        tags = set(TAGS[d["event"]])
        for role in ("sectors", "offer_tags", "seek_tags"):
            assert d[role], f"{who}: no {role}"
            assert len(set(d[role])) == len(d[role]), f"{who}: tag twice in {role}"
            unknown = set(d[role]) - tags
            assert not unknown, f"{who}: {role} not in TAGS[{d['event']}]: {unknown}"
        assert d["offers"].strip() and d["seeks"].strip(), who
        lo, hi = d["ticket_min"], d["ticket_max"]
        assert (lo is None) == (hi is None), f"{who}: half a ticket range"
        if lo is not None:
            assert isinstance(lo, int) and isinstance(hi, int) and 0 <= lo <= hi, who
            assert orgs[d["organisation"]]["type"] == "investor", f"{who}: ticket, not investor"
        assert d["ticket_currency"] == "USD", who
        assert "  " not in d["offers"] + d["seeks"], who

    # Quotas: approved registrations within capacity; a waiting list only when it is full.
    for slug, types in PARTICIPANT_TYPES.items():
        for t in types:
            regs = [
                d for d in DELEGATES if d["event"] == slug and d["participant_type"] == t["name"]
            ]
            approved = sum(d["status"] == "approved" for d in regs)
            waiting = sum(d["status"] == "waiting" for d in regs)
            if t["capacity"] is not None:
                assert approved <= t["capacity"], f"{slug}/{t['name']}: over capacity"
            if waiting:
                assert t["capacity"] == approved, f"{slug}/{t['name']}: waiting, not full"

    # Report.
    for slug in (PERU, HIH, AP):
        regs = [d for d in DELEGATES if d["event"] == slug]
        print(f"\n{slug}: {len(regs)} delegates")
        by_org_type = Counter(orgs[d["organisation"]]["type"] for d in regs)
        for key, n in by_org_type.most_common():
            print(f"  organisation type {key:<14} {n:>4}  ({n / len(regs):.0%})")
        for key, n in Counter(d["participant_type"] for d in regs).most_common():
            print(f"  participant type  {key:<36} {n:>4}")
        for label, field in (("gender", "gender"), ("status", "status")):
            counts = Counter(d[field] for d in regs)
            print(f"  {label:<7} " + ", ".join(f"{k} {n}" for k, n in counts.most_common()))
        countries = Counter(orgs[d["organisation"]]["country"] for d in regs)
        print("  country " + ", ".join(f"{k} {n}" for k, n in countries.most_common()))
        producers = [d for d in regs if orgs[d["organisation"]]["type"] == "producer_org"]
        if producers:
            women = sum(d["gender"] == "female" for d in producers)
            print(f"  women among producer-organisation delegates: {women / len(producers):.0%}")
        print(f"  with a ticket range: {sum(d['ticket_min'] is not None for d in regs)}")
    print(
        f"\nOK: {len(ORGANISATIONS)} organisations, {len(DELEGATES)} delegates, "
        f"{sum(len(t) for t in TAGS.values())} tags, "
        f"{sum(len(t) for t in PARTICIPANT_TYPES.values())} participant types"
    )


if __name__ == "__main__":
    _check()
