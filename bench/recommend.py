"""Benchmark of the recommendation core: speed, memory and recall on generated participants.

    .venv/bin/python bench/recommend.py            # 600 / 5,000 / 20,000 participants
    .venv/bin/python bench/recommend.py --sizes 600 5000 --recall-size 600
    .venv/bin/python bench/recommend.py --hybrid   # the default backend: encoding, compute

For each size, everyone's top-10 is computed by `recommend()` (blocked sparse top-k) and by a
naive dense baseline (the same score as n x n dense matrices, fully sorted), each in a fresh
subprocess so that peak memory is the process's own maximum resident set. Then recall@10 on
a generated event with planted complementary pairs (a request written to be answered by one
specific offer), for each text backend that is installed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from modus.matchmaking.recommend import (
    OpportunityInput,
    ProfileInput,
    Weights,
    available_backends,
    recommend,
)
from modus.matchmaking.recommend.backends import get_backend
from modus.matchmaking.recommend.features import compile_profiles, neighbour_bits
from modus.matchmaking.recommend.relevance import ANSWERS_PER_REQUEST, SIMILAR_PROFILES
from modus.matchmaking.recommend.scoring import _known_pairs
from modus.matchmaking.recommend.taxonomy import ECOSYSTEM_NAMES

# --- a deterministic generator of industrial profiles -------------------------------------

# Per ecosystem: products (how a supplier words it, how a buyer words it, value-chain stage)
# and applications (supplier's wording, buyer's wording).
CATALOGUE: dict[str, tuple[list[tuple[str, str, int]], list[tuple[str, str]]]] = {
    "electronics": (
        [
            ("precision optics", "optical components", 4),
            ("printed circuit boards", "PCB assembly", 4),
            ("MEMS sensors", "miniature sensing elements", 4),
            ("power semiconductors", "power electronic modules", 4),
            ("embedded firmware", "microcontroller software", 2),
            ("EMC testing", "electromagnetic compatibility tests", 7),
        ],
        [
            ("laser systems", "laser machines"),
            ("industrial automation", "factory automation lines"),
            ("medical devices", "medical equipment"),
            ("satellite payloads", "space hardware"),
            ("smart metering", "smart meters"),
        ],
    ),
    "aerospace-defence": (
        [
            ("titanium machined parts", "machined titanium components", 4),
            ("composite airframe structures", "carbon composite structures", 4),
            ("avionics integration", "integrating avionics", 5),
            ("non-destructive testing", "NDT inspection", 7),
            ("UAV flight control", "drone autopilot", 2),
            ("radar signal processing", "radar processing algorithms", 1),
        ],
        [
            ("regional aircraft", "commuter airplanes"),
            ("unmanned aerial vehicles", "drones"),
            ("satellite constellations", "small satellites"),
            ("border surveillance", "perimeter surveillance"),
            ("helicopter maintenance", "rotorcraft servicing"),
        ],
    ),
    "agri-food": (
        [
            ("cold-pressed rapeseed oil", "rapeseed oil", 3),
            ("precision irrigation controllers", "irrigation control", 4),
            ("food-grade packaging film", "food packaging foil", 3),
            ("hop extracts", "hop extract ingredients", 3),
            ("dairy process lines", "dairy processing equipment", 5),
            ("food safety laboratory testing", "food safety analyses", 7),
        ],
        [
            ("craft breweries", "microbreweries"),
            ("organic bakeries", "organic bakery production"),
            ("vertical farming", "indoor farms"),
            ("cheese production", "cheesemaking"),
            ("ready meals", "prepared meals"),
        ],
    ),
    "construction": (
        [
            ("cross-laminated timber panels", "CLT timber elements", 4),
            ("prefabricated facade modules", "prefab facades", 5),
            ("low-carbon concrete", "green concrete mixes", 3),
            ("BIM coordination", "building information modelling", 2),
            ("heat pump installation", "installing heat pumps", 7),
            ("recycled aggregates", "aggregate recycling", 8),
        ],
        [
            ("passive houses", "passive buildings"),
            ("school renovation", "renovating schools"),
            ("bridge construction", "bridges"),
            ("social housing", "affordable housing"),
            ("industrial halls", "warehouse buildings"),
        ],
    ),
    "cultural-creative": (
        [
            ("3D animation", "animated 3D content", 2),
            ("glass design", "designer glassware", 2),
            ("video game development", "game studio services", 2),
            ("exhibition design", "designing exhibitions", 2),
            ("sound production", "audio post-production", 7),
            ("brand identity design", "branding", 2),
        ],
        [
            ("museum visitors", "museums"),
            ("e-learning courses", "online learning"),
            ("trade fair stands", "exhibition booths"),
            ("heritage sites", "cultural heritage"),
            ("mobile apps", "smartphone applications"),
        ],
    ),
    "digital": (
        [
            ("computer vision software", "image recognition", 2),
            ("cybersecurity audits", "security penetration testing", 7),
            ("cloud data platforms", "cloud data infrastructure", 5),
            ("digital twin models", "digital twins", 2),
            ("edge AI modules", "on-device machine learning", 4),
            ("ERP implementation", "implementing enterprise resource planning", 7),
        ],
        [
            ("quality inspection", "visual quality control"),
            ("predictive maintenance", "maintenance prediction"),
            ("smart factories", "industry 4.0 plants"),
            ("hospital IT", "healthcare IT systems"),
            ("logistics tracking", "shipment tracking"),
        ],
    ),
    "energy-intensive": (
        [
            ("specialty steel alloys", "steel alloy grades", 3),
            ("refractory ceramics", "refractory linings", 3),
            ("industrial waste heat recovery", "recovering waste heat", 5),
            ("hydrogen-ready burners", "burners for hydrogen", 4),
            ("polymer compounding", "compounded plastics", 3),
            ("glass batch recycling", "cullet recycling", 8),
        ],
        [
            ("glass furnaces", "glass melting furnaces"),
            ("steel mills", "steelworks"),
            ("cement kilns", "cement plants"),
            ("chemical reactors", "chemical plants"),
            ("paper mills", "pulp and paper production"),
        ],
    ),
    "renewables": (
        [
            ("photovoltaic inverters", "solar inverters", 4),
            ("lithium battery storage", "battery energy storage", 5),
            ("wind turbine blade repair", "repairing wind blades", 7),
            ("biogas upgrading units", "biomethane upgrading", 5),
            ("electrolyser stacks", "electrolysers for hydrogen", 4),
            ("energy community software", "software for energy communities", 2),
        ],
        [
            ("rooftop solar plants", "rooftop photovoltaics"),
            ("wind farms", "wind parks"),
            ("agricultural biogas", "farm biogas plants"),
            ("green hydrogen", "renewable hydrogen production"),
            ("municipal energy", "town energy supply"),
        ],
    ),
    "health": (
        [
            ("orthopaedic implants", "bone implants", 4),
            ("clinical trial management", "managing clinical trials", 7),
            ("diagnostic immunoassays", "immunoassay diagnostics", 1),
            ("telemedicine platforms", "remote patient monitoring", 5),
            ("sterilisation services", "sterilising instruments", 7),
            ("biomaterial scaffolds", "tissue scaffolds", 1),
        ],
        [
            ("elderly care", "care homes"),
            ("cancer diagnostics", "oncology diagnosis"),
            ("rehabilitation clinics", "rehab centres"),
            ("dental practices", "dentistry"),
            ("hospital wards", "hospitals"),
        ],
    ),
    "mobility-transport-automotive": (
        [
            ("die-cast aluminium housings", "aluminium castings", 4),
            ("EV charging stations", "electric vehicle chargers", 5),
            ("wire harnesses", "cable harness assemblies", 4),
            ("rail vehicle interiors", "train interior fittings", 5),
            ("fleet telematics", "vehicle tracking telematics", 7),
            ("battery recycling", "recycling traction batteries", 8),
        ],
        [
            ("electric buses", "e-buses"),
            ("passenger cars", "cars"),
            ("tram manufacturing", "trams"),
            ("last-mile delivery", "urban deliveries"),
            ("agricultural tractors", "tractors"),
        ],
    ),
    "proximity-social-economy": (
        [
            ("sheltered workshop assembly", "assembly by sheltered workshops", 5),
            ("community energy cooperatives", "energy cooperatives", 7),
            ("civil protection drones", "drones for civil protection", 4),
            ("repair cafe networks", "repair networks", 8),
            ("social enterprise incubation", "incubating social enterprises", 7),
            ("flood warning sensors", "flood monitoring", 4),
        ],
        [
            ("rural municipalities", "villages"),
            ("disaster response", "emergency response"),
            ("inclusive employment", "employment of disabled people"),
            ("circular economy", "reuse and repair"),
            ("local food chains", "short supply chains"),
        ],
    ),
    "retail": (
        [
            ("e-commerce fulfilment", "order fulfilment", 6),
            ("self-checkout kiosks", "self-service checkouts", 5),
            ("retail analytics", "shopper analytics", 2),
            ("RFID tagging", "RFID labels", 4),
            ("last-mile parcel lockers", "parcel lockers", 6),
            ("shop fitting", "store furniture", 4),
        ],
        [
            ("fashion stores", "clothing shops"),
            ("grocery chains", "supermarkets"),
            ("online marketplaces", "e-shops"),
            ("pharmacies", "drugstores"),
            ("shopping centres", "malls"),
        ],
    ),
    "textile": (
        [
            ("technical nonwovens", "nonwoven fabrics", 3),
            ("smart textiles with sensors", "sensor-equipped textiles", 4),
            ("recycled polyester yarn", "recycled yarns", 3),
            ("protective workwear", "personal protective clothing", 5),
            ("digital textile printing", "printing on fabrics", 5),
            ("textile waste sorting", "sorting used textiles", 8),
        ],
        [
            ("firefighter clothing", "firefighting garments"),
            ("automotive seats", "car seating"),
            ("medical textiles", "hospital textiles"),
            ("outdoor apparel", "outdoor clothing"),
            ("furniture upholstery", "upholstered furniture"),
        ],
    ),
    "tourism": (
        [
            ("spa wellness programmes", "wellness packages", 7),
            ("booking engine software", "online booking systems", 2),
            ("guided industrial heritage tours", "industrial heritage tourism", 7),
            ("congress organisation", "organising conferences", 7),
            ("cycling route development", "bike trails", 2),
            ("hotel energy retrofits", "energy upgrades for hotels", 7),
        ],
        [
            ("mountain resorts", "ski resorts"),
            ("spa towns", "thermal spas"),
            ("business travellers", "corporate travel"),
            ("regional destinations", "tourist regions"),
            ("river cruises", "cruise boats"),
        ],
    ),
}
ECOSYSTEMS = sorted(CATALOGUE)
# (supplier's wording, buyer's wording)
QUALIFIERS = [
    ("high-precision", "precise"),
    ("lightweight", "light"),
    ("certified", "certification-ready"),
    ("custom", "customised"),
    ("low-cost", "affordable"),
    ("energy-efficient", "low-energy"),
    ("modular", "modular"),
    ("automated", "automation-ready"),
    ("recycled", "recyclable"),
    ("rugged", "robust"),
]
VERBS = ["manufacture", "develop", "design", "supply", "deliver", "engineer", "produce"]
FILLERS = [
    "ISO 9001 certified, small series and volume production.",
    "Experience from Horizon Europe projects and regional innovation vouchers.",
    "Delivery across Central and Eastern Europe within two weeks.",
    "Our team of 40 engineers works closely with universities.",
    "We serve customers in Germany, Austria and the Nordic countries.",
    "Pilot testing possible in our demonstration centre.",
    "Family-owned company founded in 1992.",
    "Spin-off of a technical university with patented know-how.",
    "Member of the national cluster association.",
    "Open to joint ventures and licensing.",
]
COUNTRIES = [
    "CZ",
    "CZ",
    "CZ",
    "CZ",
    "CZ",
    "CZ",
    "SK",
    "SK",
    "PL",
    "PL",
    "DE",
    "DE",
    "AT",
    "HU",
    "SI",
    "HR",
    "RO",
    "BG",
    "LT",
    "LV",
    "EE",
    "FI",
    "SE",
    "DK",
    "NO",
    "NL",
    "BE",
    "LU",
    "FR",
    "ES",
    "PT",
    "IT",
    "GR",
    "CY",
    "MT",
    "IE",
    "GB",
    "CH",
    "RS",
    "UA",
    "TR",
    "IS",
]
KINDS = (
    ["company"] * 12
    + ["cluster"] * 3
    + ["research"] * 2
    + [
        "public-authority",
        "association",
        "investor",
        "other",
    ]
)
KIND_WORDS = {
    "company": "Manufacturer",
    "cluster": "Cluster organisation",
    "research": "Research institute",
    "public-authority": "Regional development agency",
    "association": "Industry association",
    "investor": "Venture fund",
    "other": "Consultancy",
}
OPPORTUNITY_KIND = {1: "expertise", 2: "service", 7: "service", 8: "service"}


@dataclass(frozen=True)
class Topic:
    ecosystem: str
    product: int
    qualifier: int
    application: int


def _opportunity(identifier: int, direction: str, topic: Topic, rng) -> OpportunityInput:
    products, applications = CATALOGUE[topic.ecosystem]
    supplier_product, buyer_product, stage = products[topic.product]
    supplier_use, buyer_use = applications[topic.application]
    supplier_quality, buyer_quality = QUALIFIERS[topic.qualifier]
    filler = FILLERS[rng.integers(len(FILLERS))]
    if direction == "offer":
        title = f"{supplier_quality} {supplier_product} for {supplier_use}"
        verb = VERBS[rng.integers(len(VERBS))]
        description = (
            f"We {verb} {supplier_quality} {supplier_product} for {supplier_use}. {filler}"
        )
    else:
        title = f"{buyer_product} supplier for {buyer_use}"
        description = (
            f"Looking for {buyer_quality} {buyer_product} to use in {buyer_use}. "
            f"{FILLERS[rng.integers(len(FILLERS))]}"
        )
        stage = min(stage + 1, 8)
    return OpportunityInput(
        id=identifier,
        direction=direction,
        kind=OPPORTUNITY_KIND.get(stage, "product"),
        title=title,
        description=description,
        ecosystems=frozenset({topic.ecosystem}),
        stage=stage,
    )


def _random_topic(rng, ecosystem: str) -> Topic:
    products, applications = CATALOGUE[ecosystem]
    return Topic(
        ecosystem,
        int(rng.integers(len(products))),
        int(rng.integers(len(QUALIFIERS))),
        int(rng.integers(len(applications))),
    )


def generate(
    n: int, seed: int = 7, planted: int = 0
) -> tuple[list[ProfileInput], list[tuple[int, int]]]:
    """`n` participants with 3 opportunities each; the first 2*`planted` form planted pairs.

    Planted pair i: participant 2i has a request whose topic (product, qualifier,
    application) no other opportunity has, and participant 2i+1 the offer answering it.
    Returns the profiles and the (requester, offerer) planted pairs.
    """
    rng = np.random.default_rng(seed)
    all_topics = [
        Topic(e, p, q, a)
        for e in ECOSYSTEMS
        for p in range(len(CATALOGUE[e][0]))
        for q in range(len(QUALIFIERS))
        for a in range(len(CATALOGUE[e][1]))
    ]
    chosen = rng.choice(len(all_topics), size=planted, replace=False) if planted else []
    reserved = {all_topics[i] for i in chosen}
    planted_topic = {}
    for i, topic_index in enumerate(chosen):
        planted_topic[2 * i] = ("request", all_topics[topic_index])
        planted_topic[2 * i + 1] = ("offer", all_topics[topic_index])

    profiles = []
    next_opportunity = 0
    for participant in range(n):
        primary = ECOSYSTEMS[rng.integers(len(ECOSYSTEMS))]
        ecosystems = {primary}
        if rng.random() < 0.3:
            ecosystems.add(ECOSYSTEMS[rng.integers(len(ECOSYSTEMS))])
        opportunities = []
        if participant in planted_topic:
            direction, topic = planted_topic[participant]
            opportunities.append(_opportunity(next_opportunity, direction, topic, rng))
            next_opportunity += 1
        while len(opportunities) < 3:
            topic = _random_topic(rng, sorted(ecosystems)[rng.integers(len(ecosystems))])
            if topic in reserved:
                continue
            direction = "offer" if rng.random() < 0.5 else "request"
            opportunities.append(_opportunity(next_opportunity, direction, topic, rng))
            next_opportunity += 1
        kind = KINDS[rng.integers(len(KINDS))]
        country = COUNTRIES[rng.integers(len(COUNTRIES))]
        products = CATALOGUE[primary][0]
        focus = products[rng.integers(len(products))][0]
        profile_text = (
            f"{KIND_WORDS[kind]} in {ECOSYSTEM_NAMES[primary]} working on {focus}. "
            f"{FILLERS[rng.integers(len(FILLERS))]}"
        )
        profiles.append(
            ProfileInput(
                id=participant,
                organisation_id=(
                    f"pair-{participant // 2}"
                    if participant >= 2 * planted
                    else f"planted-{participant}"
                ),
                country=country,
                organisation_kind=kind,
                ecosystems=frozenset(ecosystems),
                stages=frozenset(o.stage for o in opportunities if o.stage and rng.random() < 0.5),
                profile_text=profile_text,
                opportunities=tuple(opportunities),
            )
        )
    pairs = [(2 * i, 2 * i + 1) for i in range(planted)]
    return profiles, pairs


def bench_inputs(n: int):
    """Profiles, exclusions, pending counts and dismissals of a generated event of size n."""
    profiles, _ = generate(n, seed=n)
    rng = np.random.default_rng(n + 1)
    exclusions = [tuple(int(x) for x in rng.integers(n, size=2)) for _ in range(n)]
    pending = {i: int(c) for i, c in enumerate(rng.poisson(2.0, size=n))}
    dismissals = [tuple(int(x) for x in rng.integers(n, size=2)) for _ in range(n // 10)]
    return profiles, exclusions, pending, dismissals


# --- the naive dense baseline ---------------------------------------------------------------


def naive_top_k(profiles, exclusions, pending, dismissals, k=10):
    """The same score, written the obvious way: dense matrices, then a full sort per row.

    Dense request x offer similarities (each request's best answers), the answers summed to
    people by matrix products and the near misses' best taken per pair; dense profile
    similarities (each one's most similar); structure as n x n arrays; masks; argsort.
    Dismissals hide but teach nothing here. Returns each viewer's top-k other positions and
    their scores.
    """
    backend = get_backend("tfidf")
    compiled = compile_profiles(profiles, backend, pending)
    weights, floor, n = Weights(), backend.noise_floor, compiled.size
    vectors = compiled.opportunity_vectors.toarray()
    requests = np.concatenate(compiled.requests_of)
    offers = np.concatenate(compiled.offers_of)
    similarity = vectors[requests] @ vectors[offers].T
    # Each request counts its ANSWERS_PER_REQUEST best offers (ties: lower offer first).
    rank = np.argsort(np.argsort(-similarity, axis=1, kind="stable"), axis=1, kind="stable")
    similarity[rank >= ANSWERS_PER_REQUEST] = 0.0
    relevance = weights.complementary * weights.relevance(similarity, floor)
    # Answers add up; of two people's near misses (below the answer level), both ways, only
    # the best counts.
    near = np.where(similarity < backend.answer_level, relevance, 0.0)
    relevance -= near
    request_owner = np.repeat(np.arange(n), [len(r) for r in compiled.requests_of])
    offer_owner = np.repeat(np.arange(n), [len(o) for o in compiled.offers_of])
    row, column = np.nonzero(near)
    best_near = np.zeros((n, n))
    np.maximum.at(best_near, (request_owner[row], offer_owner[column]), near[row, column])
    owns_request = np.zeros((n, len(requests)))
    owns_request[
        np.repeat(np.arange(n), [len(r) for r in compiled.requests_of]), range(len(requests))
    ] = 1
    owns_offer = np.zeros((n, len(offers)))
    owns_offer[
        np.repeat(np.arange(n), [len(o) for o in compiled.offers_of]), range(len(offers))
    ] = 1
    answered = owns_request @ relevance @ owns_offer.T
    scores = answered + answered.T + np.maximum(best_near, best_near.T)
    profile = compiled.profile_vectors.toarray()
    similarity = profile @ profile.T
    np.fill_diagonal(similarity, 0.0)
    rank = np.argsort(np.argsort(-similarity, axis=1, kind="stable"), axis=1, kind="stable")
    similarity[rank >= SIMILAR_PROFILES] = 0.0
    scores += weights.similar_profile * weights.relevance(similarity, floor)
    bits = np.arange(14)
    ecosystems = ((compiled.ecosystem_bits[:, None] >> bits) & 1).astype(np.float64)
    scores += weights.same_ecosystem * (ecosystems @ ecosystems.T)
    scores += weights.cross_border * (compiled.country[:, None] != compiled.country[None, :])
    adjacent = (neighbour_bits(compiled.stage_bits)[:, None] & compiled.stage_bits[None, :]) != 0
    scores += weights.value_chain * adjacent
    scores -= weights.penalty(compiled.pending_requests)[None, :]
    scores[compiled.organisation[:, None] == compiled.organisation[None, :]] = -np.inf
    for pairs, both_ways in ((exclusions, True), (dismissals, False)):
        hidden = _known_pairs(pairs, compiled.position)
        scores[hidden[:, 0], hidden[:, 1]] = -np.inf
        if both_ways:
            scores[hidden[:, 1], hidden[:, 0]] = -np.inf
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    values = np.take_along_axis(scores, order, axis=1)
    return order, np.where(np.isfinite(values), values, np.nan)


def naive_bytes(n: int) -> float:
    """About what the baseline holds at its peak: request x offer and five n x n arrays."""
    return (1.5 * n) ** 2 * 8 * 3 + 5 * n * n * 8


def warm_up() -> None:
    """What a server has done once before its first recomputation: import scikit-learn and
    load the lemmatiser's Czech and English dictionaries (about 1-2 s together here)."""
    from modus.matchmaking.recommend.tfidf import fold

    get_backend("tfidf")
    fold("warming")


def worker(method: str, n: int) -> dict:
    """Run one method on one size in this process; what a cell of the table needs."""
    profiles, exclusions, pending, dismissals = bench_inputs(n)
    warm_up()
    start = time.perf_counter()
    if method == "ours":
        result = recommend(
            profiles, k=10, exclusions=exclusions, pending_requests=pending, dismissals=dismissals
        )
        seconds = time.perf_counter() - start
        top = {v: [r.other_id for r in recs] for v, recs in result.items()}
        scores = {v: [round(r.score, 6) for r in recs] for v, recs in result.items()}
    else:
        order, values = naive_top_k(profiles, exclusions, pending, dismissals)
        seconds = time.perf_counter() - start
        ids = sorted(p.id for p in profiles)
        top = {ids[v]: [ids[c] for c in row] for v, row in enumerate(order.tolist())}
        scores = {ids[v]: [round(x, 6) for x in row] for v, row in enumerate(values.tolist())}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "peak_mb": peak_mb,
        "top": {str(v): t for v, t in top.items()},
        "scores": {str(v): t for v, t in scores.items()},
        "learnt": sorted({str(a) for a, _ in dismissals}),
    }


def hybrid_worker(n: int) -> dict:
    """The default backend on one size: cold encoding of the distinct texts, then the
    computation with every encoding stored (what a recomputation after an edit costs)."""
    from modus.matchmaking.recommend.multilingual import FileStore, readable_text

    profiles, exclusions, pending, dismissals = bench_inputs(n)
    warm_up()
    store = FileStore(Path(tempfile.gettempdir()) / f"modus-bench-recommend-{n}.npz")
    backend = get_backend("hybrid", store=store)
    # As the backend reads them (see spelling), so that all encoding is timed here.
    written = {o.text.strip() for p in profiles for o in p.opportunities}
    written |= {p.profile_text.strip() for p in profiles}
    texts = sorted({readable_text(text)[0] for text in written - {""}})
    start = time.perf_counter()
    backend.dense.raw(texts)
    encoding = time.perf_counter() - start
    encoded = backend.encoded
    start = time.perf_counter()
    recommend(
        profiles,
        k=10,
        exclusions=exclusions,
        pending_requests=pending,
        dismissals=dismissals,
        backend=backend,
    )
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "texts": len(texts),
        "encoded": encoded,
        "encoding": encoding,
    }


def run_worker(method: str, n: int) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--worker", method, str(n)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- recall on planted pairs ----------------------------------------------------------------


def recall_at_10(backend: str, n: int, planted: int) -> tuple[float, float]:
    profiles, pairs = generate(n, seed=11, planted=planted)
    start = time.perf_counter()
    result = recommend(profiles, k=10, backend=backend, viewer_ids=[a for a, _ in pairs])
    seconds = time.perf_counter() - start
    hits = sum(b in {r.other_id for r in result[a]} for a, b in pairs)
    return hits / len(pairs), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[600, 5000, 20000])
    parser.add_argument("--naive-limit-gb", type=float, default=4.0)
    parser.add_argument("--recall-size", type=int, default=600)
    parser.add_argument("--planted", type=int, default=100)
    parser.add_argument(
        "--hybrid",
        action="store_true",
        help="time the default (hybrid) backend instead; encodings are kept in the temp dir",
    )
    parser.add_argument("--worker", nargs=2, metavar=("METHOD", "N"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        method, n = arguments.worker[0], int(arguments.worker[1])
        print(json.dumps(hybrid_worker(n) if method == "hybrid" else worker(method, n)))
        return
    if arguments.hybrid:
        hybrid_table(arguments.sizes)
        return

    print("Everyone's top-10 with TF-IDF, 3 opportunities each; a fresh process per cell;")
    print("peak = the process's maximum resident memory, inputs and libraries included;")
    print("same = share of viewers (who dismissed no one) whose top-10 scores equal the naive")
    print("exact ones to 6 decimals (ids may differ only between equal scores)")
    header = (
        f"{'participants':>12} | {'ours s':>7} | {'ours peak MB':>12} | "
        f"{'naive s':>8} | {'naive peak MB':>13} | {'time ratio':>10} | {'memory ratio':>12} | "
        f"{'same':>9}"
    )
    print(header)
    print("-" * len(header))
    for n in arguments.sizes:
        ours = run_worker("ours", n)
        need = naive_bytes(n) / 1e9
        if need <= arguments.naive_limit_gb:
            naive = run_worker("naive", n)
            # Viewers who dismissed someone are left out: the baseline does not learn.
            compared = [v for v in ours["top"] if v not in set(ours["learnt"])]
            same = np.mean(
                [
                    ours["scores"][v] == naive["scores"][v][: len(ours["scores"][v])]
                    for v in compared
                ]
            )
            cells = (
                f"{naive['seconds']:>8.2f} | {naive['peak_mb']:>13.0f} | "
                f"{naive['seconds'] / ours['seconds']:>9.1f}x | "
                f"{naive['peak_mb'] / ours['peak_mb']:>11.1f}x | {same:>9.1%}"
            )
        else:
            cells = f"skipped: dense needs ~{need:.0f} GB > {arguments.naive_limit_gb:g} GB limit"
        print(f"{n:>12,} | {ours['seconds']:>7.2f} | {ours['peak_mb']:>12.0f} | {cells}")

    print()
    print(
        f"Recall@10 on planted complementary pairs ({arguments.recall_size} participants, "
        f"{arguments.planted} planted requests)"
    )
    installed = available_backends()
    for backend in ("tfidf", "embedding"):
        if backend not in installed:
            print(f"{backend:>10}: not installed")
            continue
        recall, seconds = recall_at_10(backend, arguments.recall_size, arguments.planted)
        print(f"{backend:>10}: recall@10 = {recall:.2f}  ({seconds:.1f} s)")


def hybrid_table(sizes: list[int]) -> None:
    print("Everyone's top-10 with the default hybrid backend (multilingual embeddings + TF-IDF);")
    print("encoding = texts not yet stored, encoded now (all of them on the first run: cold);")
    print("compute = recommend() with every encoding stored; ratio = compute / TF-IDF alone")
    header = (
        f"{'participants':>12} | {'texts':>7} | {'encoded':>7} | {'encoding s':>10} | "
        f"{'compute s':>9} | {'peak MB':>8} | {'tfidf s':>7} | {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    for n in sizes:
        hybrid = run_worker("hybrid", n)
        tfidf = run_worker("ours", n)
        print(
            f"{n:>12,} | {hybrid['texts']:>7,} | {hybrid['encoded']:>7,} | "
            f"{hybrid['encoding']:>10.1f} | {hybrid['seconds']:>9.2f} | "
            f"{hybrid['peak_mb']:>8.0f} | {tfidf['seconds']:>7.2f} | "
            f"{hybrid['seconds'] / tfidf['seconds']:>5.1f}x"
        )


if __name__ == "__main__":
    main()
