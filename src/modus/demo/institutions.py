"""What cluster organisations and research institutes offer and ask for in the demo.

The ecosystem banks (vocabulary) are written by and for companies: "Cement producer starting
capture looks for...", "Fund investing...". A cluster manager or a researcher posting those
would speak for someone else. Clusters broker: they introduce their members, gather
consortia, lead trade missions and look for partner clusters. Research institutes offer
contract research, licences and students on the topics their description names, and look
for companies to pilot and fund that work. These texts are filled in with the
organisation's own field and topics.

Pure: plain data in, plain data out, no Django.
"""

from __future__ import annotations

import random

from modus.demo.vocabulary import CLUSTER_FOCUS, ECOSYSTEMS, OpportunityText

# An ecosystem as a title names it: short, so that a title stays within 90 characters.
FIELDS = {
    "aerospace-defence": "aerospace and defence",
    "agri-food": "agri-food",
    "construction": "construction",
    "cultural-creative": "creative industries",
    "digital": "digital technologies",
    "electronics": "electronics and photonics",
    "energy-intensive": "metals and chemicals",
    "renewables": "renewable energy",
    "health": "health technologies",
    "mobility-transport-automotive": "mobility and automotive",
    "proximity-social-economy": "social economy",
    "retail": "retail",
    "textile": "textiles",
    "tourism": "tourism",
}

# (kind, title, description); {field} is the ecosystem as FIELDS names it, {focus} as
# CLUSTER_FOCUS describes it, {topic} one of its research topics.
CLUSTER_OFFERS = (
    (
        "partnership",
        "Introductions to our member companies in {field}",
        "The cluster brings together companies and research bodies in {focus}; we arrange "
        "visits and one-to-one meetings with the members that fit what you need.",
    ),
    (
        "project",
        "Places on our trade mission for {field} companies",
        "We lead a trade mission with B2B meetings and a shared stand at a leading fair; "
        "companies from partner clusters may join at cost.",
    ),
    (
        "project",
        "Consortium forming for a Horizon Europe call in {field}",
        "The cluster coordinates a proposal on {topic} and invites companies and research "
        "bodies to join as partners or end users.",
    ),
    (
        "partnership",
        "Pilot sites at member companies in {field}",
        "Members open their production lines and labs to pilots of new technologies; we "
        "find the right site and prepare the agreements.",
    ),
)
CLUSTER_REQUESTS = (
    (
        "partnership",
        "Partner clusters in {field} for a Euroclusters project",
        "We are preparing a Euroclusters application and look for two or three cluster "
        "organisations to share internationalisation and training services for SMEs.",
    ),
    (
        "partnership",
        "Speakers on {field} for our members' annual meeting",
        "Our members want first-hand experience of {topic}; we look for a company or "
        "institute to present a case and meet them.",
    ),
    (
        "project",
        "Foreign buyers for a supplier day of our {field} members",
        "Our member companies in {focus} look for new customers; we host buyers for a day "
        "of company visits and B2B meetings.",
    ),
    (
        "partnership",
        "Research partner for our member companies in {field}",
        "Several members want to work on {topic} and look for a research institute to "
        "start a joint project.",
    ),
)
RESEARCH_OFFERS = (
    (
        "expertise",
        "Contract research in {field}",
        "Our institute researches {topic}; we take on contract research, feasibility "
        "studies and measurements for companies.",
    ),
    (
        "technology",
        "Research results ready for licensing in {field}",
        "A prototype from our work on {topic} is ready for licensing or for joint "
        "development with an industrial partner.",
    ),
    (
        "partnership",
        "Theses and industrial PhDs with companies in {field}",
        "Students and researchers working on {topic} are available for joint theses, "
        "internships and industrial doctorates.",
    ),
)
RESEARCH_REQUESTS = (
    (
        "partnership",
        "Industrial partner to pilot our research in {field}",
        "Our work on {topic} has reached a working prototype; we look for a company to "
        "test it in real production within a funded project.",
    ),
    (
        "project",
        "Companies for our Horizon Europe proposal in {field}",
        "We coordinate a proposal on {topic} and need industrial partners and an end user "
        "to validate the results.",
    ),
    (
        "expertise",
        "Data from industry for our research in {field}",
        "Our research on {topic} needs measurements from real operations; we offer "
        "anonymised results and a joint publication in return.",
    ),
)
TEXTS = {
    ("cluster", "offer"): CLUSTER_OFFERS,
    ("cluster", "request"): CLUSTER_REQUESTS,
    ("research", "offer"): RESEARCH_OFFERS,
    ("research", "request"): RESEARCH_REQUESTS,
}
# What varies their titles ("{title} – {qualifier}"), as profiles.OFFER_QUALIFIERS do the
# banks': none says what only a company would ("for our Brno site", "quotes welcome"), and
# a request's never repeats an offer's word for word.
QUALIFIERS = {
    "offer": (
        "coordinated from {city}",
        "partners from any member state",
        "open to SMEs",
        "for 2023",
    ),
    "request": (
        "EU partners preferred",
        "Central Europe preferred",
        "by spring 2023",
        "meeting in Prague welcome",
    ),
}
# Associations and public authorities broker as clusters do.
BROKERS = ("cluster", "association", "public-authority")


def speaks_for_itself(kind: str) -> bool:
    """Whether organisations of `kind` post these texts rather than the ecosystem banks'."""
    return kind in BROKERS or kind == "research"


def pool(
    rng: random.Random,
    kind: str,
    direction: str,
    ecosystems: tuple[str, ...],
    topics: tuple[str, ...],
    stage: str,
) -> list[tuple[str, OpportunityText]]:
    """(ecosystem, text) an organisation of `kind` may post in `direction`: each template
    once (nobody offers the same thing for two fields), about one of `ecosystems`, on one
    of `topics` (a research institute's own, of its main ecosystem, the only one it posts
    about) or, without them, of that ecosystem's research topics."""
    made = []
    for template_kind, title, description in templates_of(kind, direction):
        code = ecosystems[0] if topics else rng.choice(ecosystems)
        topic = rng.choice(topics or ECOSYSTEMS[code].research_topics)
        filled = OpportunityText(
            template_kind, fill(title, code, topic), fill(description, code, topic), stage
        )
        made.append((code, filled))
    return made


def fill(template: str, ecosystem: str, topic: str) -> str:
    return template.format(field=FIELDS[ecosystem], focus=CLUSTER_FOCUS[ecosystem], topic=topic)


def titles(kind: str, direction: str, ecosystem: str) -> set[str]:
    """The titles an organisation of `kind` may post in `direction` about `ecosystem`."""
    return {title.format(field=FIELDS[ecosystem]) for _, title, _ in templates_of(kind, direction)}


def templates_of(kind: str, direction: str) -> tuple[tuple[str, str, str], ...]:
    return TEXTS[("cluster" if kind in BROKERS else kind, direction)]
