"""What a made-up organisation does, and what its people offer and ask for, so the demo hangs
together: a company's offers come from its own ecosystem and its value-chain stages, its
description from the same activities, and titles vary with qualifiers.

Pure: plain data in, plain data out, no Django.
"""

import random
import re
from dataclasses import dataclass

from faker.decode import unidecode  # Faker's own copy of Unidecode: no extra dependency

from modus.demo import institutions
from modus.demo.places import Country
from modus.demo.vocabulary import ACTIVITY_STAGES, ECOSYSTEMS, OpportunityText

COMPANY = "company"
OTHER = "other"
RESEARCH = "research"
INVESTOR = "investor"

STAGE_ORDER = (
    "research",
    "design",
    "materials",
    "components",
    "integration",
    "distribution",
    "services",
    "end-use",
)

# Where an organisation of a kind that is not a company stands in the value chain.
KIND_STAGE = {
    "research": "research",
    "cluster": "services",
    "association": "services",
    "public-authority": "services",
    "investor": "services",
}

# What people of companies (and "other") and investors offer from the ecosystem banks:
# companies what they make or do at their own stages, never investment; investors money.
# Clusters and research institutes post their own kind of text (see institutions).
OFFER_KINDS = {
    COMPANY: ("product", "service", "technology", "expertise", "partnership", "project"),
    OTHER: ("product", "service", "technology", "expertise", "partnership", "project"),
    INVESTOR: ("investment",),
}
# Investors offer money; the start-ups ask for it.
REQUEST_KINDS = {INVESTOR: ()}

# A second ecosystem a foreign organisation may also work in: neighbours, not random pairs.
RELATED_ECOSYSTEMS: dict[str, tuple[str, ...]] = {
    "aerospace-defence": ("electronics", "digital", "mobility-transport-automotive"),
    "agri-food": ("retail", "tourism", "renewables"),
    "construction": ("renewables", "energy-intensive", "digital"),
    "cultural-creative": ("digital", "tourism", "retail"),
    "digital": ("electronics", "cultural-creative", "retail"),
    "electronics": ("digital", "mobility-transport-automotive", "aerospace-defence"),
    "energy-intensive": ("renewables", "construction", "mobility-transport-automotive"),
    "renewables": ("energy-intensive", "construction", "electronics"),
    "health": ("digital", "electronics", "textile"),
    "mobility-transport-automotive": ("electronics", "digital", "energy-intensive"),
    "proximity-social-economy": ("agri-food", "tourism", "retail"),
    "retail": ("agri-food", "digital", "textile"),
    "textile": ("health", "retail", "cultural-creative"),
    "tourism": ("agri-food", "cultural-creative", "retail"),
}

# Legal forms of made-up companies by country; elsewhere a plain English one.
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "CZ": ("s.r.o.", "a.s."),
    "SK": ("s.r.o.", "a.s."),
    "PL": ("sp. z o.o.", "S.A."),
    "DE": ("GmbH", "AG"),
    "AT": ("GmbH", "AG"),
    "CH": ("AG", "GmbH"),
    "HU": ("Kft.", "Zrt."),
    "SI": ("d.o.o.",),
    "HR": ("d.o.o.",),
    "RS": ("d.o.o.",),
    "ME": ("d.o.o.",),
    "MK": ("DOOEL",),
    "RO": ("S.R.L.", "S.A."),
    "MD": ("S.R.L.",),
    "BG": ("EOOD", "AD"),
    "LT": ("UAB",),
    "LV": ("SIA",),
    "EE": ("OÜ", "AS"),
    "FI": ("Oy",),
    "SE": ("AB",),
    "DK": ("ApS", "A/S"),
    "NO": ("AS",),
    "NL": ("B.V.",),
    "BE": ("NV", "SRL"),
    "LU": ("S.à r.l.", "S.A."),
    "FR": ("SAS", "SARL"),
    "ES": ("S.L.", "S.A."),
    "PT": ("Lda.", "S.A."),
    "IT": ("S.r.l.", "S.p.A."),
    "GR": ("S.A.", "IKE"),
    "CY": ("Ltd",),
    "MT": ("Ltd",),
    "IE": ("Ltd", "DAC"),
    "GB": ("Ltd", "plc"),
    "TR": ("A.Ş.", "Ltd. Şti."),
    "IL": ("Ltd",),
    "UA": ("LLC",),
    "GE": ("LLC",),
    "IS": ("ehf.", "hf."),
    "AL": ("sh.p.k.",),
}

# Qualifiers that turn one text of the bank into many offers: "{title} – {qualifier}". A
# request's never repeats an offer's word for word: the same words at the end of two short
# titles bring them nearer than what they are about does ("Original music for an indie game
# – open to SMEs" read as answered by "Creative residencies in former industrial sites – open
# to SMEs").
OFFER_QUALIFIERS = {
    "product": (
        "small series",
        "delivery from stock",
        "built to specification",
        "with installation and training",
        "pilot units available",
        "with a five-year warranty",
        "ready for export",
        "made in {city}",
    ),
    "service": (
        "for SMEs",
        "free first consultation",
        "across Central Europe",
        "on site or remote",
        "fixed-price packages",
        "fast turnaround",
        "for start-ups",
        "from our {city} site",
    ),
    "technology": (
        "open to licensing",
        "ready for a pilot",
        "seeking industrial users",
        "joint development offered",
        "demonstrator available",
        "patent granted",
        "for co-development",
        "shown in {city}",
    ),
    "expertise": (
        "first consultation free",
        "with in-house training",
        "from concept to launch",
        "for SMEs",
        "short engagements",
        "remote or on site",
        "in English and German",
        "based in {city}",
    ),
    "partnership": (
        "consortium forming now",
        "for Horizon Europe",
        "for Interreg Central Europe",
        "open to SMEs",
        "for a 2023 call",
        "partners from any member state",
        "cross-cluster",
        "coordinated from {city}",
    ),
    "project": (
        "partners wanted for 2023",
        "for Horizon Europe",
        "for Interreg Central Europe",
        "pilot sites wanted",
        "with a living lab",
        "open to SMEs",
        "funded start in 2023",
        "led from {city}",
    ),
    "investment": (
        "seed to Series A",
        "tickets of EUR 0.5–3m",
        "Central and Eastern Europe",
        "co-investing with clusters",
        "green transition focus",
        "follow-on rounds",
        "first meeting within a week",
        "office in {city}",
    ),
}
REQUEST_QUALIFIERS = (
    "by spring 2023",
    "for a pilot in {city}",
    "long-term partner wanted",
    "within six months",
    "for our {city} site",
    "EU partners preferred",
    "start in 2023",
    "Central Europe preferred",
    "meeting in Prague welcome",
    "quotes welcome",
)


@dataclass(frozen=True)
class OrganisationProfile:
    """What an organisation does: its main ecosystem, all its ecosystems, its stages, and
    the activities its description names (a company's) or its research topics (an
    institute's)."""

    kind: str
    ecosystem: str
    ecosystems: tuple[str, ...]
    stages: tuple[str, ...]
    activities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Opportunity:
    direction: str
    ecosystem: str
    kind: str
    title: str
    description: str
    stage: str
    base_title: str


def ecosystems_for(rng: random.Random, main: str) -> tuple[str, ...]:
    """The main ecosystem, and sometimes a related one."""
    if rng.random() < 0.5:
        return (main,)
    return (main, rng.choice(RELATED_ECOSYSTEMS[main]))


def company_activities(rng: random.Random, ecosystem: str) -> tuple[tuple[str, str], ...]:
    """One or two activities (text, stage) of a company in `ecosystem`, at one stage at
    which the ecosystem's bank has offers (`vocabulary.check` makes sure there are some)."""
    vocabulary = ECOSYSTEMS[ecosystem]
    pairs = list(zip(vocabulary.activities, ACTIVITY_STAGES[ecosystem], strict=True))
    first = rng.choice(pairs)
    same_stage = [pair for pair in pairs if pair != first and pair[1] == first[1]]
    if not same_stage or rng.random() < 0.5:
        return (first,)
    return (first, rng.choice(same_stage))


def company_profile(ecosystem: str, activity: str) -> OrganisationProfile:
    """A company of `ecosystem` that does `activity` (one of the bank's)."""
    stage = ACTIVITY_STAGES[ecosystem][ECOSYSTEMS[ecosystem].activities.index(activity)]
    return OrganisationProfile(COMPANY, ecosystem, (ecosystem,), (stage,), (activity,))


def profile_for(rng: random.Random, kind: str, ecosystems: tuple[str, ...]) -> OrganisationProfile:
    main = ecosystems[0]
    if kind in (COMPANY, OTHER):
        activities = company_activities(rng, main)
        stages = tuple(sorted({stage for _, stage in activities}, key=STAGE_ORDER.index))
        return OrganisationProfile(
            kind, main, ecosystems, stages, tuple(text for text, _ in activities)
        )
    # A research institute's activities are the two topics its description names.
    topics = tuple(rng.sample(ECOSYSTEMS[main].research_topics, 2)) if kind == RESEARCH else ()
    return OrganisationProfile(kind, main, ecosystems, (KIND_STAGE[kind],), topics)


def pools(
    rng: random.Random, profile: OrganisationProfile
) -> dict[str, list[tuple[str, OpportunityText]]]:
    """(ecosystem, text) an organisation's people may offer and ask for, by direction:
    clusters and research institutes post what such bodies post (see institutions),
    companies and investors from the ecosystem banks."""
    if not institutions.speaks_for_itself(profile.kind):
        return {"offer": offer_pool(profile), "request": request_pool(profile)}
    return {
        direction: institutions.pool(
            rng,
            profile.kind,
            direction,
            profile.ecosystems,
            profile.activities,
            profile.stages[0],
        )
        for direction in ("offer", "request")
    }


def offer_pool(profile: OrganisationProfile) -> list[tuple[str, OpportunityText]]:
    """(ecosystem, text) a company's or an investor's people may offer from the banks."""
    kinds = OFFER_KINDS[profile.kind]
    if profile.kind in (COMPANY, OTHER):
        return [
            (profile.ecosystem, text)
            for text in ECOSYSTEMS[profile.ecosystem].offers
            if text.kind in kinds and text.stage in profile.stages
        ]
    return [
        (code, text)
        for code in profile.ecosystems
        for text in ECOSYSTEMS[code].offers
        if text.kind in kinds
    ]


def request_pool(profile: OrganisationProfile) -> list[tuple[str, OpportunityText]]:
    """(ecosystem, text) a company's people may ask for from the banks, in its own field."""
    kinds = REQUEST_KINDS.get(profile.kind)
    return [
        (profile.ecosystem, text)
        for text in ECOSYSTEMS[profile.ecosystem].requests
        if kinds is None or text.kind in kinds
    ]


def nearest(choices: list[tuple[str, OpportunityText]], activities: tuple[str, ...], default: int):
    """The position of the text sharing most words with `activities` (what a company's
    description says it does), so that its first offer is what it is known for; `default`
    if none shares a word."""
    known = word_stems(" ".join(activities))
    shared = [len(known & word_stems(f"{text.title} {text.description}")) for _, text in choices]
    best = max(range(len(choices)), key=shared.__getitem__, default=default)
    return best if shared and shared[best] else default


# Words of four letters or more that tell nothing of a trade.
FILLER_WORDS = frozenset(
    "with from that this their into also them they over more than such each for".split()  # noqa: SIM905
)


def word_stems(text: str) -> set[str]:
    """Words of four letters or more, cut to five: "optical" and "optics" meet."""
    words = re.findall(r"[a-z]{4,}", text.lower())
    return {word[:5] for word in words if word not in FILLER_WORDS}


# Words for the name of a company none of whose field's name words says what it does:
# they claim no trade ("Polymer s.r.o." for an iron foundry would).
NEUTRAL_NAME_WORDS = (
    "Nova",
    "Prima",
    "Delta",
    "Vertex",
    "Alfa",
    "Apex",
    "Linea",
    "Orbis",
    "Meridian",
    "Atlas",
    "Quadra",
    "Centra",
    "Forma",
    "Praxis",
)


def name_words(profile: OrganisationProfile) -> tuple[str, ...]:
    """Words a made-up organisation's name may be made of: for a company, those of its
    field that name what it does ("Optika" for optical components, "Dairy" for a dairy),
    else neutral ones; for others, any of their field's."""
    words = ECOSYSTEMS[profile.ecosystem].name_words
    if profile.kind not in (COMPANY, OTHER):
        return words
    does = re.findall(r"[a-z]+", " ".join(profile.activities).lower())
    fitting = tuple(word for word in words if any(names(word, other) for other in does))
    return fitting or NEUTRAL_NAME_WORDS


def names(word: str, other: str) -> bool:
    """Whether a name word names the same thing as a word of a description: they begin
    alike, on four letters, or on all of a shorter name word ("Hop", "hops")."""
    stem = word.lower()[:4]
    return len(stem) >= 3 and other.startswith(stem)


class OpportunityMaker:
    """Offers and requests of people, with titles varied by qualifiers and kept distinct
    where the bank allows."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_titles: set[str] = set()
        # Bank titles each organisation's people have posted (by its profile): colleagues
        # post other things while the pool has any.
        self.posted: dict[int, set[str]] = {}

    def for_person(
        self, profile: OrganisationProfile, city: str, both: bool = False
    ) -> list[Opportunity]:
        """One to four offers and requests; with `both`, at least one of each where the
        organisation's kind asks for anything (the demo accounts show every kind of reason)."""
        rng = self.rng
        available = pools(rng, profile)
        made = []
        count = rng.randint(3, 4) if both else rng.randint(1, 4)
        for index in range(count):
            if both and index < 2:
                direction = ("offer", "request")[index]
            else:
                direction = "offer" if rng.random() < 0.5 else "request"
            # Nobody offers or asks for the same thing twice.
            if not available[direction]:
                direction = "offer" if direction == "request" else "request"
            if not available[direction]:
                break
            choices = available[direction]
            posted = self.posted.setdefault(id(profile), set())
            fresh = [i for i, (_, text) in enumerate(choices) if text.title not in posted]
            fresh = fresh or list(range(len(choices)))
            position = fresh[rng.randrange(len(fresh))]
            if direction == "offer" and not any(item.direction == "offer" for item in made):
                among = [choices[i] for i in fresh]
                position = fresh[nearest(among, profile.activities, fresh.index(position))]
            ecosystem, text = choices.pop(position)
            posted.add(text.title)
            made.append(self.make(profile, direction, ecosystem, text, city))
        return made

    def chosen(
        self, profile: OrganisationProfile, city: str, picks: tuple[tuple[str, str], ...]
    ) -> list[Opportunity]:
        """The (direction, bank title) picks, e.g. for the demo delegate, whose reasons a
        newcomer reads first."""
        available = pools(self.rng, profile)
        made = []
        for direction, title in picks:
            ecosystem, text = next(item for item in available[direction] if item[1].title == title)
            made.append(self.make(profile, direction, ecosystem, text, city))
        return made

    def make(
        self,
        profile: OrganisationProfile,
        direction: str,
        ecosystem: str,
        text: OpportunityText,
        city: str,
    ) -> Opportunity:
        # An opportunity's stage is its owner's (recommendations read it so: "you supply
        # components"); a company's offers are at its stages already.
        stage = text.stage
        if direction == "request" or profile.kind not in (COMPANY, OTHER):
            stage = self.rng.choice(profile.stages)
        qualifiers = None
        if institutions.speaks_for_itself(profile.kind):
            qualifiers = institutions.QUALIFIERS[direction]
        title = self.title(direction, text, city, qualifiers)
        return Opportunity(
            direction, ecosystem, text.kind, title, text.description, stage, text.title
        )

    def title(
        self,
        direction: str,
        text: OpportunityText,
        city: str,
        qualifiers: tuple[str, ...] | None = None,
    ) -> str:
        if qualifiers is None:
            qualifiers = OFFER_QUALIFIERS[text.kind] if direction == "offer" else REQUEST_QUALIFIERS
        qualifiers = list(qualifiers)
        self.rng.shuffle(qualifiers)
        titles = [f"{text.title} – {q.format(city=city)}" for q in qualifiers]
        title = next((t for t in titles if t not in self.used_titles), titles[0])
        self.used_titles.add(title)
        return title


def base_title(title: str) -> str:
    """The bank's title an opportunity title was made from."""
    return title.split(" – ", 1)[0]


def ascii_name(name: str) -> str:
    """A name in Latin letters for an e-mail address: "Αθανάσιος" -> "athanasios"."""
    return re.sub(r"[^a-z0-9]+", "-", unidecode(name).lower()).strip("-")


def phone_number(rng: random.Random, country: Country) -> str:
    """A plausible mobile number of `country`: its calling code, then its national plan."""
    digits = "".join(str(rng.randint(0, 9)) if c == "#" else c for c in country.phone_plan)
    return f"+{country.calling_code} {digits}"
