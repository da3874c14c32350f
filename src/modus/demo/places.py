"""Where the demo's 600 participants come from: exactly 40 countries, with Faker locales."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    locale: str  # Faker locale for made-up names; a neighbour's where Faker has none
    cities: tuple[str, ...]
    weight: int  # relative share of participants


COUNTRIES: tuple[Country, ...] = (
    Country(
        "CZ",
        "cs_CZ",
        ("Prague", "Brno", "Ostrava", "Plzeň", "Liberec", "Olomouc", "Zlín", "Pardubice"),
        150,
    ),
    Country("SK", "sk_SK", ("Bratislava", "Košice", "Žilina"), 20),
    Country("PL", "pl_PL", ("Warsaw", "Kraków", "Wrocław", "Poznań", "Gdańsk"), 26),
    Country("DE", "de_DE", ("Berlin", "Munich", "Stuttgart", "Dresden", "Hamburg"), 28),
    Country("AT", "de_AT", ("Vienna", "Linz", "Graz"), 14),
    Country("HU", "hu_HU", ("Budapest", "Debrecen", "Győr"), 12),
    Country("SI", "sl_SI", ("Ljubljana", "Maribor"), 8),
    Country("HR", "hr_HR", ("Zagreb", "Split", "Rijeka"), 8),
    Country("RO", "ro_RO", ("Bucharest", "Cluj-Napoca", "Timișoara"), 12),
    Country("BG", "bg_BG", ("Sofia", "Plovdiv"), 8),
    Country("LT", "lt_LT", ("Vilnius", "Kaunas"), 10),
    Country("LV", "lv_LV", ("Riga",), 7),
    Country("EE", "et_EE", ("Tallinn", "Tartu"), 7),
    Country("FI", "fi_FI", ("Helsinki", "Tampere", "Oulu"), 9),
    Country("SE", "sv_SE", ("Stockholm", "Gothenburg", "Malmö"), 10),
    Country("DK", "da_DK", ("Copenhagen", "Aarhus", "Odense"), 9),
    Country("NO", "no_NO", ("Oslo", "Trondheim"), 6),
    Country("NL", "nl_NL", ("Eindhoven", "Amsterdam", "Rotterdam"), 12),
    Country("BE", "nl_BE", ("Brussels", "Antwerp", "Ghent", "Leuven"), 24),
    Country("LU", "fr_FR", ("Luxembourg",), 4),
    Country("FR", "fr_FR", ("Paris", "Lyon", "Toulouse", "Grenoble"), 22),
    Country("ES", "es_ES", ("Madrid", "Barcelona", "Bilbao", "Valencia"), 22),
    Country("PT", "pt_PT", ("Lisbon", "Porto", "Braga"), 10),
    Country("IT", "it_IT", ("Milan", "Turin", "Bologna", "Rome"), 22),
    Country("GR", "el_GR", ("Athens", "Thessaloniki"), 8),
    Country("CY", "el_CY", ("Nicosia", "Limassol"), 4),
    Country("MT", "en_GB", ("Valletta",), 3),
    Country("IE", "en_IE", ("Dublin", "Cork"), 6),
    Country("GB", "en_GB", ("Manchester", "Birmingham", "Glasgow"), 6),
    Country("CH", "de_CH", ("Zurich", "Basel", "Lausanne"), 6),
    Country("UA", "uk_UA", ("Kyiv", "Lviv", "Kharkiv"), 10),
    Country("RS", "hr_HR", ("Belgrade", "Novi Sad"), 6),
    Country("MK", "hr_HR", ("Skopje",), 3),
    Country("ME", "hr_HR", ("Podgorica",), 3),
    Country("TR", "tr_TR", ("Istanbul", "Ankara", "Izmir"), 8),
    Country("IL", "en_GB", ("Tel Aviv", "Haifa"), 4),
    Country("MD", "ro_RO", ("Chișinău",), 3),
    Country("GE", "en_GB", ("Tbilisi",), 3),
    Country("IS", "en_GB", ("Reykjavík",), 3),
    Country("AL", "en_GB", ("Tirana",), 3),
)
