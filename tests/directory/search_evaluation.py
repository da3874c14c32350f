"""A small directory and what people search in it, to judge search by.

The "tune" queries were used while writing the stemmer and the synonym table; the
"held-out" ones were written with them, before any tuning, and are only reported
(tests/directory/test_selectors.py::test_held_out_queries_are_reported), never tuned on.
"""

# (name, kind, description, offers of a public profile)
DIRECTORY = [
    (
        "Turnov Optical Works",
        "company",
        "Grinds lenses and prisms for instruments.",
        ["Precision optics for laser systems"],
    ),
    ("Bohemia Lens", "company", "Optické soustavy a čočky na zakázku.", []),
    (
        "Institute of Photonics Brno",
        "research",
        "An applied research institute. It researches laser welding and optical coatings.",
        [],
    ),
    ("Glamour Cosmetics", "company", "Makes creams and lotions.", ["Laser hair removal devices"]),
    ("Výzkumný ústav textilní", "research", "Výzkum nanovláken a technických textilií.", []),
    (
        "AeroParts Kunovice",
        "company",
        "Machines titanium parts for aircraft structures.",
        ["CNC machining of aluminium"],
    ),
    ("Solar Grid Ostrava", "company", "Installs photovoltaic plants and batteries.", []),
    (
        "MedTech Plzeň",
        "company",
        "Develops medical sensors for hospitals.",
        ["Wearable ECG sensors"],
    ),
    ("Agri Food Cluster", "cluster", "Brings together food producers and farms.", []),
    ("Steel Kladno", "company", "Rolls steel sheets for the automotive industry.", []),
    ("Chip Design Brno", "company", "Designs semiconductor chips.", []),
    ("Logistics Hub Pardubice", "company", "Warehousing and logistics for retail.", []),
]

TUNE = {
    "optika": {"Turnov Optical Works", "Bohemia Lens", "Institute of Photonics Brno"},
    "výzkum": {"Institute of Photonics Brno", "Výzkumný ústav textilní"},
    "laser": {"Turnov Optical Works", "Institute of Photonics Brno", "Glamour Cosmetics"},
    "lasery": {"Turnov Optical Works", "Institute of Photonics Brno", "Glamour Cosmetics"},
    "kosmetika": {"Glamour Cosmetics"},
    "letectví": {"AeroParts Kunovice"},
    "obrábění": {"AeroParts Kunovice"},
    "senzory": {"MedTech Plzeň"},
}

HELD_OUT = {
    "optické": {"Turnov Optical Works", "Bohemia Lens", "Institute of Photonics Brno"},
    "výzkumný ústav": {"Institute of Photonics Brno", "Výzkumný ústav textilní"},
    "fotovoltaika": {"Solar Grid Ostrava"},
    "čipy": {"Chip Design Brno"},
    "ocel": {"Steel Kladno"},
    "automobilový průmysl": {"Steel Kladno"},
    "potraviny": {"Agri Food Cluster"},
    "logistika": {"Logistics Hub Pardubice"},
    "zdravotnické senzory": {"MedTech Plzeň"},
    "textilie": {"Výzkumný ústav textilní"},
}
