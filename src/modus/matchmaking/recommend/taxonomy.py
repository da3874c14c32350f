"""The fixed vocabularies the recommendation core checks its input against, in plain English.

The codes are the ones of `modus.directory.taxonomy`; they are repeated here because this
package must not import Django. English names serve `describe()` for the CLI and benchmarks.
"""

# The EU's 14 industrial ecosystems; a participant's ecosystems become a 14-bit mask.
ECOSYSTEM_NAMES: dict[str, str] = {
    "aerospace-defence": "Aerospace & Defence",
    "agri-food": "Agri-food",
    "construction": "Construction",
    "cultural-creative": "Cultural & Creative Industries",
    "digital": "Digital",
    "electronics": "Electronics",
    "energy-intensive": "Energy-Intensive Industries",
    "renewables": "Energy \u2013 Renewables",
    "health": "Health",
    "mobility-transport-automotive": "Mobility \u2013 Transport \u2013 Automotive",
    "proximity-social-economy": "Proximity, Social Economy & Civil Security",
    "retail": "Retail",
    "textile": "Textile",
    "tourism": "Tourism",
}
ECOSYSTEM_CODES: tuple[str, ...] = tuple(ECOSYSTEM_NAMES)

# Value-chain stages by position 1..8, supplier before customer: (code, what they do).
VALUE_CHAIN_STAGES: dict[int, tuple[str, str]] = {
    1: ("research", "do research"),
    2: ("design", "design and engineer"),
    3: ("materials", "supply materials"),
    4: ("components", "supply components"),
    5: ("integration", "integrate"),
    6: ("distribution", "distribute"),
    7: ("services", "provide services"),
    8: ("end-use", "use and recycle"),
}
STAGE_POSITIONS: tuple[int, ...] = tuple(VALUE_CHAIN_STAGES)

DIRECTIONS: tuple[str, ...] = ("offer", "request")
OPPORTUNITY_KINDS: tuple[str, ...] = (
    "product",
    "service",
    "technology",
    "partnership",
    "project",
    "investment",
    "expertise",
)
ORGANISATION_KINDS: tuple[str, ...] = (
    "cluster",
    "company",
    "research",
    "public-authority",
    "association",
    "investor",
    "other",
)

# English names of the countries seen at European cluster events; others show their code.
COUNTRY_NAMES: dict[str, str] = {
    "AL": "Albania",
    "AM": "Armenia",
    "AT": "Austria",
    "AU": "Australia",
    "BA": "Bosnia and Herzegovina",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "BR": "Brazil",
    "CA": "Canada",
    "CH": "Switzerland",
    "CN": "China",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DE": "Germany",
    "DK": "Denmark",
    "EE": "Estonia",
    "EG": "Egypt",
    "ES": "Spain",
    "FI": "Finland",
    "FR": "France",
    "GB": "United Kingdom",
    "GE": "Georgia",
    "GR": "Greece",
    "HR": "Croatia",
    "HU": "Hungary",
    "IE": "Ireland",
    "IL": "Israel",
    "IN": "India",
    "IS": "Iceland",
    "IT": "Italy",
    "JP": "Japan",
    "KR": "South Korea",
    "LI": "Liechtenstein",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "LV": "Latvia",
    "MA": "Morocco",
    "MD": "Moldova",
    "ME": "Montenegro",
    "MK": "North Macedonia",
    "MT": "Malta",
    "MX": "Mexico",
    "NL": "Netherlands",
    "NO": "Norway",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "RS": "Serbia",
    "SE": "Sweden",
    "SG": "Singapore",
    "SI": "Slovenia",
    "SK": "Slovakia",
    "TN": "Tunisia",
    "TR": "Türkiye",
    "TW": "Taiwan",
    "UA": "Ukraine",
    "US": "United States",
    "XK": "Kosovo",
    "ZA": "South Africa",
}
