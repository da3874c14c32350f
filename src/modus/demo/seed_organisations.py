"""The organisations the seed document names, and the association's own clusters."""

from dataclasses import dataclass

from modus.directory.models import OrganisationKind


@dataclass(frozen=True)
class NamedOrganisation:
    name: str
    kind: str
    country: str
    city: str
    ecosystems: tuple[str, ...]
    description: str
    website: str = ""


ASSOCIATION = NamedOrganisation(
    name="National Cluster Association",
    kind=OrganisationKind.ASSOCIATION,
    country="CZ",
    city="Prague",
    ecosystems=("digital", "electronics", "health", "textile", "mobility-transport-automotive"),
    description=(
        "The National Cluster Association (NCA) represents Czech cluster organisations at "
        "national and European level, connects clusters and their member companies with "
        "partners abroad, and publishes the member magazine KLASTROVINY."
    ),
    website="https://nca.example",
)

# The five NCA members that presented themselves on the site visits of ECC 2022.
SITE_VISIT_CLUSTERS = (
    NamedOrganisation(
        "MECHATRONIKA Cluster",
        OrganisationKind.CLUSTER,
        "CZ",
        "Zlín",
        ("mobility-transport-automotive", "electronics", "digital"),
        "An industrial cluster of mechatronics, automation and machine-building companies, "
        "universities and vocational schools, working on smart manufacturing, robotics and "
        "the skills the digital transition of production needs.",
    ),
    NamedOrganisation(
        "NANOPROGRESS",
        OrganisationKind.CLUSTER,
        "CZ",
        "Pardubice",
        ("energy-intensive", "health", "textile"),
        "A cluster of nanotechnology companies and research teams that turns nanofibres, "
        "nanoparticles and thin films into filtration, medical and energy products.",
    ),
    NamedOrganisation(
        "CLUTEX",
        OrganisationKind.CLUSTER,
        "CZ",
        "Liberec",
        ("textile", "health", "construction"),
        "The cluster of technical textiles: producers of nonwovens, smart and protective "
        "textiles and composites, with the research institutes that develop them.",
    ),
    NamedOrganisation(
        "CZECHIMPLANT",
        OrganisationKind.CLUSTER,
        "CZ",
        "Ostrava",
        ("health", "electronics"),
        "A cluster of manufacturers of medical implants, instruments and biomaterials, with "
        "hospitals and universities, covering design, testing and certification under the "
        "EU Medical Device Regulation.",
    ),
    NamedOrganisation(
        "Czech Optical Cluster",
        OrganisationKind.CLUSTER,
        "CZ",
        "Turnov",
        ("electronics", "aerospace-defence", "digital"),
        "Optics and photonics companies and research institutes: precision optics, laser "
        "systems, optical coatings and measurement for industry, science and space.",
    ),
)

# What the member companies of a named cluster do: an ecosystem, and activities of its bank
# (demo/vocabulary.py). An optical cluster's members make optics, not cement.
MEMBER_TRADES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Czech Optical Cluster": (
        "electronics",
        (
            "manufactures precision optical components for laser systems",
            "coats optical glass with thin-film filters and anti-reflective layers",
        ),
    ),
    "NANOPROGRESS": ("textile", ("produces nanofibre membranes for filtration",)),
    "CLUTEX": (
        "textile",
        (
            "weaves technical fabrics for filtration and protective clothing",
            "produces nonwovens for hygiene, medical and automotive uses",
            "develops smart textiles with integrated sensors",
        ),
    ),
    "CZECHIMPLANT": ("health", ("manufactures titanium dental and orthopaedic implants",)),
}

VISITORS = (
    NamedOrganisation(
        "Ministry of Industry and Trade of the Czech Republic",
        OrganisationKind.PUBLIC_AUTHORITY,
        "CZ",
        "Prague",
        ("digital", "energy-intensive"),
        "The ministry that, within the Czech EU Presidency and with the European Commission, "
        "organised the 8th European Cluster Conference.",
    ),
    NamedOrganisation(
        "European Commission, DG GROW",
        OrganisationKind.PUBLIC_AUTHORITY,
        "BE",
        "Brussels",
        ("digital", "renewables", "proximity-social-economy"),
        "The Directorate-General for Internal Market, Industry, Entrepreneurship and SMEs, "
        "responsible for the EU's cluster policy and the European Cluster Collaboration Platform.",
    ),
    NamedOrganisation(
        "European Cluster Collaboration Platform",
        OrganisationKind.ASSOCIATION,
        "BE",
        "Brussels",
        ("digital", "agri-food", "health"),
        "The EU's online hub for cluster organisations: cluster mapping, partner search, "
        "events and the European cluster awards.",
    ),
    NamedOrganisation(
        "Ministry of Development and Technology of Poland",
        OrganisationKind.PUBLIC_AUTHORITY,
        "PL",
        "Warsaw",
        ("digital", "mobility-transport-automotive"),
        "The Polish ministry responsible for industrial and cluster policy, interested in how "
        "other member states support their cluster organisations.",
    ),
    NamedOrganisation(
        "Embassy of Belgium – Flanders Representation",
        OrganisationKind.PUBLIC_AUTHORITY,
        "BE",
        "Prague",
        ("digital", "retail"),
        "The Flemish government's representation in Prague, connecting Flemish companies with "
        "the Czech market.",
    ),
    NamedOrganisation(
        "AgriFood Lithuania",
        OrganisationKind.CLUSTER,
        "LT",
        "Kaunas",
        ("agri-food", "digital"),
        "A cluster of Lithuanian food producers, processors and research bodies working on "
        "innovative and digital solutions for the food industry.",
    ),
)

# Further NCA members (made up), so the catalogue reads like the association's magazine.
OTHER_CZECH_CLUSTERS = (
    ("Moravian Aerospace Cluster", "Brno", ("aerospace-defence", "electronics")),
    ("Bohemian Food Innovation Cluster", "České Budějovice", ("agri-food", "retail")),
    ("Silesian Energy Cluster", "Ostrava", ("renewables", "energy-intensive")),
    ("Prague Digital Cluster", "Prague", ("digital", "cultural-creative")),
    ("Wood and Timber Building Cluster", "Jihlava", ("construction", "renewables")),
    (
        "Czech Mobility Innovation Cluster",
        "Mladá Boleslav",
        ("mobility-transport-automotive", "digital"),
    ),
    ("Health Technology Cluster Brno", "Brno", ("health", "digital")),
    ("Glass and Ceramics Cluster", "Jablonec nad Nisou", ("energy-intensive", "cultural-creative")),
    ("Czech Tourism Cluster", "Český Krumlov", ("tourism", "proximity-social-economy")),
    ("Plzeň Engineering Cluster", "Plzeň", ("mobility-transport-automotive", "energy-intensive")),
)
