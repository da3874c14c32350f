"""Where the demo's 600 participants come from: exactly 40 countries, with Faker locales."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    locale: str  # Faker locale for made-up names; a neighbour's where Faker has none
    cities: tuple[str, ...]
    weight: int  # relative share of participants
    calling_code: str  # ITU country calling code, without the plus
    phone_plan: str  # a mobile number in national format; '#' is any digit


COUNTRIES: tuple[Country, ...] = (
    Country(
        "CZ",
        "cs_CZ",
        ("Prague", "Brno", "Ostrava", "Plzeň", "Liberec", "Olomouc", "Zlín", "Pardubice"),
        150,
        "420",
        "7## ### ###",
    ),
    Country("SK", "sk_SK", ("Bratislava", "Košice", "Žilina"), 20, "421", "9## ### ###"),
    Country(
        "PL", "pl_PL", ("Warsaw", "Kraków", "Wrocław", "Poznań", "Gdańsk"), 26, "48", "5## ### ###"
    ),
    Country(
        "DE",
        "de_DE",
        ("Berlin", "Munich", "Stuttgart", "Dresden", "Hamburg"),
        28,
        "49",
        "151 ########",
    ),
    Country("AT", "de_AT", ("Vienna", "Linz", "Graz"), 14, "43", "664 #######"),
    Country("HU", "hu_HU", ("Budapest", "Debrecen", "Győr"), 12, "36", "30 ### ####"),
    Country("SI", "sl_SI", ("Ljubljana", "Maribor"), 8, "386", "41 ### ###"),
    Country("HR", "hr_HR", ("Zagreb", "Split", "Rijeka"), 8, "385", "91 ### ####"),
    Country("RO", "ro_RO", ("Bucharest", "Cluj-Napoca", "Timișoara"), 12, "40", "72# ### ###"),
    Country("BG", "bg_BG", ("Sofia", "Plovdiv"), 8, "359", "88 ### ####"),
    Country("LT", "lt_LT", ("Vilnius", "Kaunas"), 10, "370", "6## #####"),
    Country("LV", "lv_LV", ("Riga",), 7, "371", "2# ### ###"),
    Country("EE", "et_EE", ("Tallinn", "Tartu"), 7, "372", "5### ####"),
    Country("FI", "fi_FI", ("Helsinki", "Tampere", "Oulu"), 9, "358", "40 ### ####"),
    Country("SE", "sv_SE", ("Stockholm", "Gothenburg", "Malmö"), 10, "46", "70 ### ## ##"),
    Country("DK", "da_DK", ("Copenhagen", "Aarhus", "Odense"), 9, "45", "2# ## ## ##"),
    Country("NO", "no_NO", ("Oslo", "Trondheim"), 6, "47", "4## ## ###"),
    Country("NL", "nl_NL", ("Eindhoven", "Amsterdam", "Rotterdam"), 12, "31", "6 ########"),
    Country("BE", "nl_BE", ("Brussels", "Antwerp", "Ghent", "Leuven"), 24, "32", "47# ## ## ##"),
    Country("LU", "fr_FR", ("Luxembourg",), 4, "352", "621 ### ###"),
    Country("FR", "fr_FR", ("Paris", "Lyon", "Toulouse", "Grenoble"), 22, "33", "6 ## ## ## ##"),
    Country("ES", "es_ES", ("Madrid", "Barcelona", "Bilbao", "Valencia"), 22, "34", "6## ### ###"),
    Country("PT", "pt_PT", ("Lisbon", "Porto", "Braga"), 10, "351", "91# ### ###"),
    Country("IT", "it_IT", ("Milan", "Turin", "Bologna", "Rome"), 22, "39", "3## ### ####"),
    Country("GR", "el_GR", ("Athens", "Thessaloniki"), 8, "30", "69# ### ####"),
    Country("CY", "el_CY", ("Nicosia", "Limassol"), 4, "357", "99 ######"),
    Country("MT", "en_GB", ("Valletta",), 3, "356", "79## ####"),
    Country("IE", "en_IE", ("Dublin", "Cork"), 6, "353", "8# ### ####"),
    Country("GB", "en_GB", ("Manchester", "Birmingham", "Glasgow"), 6, "44", "7### ######"),
    Country("CH", "de_CH", ("Zurich", "Basel", "Lausanne"), 6, "41", "7# ### ## ##"),
    Country("UA", "uk_UA", ("Kyiv", "Lviv", "Kharkiv"), 10, "380", "67 ### ####"),
    Country("RS", "hr_HR", ("Belgrade", "Novi Sad"), 6, "381", "6# ### ####"),
    Country("MK", "hr_HR", ("Skopje",), 3, "389", "7# ### ###"),
    Country("ME", "hr_HR", ("Podgorica",), 3, "382", "6# ### ###"),
    Country("TR", "tr_TR", ("Istanbul", "Ankara", "Izmir"), 8, "90", "5## ### ## ##"),
    Country("IL", "en_GB", ("Tel Aviv", "Haifa"), 4, "972", "5# ### ####"),
    Country("MD", "ro_RO", ("Chișinău",), 3, "373", "6## ## ###"),
    Country("GE", "en_GB", ("Tbilisi",), 3, "995", "5## ## ## ##"),
    Country("IS", "en_GB", ("Reykjavík",), 3, "354", "6## ####"),
    Country("AL", "en_GB", ("Tirana",), 3, "355", "6# ### ####"),
)
