"""Text banks for the demo event: what organisations in each industrial ecosystem do, offer
and look for.
"""

from dataclasses import dataclass

KINDS = ("product", "service", "technology", "partnership", "project", "investment", "expertise")
STAGES = (
    "research",
    "design",
    "materials",
    "components",
    "integration",
    "distribution",
    "services",
    "end-use",
)


@dataclass(frozen=True)
class OpportunityText:
    kind: str  # one of KINDS
    title: str  # <= 90 chars, specific
    description: str  # 1-2 sentences, <= 300 chars, concrete
    stage: str  # value-chain stage code, one of STAGES


@dataclass(frozen=True)
class EcosystemVocabulary:
    name_words: tuple[str, ...]  # words/short stems for made-up company names in this field
    activities: tuple[str, ...]  # verb phrases completing "The company ..."
    research_topics: tuple[str, ...]  # phrases completing "The institute researches ..."
    offers: tuple[OpportunityText, ...]
    requests: tuple[OpportunityText, ...]


_O = OpportunityText


# ---------- aerospace-defence ----------

_AEROSPACE_DEFENCE = EcosystemVocabulary(
    name_words=(
        "Aero",
        "Avio",
        "Orbit",
        "Astra",
        "Wing",
        "Falcon",
        "Sky",
        "Stratos",
        "Nimbus",
        "Kosmos",
        "Vector",
        "Aegis",
        "Rotor",
        "Jet",
    ),
    activities=(
        "machines thin-walled titanium and aluminium parts for aircraft structures",
        "builds composite fairings and interior panels for regional aircraft",
        "develops onboard software for small satellites and cubesats",
        "repairs and overhauls landing-gear components under EASA Part 145 approval",
        "designs fixed-wing drones for pipeline and power-line inspection",
        "supplies wire harnesses and connectors for avionics bays",
        "runs non-destructive testing of aerostructures with ultrasound and X-ray CT",
        "integrates ground stations for earth-observation missions",
        "produces ruggedised electronic enclosures for defence vehicles",
        "certifies and tests equipment to DO-160 and MIL-STD-810 environmental standards",
        "offers engineering services for cabin retrofits and supplemental type certificates",
    ),
    research_topics=(
        "out-of-autoclave curing of thermoplastic composites",
        "hydrogen propulsion for short-haul aircraft",
        "radiation-tolerant electronics for low-earth-orbit payloads",
        "structural health monitoring with embedded fibre-optic sensors",
        "additive manufacturing of nickel superalloy turbine parts",
        "detect-and-avoid algorithms for unmanned aircraft in shared airspace",
        "counter-drone detection using passive radio-frequency sensing",
    ),
    offers=(
        _O(
            "product",
            "5-axis machined titanium brackets for airframe assemblies",
            "AS9100-certified machine shop with 14 five-axis centres; batches of 50 to 5,000 "
            "Ti-6Al-4V and 7075 aluminium parts with full first-article inspection reports.",
            "components",
        ),
        _O(
            "service",
            "EASA Part 145 maintenance of landing gear and hydraulic actuators",
            "Overhaul, repair and testing of landing gear for ATR, Dash 8 and business jets, with "
            "turnaround under 45 days and exchange units available from stock in Central Europe.",
            "services",
        ),
        _O(
            "technology",
            "Thermoplastic composite welding for aircraft stiffened panels",
            "Induction welding process at TRL 6 that joins CF/PEKK skins and stringers without "
            "rivets, cutting assembly time by around 40 percent; open to licensing or joint "
            "industrialisation.",
            "materials",
        ),
        _O(
            "product",
            "Cubesat on-board computer with flight heritage",
            "Radiation-tolerant OBC for 1U-12U cubesats, flown on six missions since 2019; "
            "delivered with FreeRTOS drivers, a flatsat for integration and ECSS-based "
            "documentation.",
            "components",
        ),
        _O(
            "service",
            "Environmental and EMC testing to DO-160 and MIL-STD-461",
            "Accredited lab with thermal-vacuum, vibration up to 60 kN and a 10 m EMC chamber; "
            "slots usually available within three weeks for SMEs preparing qualification "
            "campaigns.",
            "services",
        ),
        _O(
            "expertise",
            "Certification support for supplemental type certificates (STC)",
            "Team of former authority engineers guides cabin, avionics and antenna modifications "
            "through EASA and FAA STC processes, from certification plan to compliance reports.",
            "design",
        ),
        _O(
            "product",
            "Long-range fixed-wing drone for linear infrastructure inspection",
            "VTOL fixed-wing UAV with 3 h endurance and LiDAR or thermal payloads, operated under "
            "EU SORA approval; available for sale or as data-as-a-service for grid and rail "
            "operators.",
            "end-use",
        ),
        _O(
            "technology",
            "Fibre Bragg grating sensors for structural health monitoring",
            "Embedded optical strain and temperature sensing for composite structures, validated "
            "on a wing-box demonstrator; we are looking for airframers or drone makers for a "
            "flight trial.",
            "research",
        ),
        _O(
            "partnership",
            "Partner for a European Defence Fund call on counter-UAS",
            "Research centre with passive RF detection know-how seeks system integrators and end "
            "users to form a consortium for the next EDF call on protection of critical "
            "infrastructure.",
            "research",
        ),
        _O(
            "service",
            "Metal additive manufacturing of flight-qualified parts",
            "Laser powder-bed fusion in Inconel 718 and Ti64 with HIP, CT scanning and NADCAP "
            "heat treatment; we support topology optimisation to cut part weight by 20-50 "
            "percent.",
            "components",
        ),
        _O(
            "product",
            "Rugged embedded computers for military ground vehicles",
            "Conduction-cooled, MIL-STD-810H qualified mission computers with x86 or ARM boards, "
            "designed and assembled in the EU with ITAR-free supply chain.",
            "integration",
        ),
        _O(
            "expertise",
            "Life-cycle assessment of aircraft components",
            "Consultants with aerospace background calculate carbon footprint and recyclability "
            "of parts and interiors, supporting suppliers asked by OEMs for Scope 3 data.",
            "services",
        ),
        _O(
            "investment",
            "Seed funding for NewSpace start-ups in Central Europe",
            "Space-focused fund investing EUR 250k-1.5m tickets in companies with a flight-ready "
            "product or paying customer, with access to launch brokerage and ESA BIC networks.",
            "end-use",
        ),
        _O(
            "project",
            "Demonstrator of a hydrogen fuel-cell powertrain for a 9-seat aircraft",
            "Ongoing Clean Aviation project offering test slots on its ground rig to suppliers of "
            "cryogenic tanks, power electronics and thermal management components.",
            "integration",
        ),
        _O(
            "service",
            "Ground-station-as-a-service for earth-observation satellites",
            "S- and X-band antennas in two European locations with automated scheduling via API, "
            "priced per pass; suited to constellations of up to 20 satellites.",
            "services",
        ),
    ),
    requests=(
        _O(
            "product",
            "Supplier of titanium fittings for a seat-track retrofit programme",
            "Cabin integrator needs machined Ti brackets and fittings in batches of about 800 per "
            "year, AS9100 mandatory, delivery starting Q2 next year.",
            "components",
        ),
        _O(
            "service",
            "MRO partner to overhaul regional aircraft undercarriages",
            "Airline with 12 turboprops seeks an approved repair station in Europe for scheduled "
            "landing-gear overhauls, ideally with a pool of exchange units.",
            "services",
        ),
        _O(
            "technology",
            "Rivet-free joining method for composite fuselage panels",
            "Tier-1 supplier looking for a joining technology for thermoplastic skins and frames "
            "to reduce drilling and fastener count; joint development or licence considered.",
            "materials",
        ),
        _O(
            "product",
            "Flight computer for a 6U earth-observation cubesat",
            "University start-up needs a space-proven on-board computer with software support for "
            "a launch in 18 months; budget EUR 40-60k.",
            "components",
        ),
        _O(
            "service",
            "Vibration and thermal-vacuum test campaign for a small payload",
            "Team qualifying a hyperspectral camera needs shaker and TVAC testing within two "
            "months, preferably in Central Europe.",
            "services",
        ),
        _O(
            "expertise",
            "Help obtaining an STC for a satellite connectivity antenna",
            "Antenna manufacturer wants a partner experienced in airworthiness certification to "
            "install its flat-panel terminal on A320-family aircraft.",
            "design",
        ),
        _O(
            "service",
            "Drone inspection of 400 km of high-voltage lines",
            "Regional grid operator plans a pilot with beyond-visual-line-of-sight drone surveys "
            "producing LiDAR point clouds and thermal images of conductors and insulators.",
            "end-use",
        ),
        _O(
            "technology",
            "In-flight load monitoring solution for a composite wing",
            "Light-aircraft manufacturer wants to embed strain sensing in its new wing to reduce "
            "inspection intervals; open to a joint research project.",
            "research",
        ),
        _O(
            "product",
            "Lightweight heat exchangers produced by additive manufacturing",
            "Engine sub-contractor needs printed nickel-alloy heat exchangers with complex "
            "internal channels, prototypes first, then low-rate production.",
            "components",
        ),
        _O(
            "expertise",
            "Carbon footprint data for aircraft interior parts",
            "Seat manufacturer must report product carbon footprints to OEM customers and looks "
            "for LCA support covering foams, fabrics and aluminium structures.",
            "services",
        ),
        _O(
            "partnership",
            "End users for a drone-detection pilot at an industrial site",
            "Consortium testing passive RF and radar detection seeks airports, energy plants or "
            "prisons willing to host a six-month field trial.",
            "end-use",
        ),
        _O(
            "investment",
            "Series A investor for an in-orbit servicing start-up",
            "Start-up with a docking mechanism at TRL 5 seeks EUR 6m to finance an in-orbit "
            "demonstration mission in 2026.",
            "research",
        ),
        _O(
            "service",
            "Satellite data downlink capacity for a growing constellation",
            "Operator of eight SAR microsatellites looks for additional X-band ground-station "
            "passes at high latitudes on a pay-per-use basis.",
            "services",
        ),
        _O(
            "product",
            "Sustainable aviation fuel supply for a business-aviation FBO",
            "Fixed-base operator at a Central European airport wants a supplier of SAF blends for "
            "about 1.5 million litres per year.",
            "distribution",
        ),
        _O(
            "partnership",
            "Digital twin partner for predictive maintenance of military trucks",
            "Defence vehicle maker seeks an IT company to build a digital twin of its fleet using "
            "on-board sensor data for predictive maintenance.",
            "services",
        ),
    ),
)

# ---------- agri-food ----------

_AGRI_FOOD = EcosystemVocabulary(
    name_words=(
        "Agro",
        "Farm",
        "Grain",
        "Harvest",
        "Terra",
        "Field",
        "Fresh",
        "Mlyn",
        "Orchard",
        "Dairy",
        "Seed",
        "Verde",
        "Hop",
        "Bio",
    ),
    activities=(
        "processes organic dairy milk into yoghurts and fresh cheeses",
        "grows hops and malting barley on 900 hectares in central Bohemia",
        "develops sensor networks for precision irrigation in orchards",
        "produces plant-based protein ingredients from peas and fava beans",
        "operates a cold-chain logistics platform for fresh produce",
        "brews craft beer and sells spent grain as animal feed",
        "designs compostable packaging for ready meals",
        "offers food safety audits and HACCP training for small processors",
        "breeds drought-tolerant wheat and barley varieties",
        "builds robotic weeding machines for vegetable farms",
        "turns fruit-processing side streams into dietary fibre and pectin",
    ),
    research_topics=(
        "fermentation of legumes for dairy alternatives",
        "soil carbon measurement and verification methods",
        "biological control of pests in greenhouse crops",
        "shelf-life extension with natural antimicrobials",
        "insect protein for aquaculture feed",
        "remote sensing of crop stress with multispectral imaging",
        "reduction of methane emissions from dairy cattle",
    ),
    offers=(
        _O(
            "product",
            "Pea protein isolate for meat and dairy alternatives",
            "80 percent protein isolate from European-grown peas, non-GMO and allergen-friendly, "
            "available in 500 kg big bags; capacity of 3,000 tonnes per year from 2025.",
            "materials",
        ),
        _O(
            "technology",
            "Soil moisture sensor network with irrigation scheduling",
            "LoRaWAN probes and a cloud dashboard that cut water use in orchards and vineyards by "
            "25-35 percent; tested on 60 farms in three countries.",
            "end-use",
        ),
        _O(
            "service",
            "Cold-chain transport of fresh produce across Central Europe",
            "Fleet of 45 temperature-controlled trucks with real-time logging, GDP-compliant "
            "documentation and consolidated loads for small growers.",
            "distribution",
        ),
        _O(
            "product",
            "Upcycled apple fibre from juice pressing residues",
            "Dried and milled apple pomace with 55 percent dietary fibre for bakery, snacks and "
            "meat products, sold with clean-label declaration and a carbon footprint sheet.",
            "materials",
        ),
        _O(
            "expertise",
            "HACCP, IFS and BRCGS certification support for food SMEs",
            "Food technologists prepare documentation, train staff and run pre-audits so that "
            "small processors can pass retailer audits on the first attempt.",
            "services",
        ),
        _O(
            "product",
            "Autonomous weeding robot for row crops",
            "Camera-guided robot removing weeds mechanically in sugar beet, onions and carrots, "
            "covering up to 4 ha per day; available for purchase or seasonal rental.",
            "end-use",
        ),
        _O(
            "technology",
            "Precision fermentation platform for dairy proteins",
            "Yeast strains producing whey proteins at lab scale (TRL 4); seeking industrial "
            "partners to scale to 10,000-litre fermenters and co-develop applications.",
            "research",
        ),
        _O(
            "service",
            "Contract manufacturing of organic baby food in pouches",
            "EU organic-certified plant with spare capacity of 8 million pouches per year, "
            "offering recipe development and private-label production for retailers.",
            "integration",
        ),
        _O(
            "product",
            "Drought-tolerant malting barley seed",
            "Registered variety with stable yields under dry summers and brewing quality approved "
            "by two maltsters; certified seed available for the next sowing season.",
            "materials",
        ),
        _O(
            "partnership",
            "Horizon Europe consortium on regenerative agriculture",
            "Agricultural university coordinating a proposal on carbon farming seeks farm "
            "advisory services, digital MRV providers and food companies as partners.",
            "research",
        ),
        _O(
            "service",
            "Farm-to-school digital ordering platform",
            "Web shop and logistics planning tool that lets schools and canteens buy directly "
            "from local farmers, already used by 120 kitchens in two regions.",
            "distribution",
        ),
        _O(
            "product",
            "Home-compostable trays for ready meals",
            "Moulded fibre trays with a bio-based barrier, ovenable up to 200 degrees C and "
            "certified OK compost HOME; minimum order 50,000 pieces.",
            "components",
        ),
        _O(
            "expertise",
            "Sensory analysis and consumer testing panel",
            "Trained panel of 18 assessors and access to 2,000 consumers for product development, "
            "reformulation with less sugar or salt, and shelf-life studies.",
            "design",
        ),
        _O(
            "investment",
            "Impact fund for agritech and food-waste reduction",
            "Fund investing EUR 500k to 3m in start-ups that cut food waste or emissions, with a "
            "network of farm cooperatives ready to pilot solutions.",
            "end-use",
        ),
        _O(
            "project",
            "Living lab for vertical farming of leafy greens",
            "Regional project operating a 600 m2 vertical farm invites LED, sensor and nutrient "
            "suppliers to test their products under commercial conditions.",
            "integration",
        ),
    ),
    requests=(
        _O(
            "product",
            "Plant protein ingredient for a new vegan burger line",
            "Meat processor diversifying into plant-based products needs a European legume "
            "protein with neutral taste, about 200 tonnes per year.",
            "materials",
        ),
        _O(
            "technology",
            "Smart irrigation for a 120-hectare apple orchard",
            "Fruit grower wants to reduce water consumption and energy costs for pumping, and "
            "looks for soil sensors with automated irrigation control.",
            "end-use",
        ),
        _O(
            "service",
            "Refrigerated distribution for a strawberry cooperative",
            "Cooperative of 30 growers needs chilled transport from packing station to retail "
            "warehouses in Austria and Germany during May-July.",
            "distribution",
        ),
        _O(
            "product",
            "Natural fibre ingredient to replace additives in sausages",
            "Meat processor moving to clean-label recipes seeks plant fibres with good water "
            "binding from sustainable sources.",
            "materials",
        ),
        _O(
            "expertise",
            "Consultant to prepare a small dairy for IFS Food certification",
            "Family dairy entering supermarket chains needs help with documentation, staff "
            "training and a pre-audit within six months.",
            "services",
        ),
        _O(
            "product",
            "Mechanical weed control for an organic vegetable farm",
            "Organic farm with 80 ha of onions and carrots struggles with hand-weeding costs and "
            "seeks a robotic solution to rent or buy.",
            "end-use",
        ),
        _O(
            "partnership",
            "Industrial partner to scale animal-free milk proteins",
            "Dairy company wants to co-develop fermentation-derived proteins for cheese and seeks "
            "a technology provider with proven strains.",
            "research",
        ),
        _O(
            "service",
            "Private-label producer of organic fruit purees",
            "Retail chain launching an own organic baby range needs a certified co-packer able to "
            "fill spouted pouches.",
            "integration",
        ),
        _O(
            "product",
            "Barley variety resilient to dry summers",
            "Malting cooperative wants to trial climate-resilient barley on 200 ha with member "
            "farmers next season.",
            "materials",
        ),
        _O(
            "product",
            "Plastic-free packaging for chilled meals",
            "Ready-meal producer supplying 40,000 portions per week wants to replace PP trays "
            "with fibre-based trays that can be heated in an oven.",
            "components",
        ),
        _O(
            "service",
            "Traceability software for a honey and bee-products SME",
            "Beekeeping cooperative needs a simple batch-tracking and labelling tool, with QR "
            "codes for consumers, integrated with its accounting software.",
            "services",
        ),
        _O(
            "partnership",
            "Farms to pilot a carbon-farming certification scheme",
            "Project developer seeks 20 arable farms willing to test soil sampling, remote "
            "sensing and carbon credit contracts for three years.",
            "end-use",
        ),
        _O(
            "technology",
            "Machine vision for grading cherries by size and defects",
            "Packing station looks for an optical sorting system or a research partner to adapt "
            "an existing one to soft stone fruit.",
            "integration",
        ),
        _O(
            "investment",
            "Growth capital for an insect-protein plant",
            "Company producing black soldier fly larvae on brewery side streams seeks EUR 4m to "
            "build a 5,000 t/year facility.",
            "materials",
        ),
        _O(
            "service",
            "Energy audit of a fruit-processing plant",
            "Juice producer facing high gas prices wants an audit of steam, cooling and "
            "compressed air systems with heat-pump and heat-recovery options.",
            "services",
        ),
    ),
)

# ---------- construction ----------

_CONSTRUCTION = EcosystemVocabulary(
    name_words=(
        "Stav",
        "Build",
        "Beton",
        "Timber",
        "Brick",
        "Struktura",
        "Habitat",
        "Arch",
        "Modul",
        "Domus",
        "Facade",
        "Stone",
        "Frame",
        "Geo",
    ),
    activities=(
        "prefabricates cross-laminated timber wall and floor elements",
        "renovates panel apartment blocks to near-zero energy standard",
        "produces low-clinker cement and recycled-aggregate concrete",
        "develops BIM software plug-ins for quantity take-off",
        "installs ventilated facades with integrated photovoltaics",
        "manufactures mineral-wool and wood-fibre insulation boards",
        "surveys buildings with laser scanning and drones",
        "recycles construction and demolition waste into secondary aggregates",
        "designs modular classrooms and healthcare units",
        "tests building materials for fire resistance and acoustics",
        "manages public infrastructure projects as owner's engineer",
    ),
    research_topics=(
        "carbonation curing of concrete with captured CO2",
        "hemp-lime and straw-based building materials",
        "digital twins for building operation and maintenance",
        "3D printing of concrete and earthen structures",
        "circular design and disassembly of building components",
        "moisture behaviour of timber in high-rise construction",
    ),
    offers=(
        _O(
            "product",
            "Cross-laminated timber panels for multi-storey buildings",
            "CLT elements up to 16 m long produced from PEFC spruce, delivered with CNC-cut "
            "openings and installation planning; capacity of 60,000 m3 per year.",
            "components",
        ),
        _O(
            "service",
            "Deep energy renovation of prefabricated apartment blocks",
            "Turnkey retrofit with prefabricated facade modules, heat pumps and PV, reducing "
            "energy demand by 70 percent while residents remain in their flats.",
            "end-use",
        ),
        _O(
            "product",
            "Concrete with 50 percent lower embodied carbon",
            "Ready-mix recipes using calcined clay and recycled aggregates, with EPDs and "
            "strength classes up to C40/50; supplied within 60 km of our three plants.",
            "materials",
        ),
        _O(
            "technology",
            "BIM plug-in for automated quantity take-off and cost estimation",
            "Add-on for common BIM authoring tools that extracts quantities from IFC models and "
            "links them to national price databases; free trial licences for cluster members.",
            "design",
        ),
        _O(
            "service",
            "3D laser scanning and scan-to-BIM of existing buildings",
            "Point-cloud surveys of heritage buildings, factories and bridges, delivered as LOD "
            "300 models within two weeks; drone photogrammetry for roofs and facades.",
            "design",
        ),
        _O(
            "product",
            "Wood-fibre insulation boards for external walls",
            "Breathable insulation with lambda 0.038 W/mK, produced from sawmill residues, "
            "suitable for ETICS and timber frames; CE marked and certified for passive houses.",
            "materials",
        ),
        _O(
            "service",
            "Fire and acoustic testing of facade and partition systems",
            "Accredited lab for EN 13501 reaction-to-fire and sound insulation tests, with "
            "support for CE marking and European Technical Assessments.",
            "services",
        ),
        _O(
            "product",
            "Building-integrated photovoltaic facade panels",
            "Coloured glass-glass BIPV modules in custom sizes that replace conventional "
            "cladding; ventilated facade substructure and structural calculations included.",
            "components",
        ),
        _O(
            "technology",
            "Recycling line turning demolition waste into certified aggregates",
            "Mobile crushing and sorting with optical separation of gypsum and wood, producing "
            "aggregates compliant with EN 12620 for new concrete.",
            "materials",
        ),
        _O(
            "expertise",
            "Circular design and material passports for new buildings",
            "Architects and engineers who plan buildings for disassembly and document materials "
            "in digital passports, meeting EU Taxonomy criteria.",
            "design",
        ),
        _O(
            "product",
            "Modular healthcare and school units",
            "Steel-frame modules fitted out in the factory, installed on site within 10 days; "
            "used for clinics, classrooms and refugee housing.",
            "integration",
        ),
        _O(
            "partnership",
            "Partners for a pilot of 3D-printed social housing",
            "Research institute with a gantry concrete printer seeks a municipality, a contractor "
            "and an architect to build a two-storey demonstration house.",
            "research",
        ),
        _O(
            "service",
            "Owner's engineer for municipal infrastructure",
            "Project management, tender documentation and site supervision for roads, bridges and "
            "water networks, including green public procurement criteria.",
            "services",
        ),
        _O(
            "investment",
            "Energy-efficiency financing for housing associations",
            "Financing programme offering long-term loans and energy performance contracts for "
            "renovation of residential buildings in Central and Eastern Europe.",
            "end-use",
        ),
        _O(
            "project",
            "Hemp-lime block production pilot in a rural region",
            "Regional project testing local hemp for masonry blocks; open to farmers, producers "
            "of binders and builders who want to join the pilot.",
            "materials",
        ),
    ),
    requests=(
        _O(
            "product",
            "Timber supplier for a six-storey residential project",
            "Developer preparing a wooden apartment building with 48 flats needs a producer of "
            "massive timber elements with structural design support.",
            "components",
        ),
        _O(
            "service",
            "Contractor for energy retrofit of a 1970s housing estate",
            "Housing cooperative with 12 panel blocks seeks a company able to renovate facades "
            "and heating systems without relocating tenants.",
            "end-use",
        ),
        _O(
            "product",
            "Low-carbon concrete for a public tender with CO2 limits",
            "Construction company needs concrete mixes with verified EPDs to meet new embodied "
            "carbon limits in a hospital project.",
            "materials",
        ),
        _O(
            "technology",
            "Software to speed up cost estimates from BIM models",
            "Mid-sized contractor spends weeks on bills of quantities and wants a tool that reads "
            "IFC files and produces cost estimates.",
            "design",
        ),
        _O(
            "service",
            "Digital survey of a listed brewery before conversion",
            "Architecture studio converting a 19th-century brewery into offices needs an accurate "
            "3D model of the existing structure.",
            "design",
        ),
        _O(
            "product",
            "Natural insulation material for timber-frame houses",
            "Prefab house maker wants to replace EPS with a bio-based insulation that is "
            "vapour-open and has a low carbon footprint.",
            "materials",
        ),
        _O(
            "service",
            "Laboratory to certify a new facade cladding system",
            "Start-up with a recycled-plastic cladding panel needs reaction-to-fire "
            "classification before entering the German market.",
            "services",
        ),
        _O(
            "product",
            "Solar cladding for an office building refurbishment",
            "Investor wants facade elements that generate electricity and match the architect's "
            "colour scheme for a 6,000 m2 office building.",
            "components",
        ),
        _O(
            "service",
            "Recycler for concrete from a bridge demolition",
            "Contractor dismantling a motorway bridge looks for on-site crushing and "
            "certification of about 15,000 tonnes of concrete for reuse.",
            "materials",
        ),
        _O(
            "product",
            "Fast-track modular classrooms for a growing school",
            "Municipality needs four temporary classrooms installed during summer holidays, with "
            "option to relocate them later.",
            "integration",
        ),
        _O(
            "expertise",
            "Advice on EU Taxonomy compliance for a logistics park",
            "Developer needs an expert to assess circularity, energy performance and climate risk "
            "criteria for green financing of a new warehouse.",
            "design",
        ),
        _O(
            "technology",
            "IoT monitoring of moisture in timber structures",
            "Builder of wooden high-rises wants sensors that track moisture during construction "
            "and the first years of use, with alerts to facility managers.",
            "services",
        ),
        _O(
            "partnership",
            "Construction SMEs for a skills project on green renovation",
            "Vocational school network seeks companies to co-design training on heat pumps, air "
            "tightness and bio-based materials under Erasmus+.",
            "services",
        ),
        _O(
            "investment",
            "Financing partner for renovation of municipal buildings",
            "Small town wants to renovate its schools and town hall through an energy performance "
            "contract and looks for ESCOs and financiers.",
            "end-use",
        ),
        _O(
            "technology",
            "Digital site-management tool for subcontractor coordination",
            "General contractor looks for a mobile app to track defects, daily reports and "
            "subcontractor progress linked to the BIM model.",
            "services",
        ),
    ),
)

# ---------- cultural-creative ----------

_CULTURAL_CREATIVE = EcosystemVocabulary(
    name_words=(
        "Studio",
        "Pixel",
        "Atelier",
        "Kino",
        "Muse",
        "Story",
        "Canvas",
        "Motion",
        "Echo",
        "Fable",
        "Scena",
        "Forma",
        "Lumen",
        "Design",
    ),
    activities=(
        "produces animated series and commercials for European broadcasters",
        "develops serious games for training and education",
        "designs furniture and lighting with local craft workshops",
        "digitises museum collections in 3D and builds virtual exhibitions",
        "creates immersive audio-visual installations for festivals",
        "publishes illustrated children's books in six languages",
        "offers service design and user research to public institutions",
        "runs a recording studio and music publishing label",
        "manages a creative hub with co-working spaces and workshops",
        "builds virtual production stages with LED walls",
        "designs packaging and brand identities for food producers",
    ),
    research_topics=(
        "audience engagement with immersive storytelling",
        "AI-assisted tools for visual artists and copyright",
        "digitisation and long-term preservation of cultural heritage",
        "the role of design in circular product development",
        "cultural tourism and regional creative economies",
        "accessibility of cultural content for people with disabilities",
    ),
    offers=(
        _O(
            "service",
            "3D digitisation of museum objects and heritage sites",
            "Photogrammetry and structured-light scanning of artefacts, with web-ready models and "
            "archival masters compliant with Europeana standards.",
            "services",
        ),
        _O(
            "product",
            "Serious game for safety training in manufacturing",
            "Browser-based game that trains new workers on machine safety and lock-out "
            "procedures, available in 8 languages with a dashboard for HR.",
            "end-use",
        ),
        _O(
            "expertise",
            "Product design for circular furniture",
            "Design studio creating modular, repairable furniture from reclaimed wood and "
            "recycled plastics, from concept to small-series production.",
            "design",
        ),
        _O(
            "service",
            "Virtual production stage with LED volume",
            "15 m LED wall with camera tracking and Unreal Engine workflow, rented by the day to "
            "film and advertising producers; on-set technical crew included.",
            "integration",
        ),
        _O(
            "service",
            "Animation and explainer videos for technical products",
            "2D and 3D animation studio turning complex industrial products into short videos for "
            "trade fairs and sales teams, delivered in four to six weeks.",
            "distribution",
        ),
        _O(
            "technology",
            "AR app framework for guided tours",
            "White-label augmented reality app that overlays reconstructions on historic sites, "
            "with a content editor that museum staff can use without coding.",
            "design",
        ),
        _O(
            "partnership",
            "Co-production partners for an animated children's series",
            "Studio with a pilot episode and broadcaster interest seeks European co-producers to "
            "apply for Creative Europe MEDIA funding.",
            "design",
        ),
        _O(
            "expertise",
            "Service design and user research for public services",
            "Team that runs interviews, journey mapping and prototyping for municipalities that "
            "want to digitise citizen services.",
            "design",
        ),
        _O(
            "service",
            "Brand identity and sustainable packaging design for food SMEs",
            "Branding agency designing labels and packaging that cut material use and meet "
            "recyclability guidelines, with print-ready files and supplier sourcing.",
            "design",
        ),
        _O(
            "project",
            "Creative residencies in former industrial sites",
            "Cross-border project hosting artists in factories and mines undergoing transition, "
            "open to companies wanting to co-host a residency.",
            "research",
        ),
        _O(
            "product",
            "Sound design and licensed music library for games",
            "Catalogue of 4,000 tracks and effects with clear licensing, plus custom sound design "
            "for indie and mid-size game studios.",
            "components",
        ),
        _O(
            "service",
            "Accessible audio description and sign-language content",
            "Production of audio description, easy-to-read texts and sign-language video for "
            "museums, theatres and public broadcasters.",
            "services",
        ),
        _O(
            "investment",
            "Loan guarantee scheme for cultural and creative SMEs",
            "Financial intermediary offering guaranteed loans of EUR 25k-500k to creative "
            "companies with limited collateral.",
            "end-use",
        ),
        _O(
            "expertise",
            "Crafts and design workshops for regional craft traditions",
            "Network of glass, ceramics and woodworking craftspeople offering collaboration with "
            "designers and limited-edition production.",
            "components",
        ),
        _O(
            "service",
            "Immersive projection mapping for events and exhibitions",
            "Studio delivering large-scale projection mapping on buildings and interiors for "
            "festivals, brand launches and museum exhibitions.",
            "end-use",
        ),
    ),
    requests=(
        _O(
            "service",
            "Partner to scan and publish a regional museum collection online",
            "Regional museum with 2,000 objects wants 3D models for a virtual exhibition financed "
            "through a heritage digitisation grant.",
            "services",
        ),
        _O(
            "product",
            "Gamified onboarding for new production workers",
            "Automotive supplier with high staff turnover wants an engaging digital tool to teach "
            "safety rules before workers enter the shop floor.",
            "end-use",
        ),
        _O(
            "expertise",
            "Designer for a furniture line made from recycled materials",
            "Joinery company wants to launch a repairable office furniture range and looks for an "
            "experienced product designer.",
            "design",
        ),
        _O(
            "service",
            "LED wall studio for a car commercial shoot",
            "Advertising agency needs three days of virtual production with technical support in "
            "Central Europe in spring.",
            "integration",
        ),
        _O(
            "service",
            "Short video explaining a complex industrial sensor",
            "Engineering SME preparing for a trade fair needs an animation that shows how its "
            "sensor works in under two minutes.",
            "distribution",
        ),
        _O(
            "technology",
            "Augmented reality for a castle visitor route",
            "Heritage site wants visitors to see lost interiors on their phones and seeks a "
            "ready-made AR platform it can maintain itself.",
            "design",
        ),
        _O(
            "partnership",
            "Animation studio to join a MEDIA co-development application",
            "Producer from a Nordic country seeks a Central European partner for a children's "
            "series co-production.",
            "design",
        ),
        _O(
            "expertise",
            "User research for a new e-government portal",
            "City administration wants to redesign its online permit applications around citizen "
            "needs and needs a service design team.",
            "design",
        ),
        _O(
            "service",
            "Packaging redesign to remove plastic from a biscuit range",
            "Bakery exporting to five countries wants recyclable paper-based packaging with a "
            "fresh brand identity.",
            "design",
        ),
        _O(
            "product",
            "Original music and sound effects for an indie game",
            "Small game studio needs a soundtrack and 200 sound effects with worldwide licence "
            "for a console release.",
            "components",
        ),
        _O(
            "service",
            "Accessible content for a science centre exhibition",
            "Science centre wants audio description and easy-read labels for a new exhibition to "
            "welcome visitors with visual or cognitive impairments.",
            "services",
        ),
        _O(
            "technology",
            "Rights management platform for a music publisher",
            "Independent publisher needs software to track royalties and licences across "
            "streaming services and collecting societies.",
            "services",
        ),
        _O(
            "partnership",
            "Craftspeople for limited-edition glass lighting",
            "Interior design brand seeks glassblowers able to produce 50-200 hand-made lampshades "
            "per collection.",
            "components",
        ),
        _O(
            "investment",
            "Investor for a VR documentary studio",
            "Award-winning VR studio seeks EUR 800k to build a distribution platform for "
            "immersive documentaries.",
            "distribution",
        ),
        _O(
            "service",
            "Creative agency for a digital campaign promoting a wine region",
            "Regional tourism board wants video and social media content attracting younger "
            "visitors to local wineries.",
            "end-use",
        ),
    ),
)

# ---------- digital ----------

_DIGITAL = EcosystemVocabulary(
    name_words=(
        "Data",
        "Byte",
        "Cloud",
        "Logic",
        "Cyber",
        "Quantum",
        "Nexus",
        "Soft",
        "Code",
        "Neuron",
        "Stack",
        "Synapse",
        "Info",
        "Grid",
    ),
    activities=(
        "builds computer-vision systems for quality inspection on production lines",
        "operates a Tier III data centre powered by renewable electricity",
        "develops an industrial IoT platform for machine monitoring",
        "provides cybersecurity audits and penetration testing for SMEs",
        "implements ERP and MES systems for mid-sized manufacturers",
        "trains machine-learning models for demand forecasting",
        "offers high-performance computing capacity to researchers and industry",
        "develops digital twins of factories and process plants",
        "runs a European Digital Innovation Hub for manufacturing SMEs",
        "creates natural-language processing tools for Central European languages",
        "builds data spaces for secure sharing of industrial data",
    ),
    research_topics=(
        "explainable AI for industrial decision support",
        "edge computing for real-time control of machines",
        "privacy-preserving federated learning",
        "post-quantum cryptography",
        "energy-efficient training of large neural networks",
        "interoperability of industrial data spaces",
        "trustworthy AI and conformity assessment under the AI Act",
    ),
    offers=(
        _O(
            "technology",
            "AI visual inspection for surface defects",
            "Deep-learning inspection that detects scratches, dents and coating defects at line "
            "speed; deployed in 25 plants, trainable with as few as 200 images per defect.",
            "integration",
        ),
        _O(
            "service",
            "Cybersecurity assessment and NIS2 readiness for SMEs",
            "Fixed-price package with vulnerability scan, penetration test, staff phishing "
            "simulation and a NIS2 gap analysis, delivered in four weeks.",
            "services",
        ),
        _O(
            "product",
            "Retrofit IoT kit for monitoring legacy machines",
            "Clamp-on current and vibration sensors with a gateway that connect 20-year-old "
            "machines to an OEE dashboard within one day, no PLC changes needed.",
            "components",
        ),
        _O(
            "service",
            "Green colocation and GPU cloud hosted in the EU",
            "Data centre running on 100 percent renewable power with waste heat reused for "
            "district heating; GPU servers for AI training rentable by the hour.",
            "services",
        ),
        _O(
            "expertise",
            "ERP and MES implementation for discrete manufacturers",
            "Consultants with 15 years of experience implementing production planning, shop-floor "
            "data capture and traceability for firms with 50-500 employees.",
            "integration",
        ),
        _O(
            "service",
            "Test-before-invest support from a European Digital Innovation Hub",
            "Free or subsidised AI, robotics and cybersecurity experiments for SMEs, including "
            "feasibility studies, demonstrations and help finding funding.",
            "services",
        ),
        _O(
            "technology",
            "Digital twin platform for process plants",
            "Physics-based and data-driven models that simulate energy and material flows, used "
            "to cut energy use in chemical and food plants by 10-15 percent.",
            "design",
        ),
        _O(
            "product",
            "Demand-forecasting SaaS for retailers and producers",
            "Machine-learning forecasts at SKU and store level, integrated with common ERPs; "
            "reduces overstock and food waste in pilots by around 20 percent.",
            "distribution",
        ),
        _O(
            "technology",
            "Speech recognition and NLP for Czech, Slovak and Polish",
            "On-premise language models for transcription, chatbots and document search in "
            "smaller European languages, available via API or licence.",
            "research",
        ),
        _O(
            "service",
            "HPC access and code optimisation for industrial simulation",
            "Supercomputing centre offering CPU and GPU hours plus expert help porting CFD, FEM "
            "and AI workloads; SME access partly funded by EuroHPC.",
            "research",
        ),
        _O(
            "product",
            "Data-space connector for secure supply-chain data exchange",
            "Open-source-based connector following Gaia-X and IDS principles, letting suppliers "
            "share carbon footprint and quality data with usage control.",
            "integration",
        ),
        _O(
            "partnership",
            "Consortium partners for a Digital Europe project on AI testing",
            "Research organisation building a testing and experimentation facility seeks "
            "industrial use cases in manufacturing, agriculture and health.",
            "research",
        ),
        _O(
            "expertise",
            "AI Act compliance and algorithm audits",
            "Legal and technical team assessing risk classification, data governance and "
            "documentation for companies placing AI systems on the EU market.",
            "services",
        ),
        _O(
            "investment",
            "Pre-seed investment for deep-tech software start-ups",
            "University-linked fund investing EUR 100k-400k in spin-offs working on AI, quantum "
            "and cybersecurity, with mentoring and office space.",
            "research",
        ),
        _O(
            "service",
            "Custom e-commerce and B2B portal development",
            "Agency building online shops and B2B ordering portals connected to ERP and PIM "
            "systems, for manufacturers moving sales online.",
            "distribution",
        ),
    ),
    requests=(
        _O(
            "technology",
            "Automated detection of paint defects on metal parts",
            "Powder-coating company wants to replace manual visual checks with a camera system "
            "that flags defects on parts moving at 4 m/min.",
            "integration",
        ),
        _O(
            "service",
            "Penetration test before a NIS2 audit",
            "Water utility with 300 employees must prove cyber resilience and needs an external "
            "security assessment within two months.",
            "services",
        ),
        _O(
            "product",
            "Simple way to collect data from old CNC machines",
            "Job shop with 30 machines of different brands wants to measure utilisation without "
            "replacing controllers.",
            "components",
        ),
        _O(
            "service",
            "Renewable-powered GPU capacity for training vision models",
            "AI start-up needs several thousand GPU hours per month hosted in the EU for data "
            "protection reasons.",
            "services",
        ),
        _O(
            "expertise",
            "Implementation partner for production planning software",
            "Machinery maker with 180 employees still plans production in spreadsheets and seeks "
            "a partner to select and implement an MES.",
            "integration",
        ),
        _O(
            "technology",
            "Simulation model to reduce steam consumption in a dairy",
            "Dairy wants to test energy-saving scenarios virtually before investing in heat "
            "recovery and new evaporators.",
            "design",
        ),
        _O(
            "product",
            "Sales forecasting to reduce waste in a bakery chain",
            "Bakery with 45 shops throws away 12 percent of production and wants AI-based daily "
            "order suggestions per shop.",
            "distribution",
        ),
        _O(
            "technology",
            "Czech-language chatbot for customer service",
            "Energy retailer wants a chatbot understanding Czech customer questions about "
            "invoices and tariffs, hosted on its own servers.",
            "end-use",
        ),
        _O(
            "service",
            "Computing power for crash simulations",
            "Automotive engineering SME needs access to HPC resources for a six-month project and "
            "help with software licences on the cluster.",
            "research",
        ),
        _O(
            "product",
            "Tool to share product carbon data with customers",
            "Steel component supplier is asked by OEMs for product carbon footprints and wants a "
            "secure, standard way to exchange the data.",
            "integration",
        ),
        _O(
            "expertise",
            "Assessment of whether our HR screening tool is high-risk AI",
            "HR-tech company needs advice on AI Act obligations and documentation before selling "
            "to large employers.",
            "services",
        ),
        _O(
            "service",
            "B2B web shop for a spare-parts catalogue",
            "Manufacturer of agricultural machinery wants dealers to order 20,000 spare parts "
            "online, with real-time stock from its ERP.",
            "distribution",
        ),
        _O(
            "partnership",
            "Manufacturing SMEs to pilot an edge-AI controller",
            "University spin-off seeks three factories willing to test AI-based process control "
            "on injection moulding or extrusion lines.",
            "research",
        ),
        _O(
            "investment",
            "Seed round for a cybersecurity start-up",
            "Start-up with an OT security monitoring product and five paying customers seeks EUR "
            "1.2m to expand to Germany and Austria.",
            "services",
        ),
        _O(
            "service",
            "Data scientists for predictive maintenance of pumps",
            "Water company with 10 years of sensor data wants a partner to build failure "
            "prediction models for its pumping stations.",
            "services",
        ),
    ),
)

# ---------- electronics ----------

_ELECTRONICS = EcosystemVocabulary(
    name_words=(
        "Elektro",
        "Circuit",
        "Volt",
        "Silicon",
        "Chip",
        "Sensor",
        "Ohm",
        "Photon",
        "Optika",
        "Semi",
        "Signal",
        "Wave",
        "Tronic",
        "Nano",
    ),
    activities=(
        "assembles printed circuit boards in low and medium volumes",
        "designs mixed-signal ASICs for sensor interfaces",
        "manufactures precision optical components for laser systems",
        "develops power electronics for electric drives and chargers",
        "produces MEMS pressure and gas sensors",
        "provides electronics design services from schematic to certification",
        "builds test equipment for end-of-line testing of electronic modules",
        "manufactures custom lithium-ion battery packs",
        "coats optical glass with thin-film filters and anti-reflective layers",
        "refurbishes and recycles electronic equipment",
        "develops embedded firmware for wireless IoT devices",
    ),
    research_topics=(
        "gallium nitride and silicon carbide power devices",
        "printed and flexible electronics",
        "ultrafast laser micromachining",
        "chiplet packaging and heterogeneous integration",
        "low-power wireless sensor nodes with energy harvesting",
        "recovery of critical raw materials from electronic waste",
        "quantum sensing with nitrogen-vacancy centres in diamond",
    ),
    offers=(
        _O(
            "service",
            "PCB assembly for prototypes and series up to 50,000 units",
            "SMT and THT assembly with AOI, X-ray and functional test, IPC-A-610 class 3 capable; "
            "prototypes in five working days and component sourcing support.",
            "integration",
        ),
        _O(
            "product",
            "Precision optics for laser systems",
            "Lenses, mirrors and windows from fused silica and crystals with "
            "laser-damage-resistant coatings, diameters 5-300 mm, for industrial and scientific "
            "lasers.",
            "components",
        ),
        _O(
            "expertise",
            "Electronics design from concept to CE and EMC compliance",
            "Team of 25 engineers designing hardware, firmware and enclosures, and guiding "
            "products through CE, RED and EMC pre-compliance testing.",
            "design",
        ),
        _O(
            "product",
            "SiC-based inverter modules for electric drives",
            "800 V silicon carbide power modules with liquid cooling for traction and industrial "
            "drives, 98.5 percent efficiency; samples available for evaluation.",
            "components",
        ),
        _O(
            "product",
            "MEMS gas sensors for indoor air quality",
            "Low-power CO2, VOC and humidity sensors with I2C interface and calibration, sold "
            "from 1,000 units to OEMs of ventilation and smart-home devices.",
            "components",
        ),
        _O(
            "technology",
            "Femtosecond laser micromachining of glass and ceramics",
            "Process for drilling and cutting brittle materials with micron accuracy and no "
            "cracks, at TRL 7, offered as job-shop service or process licence.",
            "research",
        ),
        _O(
            "product",
            "Custom battery packs with BMS for light electric vehicles",
            "Design and production of Li-ion and LFP packs from 0.5 to 20 kWh, with our own "
            "battery management system and UN 38.3 transport certification.",
            "integration",
        ),
        _O(
            "service",
            "End-of-line test systems for electronic modules",
            "Customised functional test stations with boundary scan, flashing and traceability, "
            "integrated into automotive and industrial production lines.",
            "integration",
        ),
        _O(
            "technology",
            "Printed flexible heaters and sensors",
            "Screen-printed conductive inks on PET and textiles for heating, touch and pressure "
            "sensing; pilot line for up to 100,000 pieces per year.",
            "materials",
        ),
        _O(
            "service",
            "Certified recycling and refurbishment of IT equipment",
            "Data-wiping, refurbishing and resale of laptops and servers, and recovery of "
            "precious metals from the rest, with reporting for ESG disclosures.",
            "end-use",
        ),
        _O(
            "expertise",
            "ASIC design for sensor read-out and low-power IoT",
            "Design house with analogue and mixed-signal expertise, from specification to "
            "tape-out through multi-project wafer runs; chips for sensors and medical devices.",
            "design",
        ),
        _O(
            "partnership",
            "Chips Act pilot line seeking industrial users",
            "Research centre running a pilot line for advanced packaging invites SMEs to bring "
            "application cases and co-apply for Chips JU calls.",
            "research",
        ),
        _O(
            "product",
            "Optical thin-film filters for spectroscopy and sensing",
            "Bandpass, dichroic and neutral density filters deposited by ion-beam sputtering, "
            "custom spectral designs delivered in six weeks.",
            "components",
        ),
        _O(
            "investment",
            "Venture capital for hardware and semiconductor start-ups",
            "Fund investing EUR 1-5m in companies in sensors, photonics and power electronics, "
            "with access to prototyping facilities and industry mentors.",
            "research",
        ),
        _O(
            "product",
            "Wireless vibration sensor with 10-year battery life",
            "Bluetooth and LoRa vibration and temperature sensor for motors and pumps, ATEX "
            "version available, delivered with an open API.",
            "end-use",
        ),
    ),
    requests=(
        _O(
            "service",
            "EMS partner for a medical device control board",
            "Medtech start-up needs assembly of 2,000 boards per year with full traceability and "
            "ISO 13485 experience, starting with a pilot batch.",
            "integration",
        ),
        _O(
            "product",
            "Supplier of optical components for a laser cutting line",
            "Machine builder needs focusing lenses and protective windows resistant to high-power "
            "fibre lasers, about 3,000 pieces per year.",
            "components",
        ),
        _O(
            "expertise",
            "Hardware team to redesign an obsolete controller",
            "Heating equipment maker faces chip shortages and needs a partner to redesign its "
            "control electronics and pass EMC tests again.",
            "design",
        ),
        _O(
            "product",
            "High-efficiency power stage for an electric tractor",
            "Agricultural machinery maker developing a battery tractor is looking for an 800 V "
            "traction inverter supplier for prototypes.",
            "components",
        ),
        _O(
            "product",
            "CO2 sensors for a demand-controlled ventilation unit",
            "HVAC manufacturer wants reliable, low-power indoor air sensors for 20,000 units per "
            "year, with European supply.",
            "components",
        ),
        _O(
            "technology",
            "Crack-free drilling of microholes in glass",
            "Maker of microfluidic chips needs a precise method to drill holes in borosilicate "
            "glass without damaging the surface.",
            "research",
        ),
        _O(
            "product",
            "Battery pack for an electric cargo bike",
            "Cargo-bike start-up needs a certified 2 kWh battery with BMS and a robust housing, "
            "1,500 units in the first year.",
            "integration",
        ),
        _O(
            "service",
            "Automated testing of control units at the end of line",
            "Tier-2 automotive supplier wants to replace manual tests with an automated station "
            "linked to its traceability system.",
            "integration",
        ),
        _O(
            "technology",
            "Heating elements integrated into car seats and textiles",
            "Seat supplier is looking for thin, flexible heating solutions that can be laminated "
            "into fabrics and are easy to recycle.",
            "materials",
        ),
        _O(
            "service",
            "Secure disposal of 3,000 office laptops",
            "Bank replacing its hardware needs certified data wiping and reuse of devices with a "
            "report on CO2 savings.",
            "end-use",
        ),
        _O(
            "expertise",
            "Chip designer for a low-power sensor interface",
            "Sensor company wants its own read-out chip to reduce board size and power "
            "consumption; looking for an ASIC partner.",
            "design",
        ),
        _O(
            "product",
            "Custom optical filters for a fluorescence reader",
            "Diagnostics company needs bandpass filters for a new instrument, 500 sets per year.",
            "components",
        ),
        _O(
            "technology",
            "Condition monitoring sensors for a fleet of pumps",
            "Chemical plant wants wireless sensors to monitor 400 pumps in explosive atmospheres "
            "without new cabling.",
            "end-use",
        ),
        _O(
            "partnership",
            "Partners recovering gallium and indium from e-waste",
            "Recycling company seeks research and industry partners for a Horizon Europe proposal "
            "on critical raw materials from electronics.",
            "materials",
        ),
        _O(
            "investment",
            "Funding to scale a photonic sensor start-up",
            "Start-up with a fibre-optic sensor for structural monitoring seeks EUR 3m to set up "
            "production.",
            "research",
        ),
    ),
)

# ---------- energy-intensive ----------

_ENERGY_INTENSIVE = EcosystemVocabulary(
    name_words=(
        "Steel",
        "Chem",
        "Ocel",
        "Alu",
        "Glass",
        "Ferro",
        "Polymer",
        "Cement",
        "Paper",
        "Metal",
        "Keram",
        "Forge",
        "Carbo",
        "Mineral",
    ),
    activities=(
        "casts grey and ductile iron parts for machinery and pumps",
        "produces speciality chemicals for coatings and adhesives",
        "recycles aluminium scrap into extrusion billets",
        "manufactures container glass for the beverage industry",
        "produces technical ceramics for wear and heat resistance",
        "operates an electric arc furnace for long steel products",
        "compounds recycled plastics into granulates for injection moulding",
        "manufactures paper and board from recovered fibre",
        "forges steel components for the automotive and rail sectors",
        "supplies industrial gases and hydrogen to manufacturers",
        "designs heat-recovery systems for furnaces and kilns",
    ),
    research_topics=(
        "hydrogen direct reduction of iron ore",
        "electrification of high-temperature process heat",
        "chemical recycling of mixed plastic waste",
        "carbon capture and utilisation in lime and cement plants",
        "bio-based alternatives to fossil chemicals",
        "digital process control to reduce scrap in foundries",
    ),
    offers=(
        _O(
            "product",
            "Low-carbon aluminium billets with 85 percent recycled content",
            "Extrusion billets in 6xxx alloys produced from post-consumer scrap with a certified "
            "footprint below 3 t CO2 per tonne; 40,000 t per year capacity.",
            "materials",
        ),
        _O(
            "product",
            "Ductile iron castings from 5 to 800 kg",
            "Foundry supplying pump housings, gearbox parts and machine beds, with simulation, "
            "machining and painting; furnaces run on certified green electricity.",
            "components",
        ),
        _O(
            "technology",
            "Industrial heat pumps for process heat up to 150 degrees C",
            "High-temperature heat pumps recovering waste heat from cooling water and exhaust, "
            "replacing gas boilers in chemical, paper and food plants.",
            "integration",
        ),
        _O(
            "product",
            "Recycled polypropylene compounds for technical parts",
            "PP compounds with 50-100 percent post-consumer recycled content, talc or glass-fibre "
            "filled, with consistent properties for automotive and appliance parts.",
            "materials",
        ),
        _O(
            "service",
            "Energy and decarbonisation audit for heavy industry",
            "Engineers mapping energy flows and proposing electrification, heat recovery and fuel "
            "switching measures, with investment cases and subsidy options.",
            "services",
        ),
        _O(
            "product",
            "Technical ceramics for high-wear applications",
            "Alumina, zirconia and silicon carbide parts for pumps, nozzles and cutting tools, "
            "pressed or injection-moulded in series from 100 pieces.",
            "components",
        ),
        _O(
            "technology",
            "Pyrolysis process for mixed plastic waste",
            "Continuous pyrolysis unit at demonstration scale converting non-recyclable plastics "
            "into oil for steam crackers; seeking waste suppliers and off-takers.",
            "materials",
        ),
        _O(
            "partnership",
            "Hydrogen valley partners for an industrial zone",
            "Regional development agency seeks electrolyser suppliers, gas distributors and "
            "industrial users to join a hydrogen valley proposal under Clean Hydrogen JU.",
            "integration",
        ),
        _O(
            "expertise",
            "CBAM and emissions reporting support for exporters",
            "Advisers helping steel, aluminium and fertiliser importers and their suppliers "
            "collect embedded emission data for the Carbon Border Adjustment Mechanism.",
            "services",
        ),
        _O(
            "product",
            "Green hydrogen supply by tube trailer",
            "Electrolytic hydrogen delivered in 300 bar trailers to industrial users within 250 "
            "km, with RFNBO certification planned for 2025.",
            "distribution",
        ),
        _O(
            "technology",
            "AI control of foundry melting and pouring",
            "Software that predicts melt chemistry and optimises furnace power, reducing energy "
            "use per tonne by 8 percent and scrap rates by a third.",
            "integration",
        ),
        _O(
            "product",
            "Forged crankshafts and axle components",
            "Closed-die forgings up to 120 kg with in-house heat treatment and machining, "
            "supplied to truck, rail and agricultural machinery makers.",
            "components",
        ),
        _O(
            "project",
            "Demonstration of CO2 capture at a lime kiln",
            "Pilot project capturing 10 t CO2 per day; partners wanted to test utilisation in "
            "concrete curing, synthetic fuels or greenhouses.",
            "research",
        ),
        _O(
            "investment",
            "Transition finance for industrial decarbonisation",
            "Green bond and loan programme financing electrification and efficiency projects "
            "above EUR 5m in energy-intensive plants in the EU.",
            "end-use",
        ),
        _O(
            "product",
            "Recycled-fibre packaging board",
            "Coated board from 100 percent recovered paper for folding cartons, FSC Recycled "
            "certified, delivered in sheets or reels.",
            "materials",
        ),
    ),
    requests=(
        _O(
            "product",
            "Aluminium with a low carbon footprint for window profiles",
            "Extrusion company needs billets with a certified CO2 footprint to meet customer "
            "requirements for green building projects.",
            "materials",
        ),
        _O(
            "product",
            "Foundry for large pump housings",
            "Pump manufacturer seeks a new supplier of ductile iron housings of 200-500 kg, about "
            "1,200 pieces per year, machined and pressure-tested.",
            "components",
        ),
        _O(
            "technology",
            "Replace gas boilers for drying with a low-carbon solution",
            "Paper mill wants to use waste heat from its process water to generate steam and cut "
            "natural gas consumption.",
            "integration",
        ),
        _O(
            "product",
            "Recycled plastic granulate for appliance housings",
            "Home appliance maker must include recycled content and seeks PP compounds meeting "
            "its mechanical and colour specifications.",
            "materials",
        ),
        _O(
            "service",
            "Roadmap to cut emissions of a ceramic tile factory",
            "Tile producer with two kilns needs an independent study of electrification, heat "
            "recovery and hydrogen options.",
            "services",
        ),
        _O(
            "product",
            "Wear-resistant nozzles for sand-blasting equipment",
            "Machine builder seeks ceramic nozzles that last longer than tungsten carbide, 5,000 "
            "pieces per year.",
            "components",
        ),
        _O(
            "partnership",
            "Off-taker for non-recyclable plastic waste",
            "Waste management company collects 8,000 t per year of mixed plastics and looks for a "
            "chemical recycling partner.",
            "materials",
        ),
        _O(
            "expertise",
            "Help with CBAM reports for steel imports",
            "Machinery distributor importing steel parts from outside the EU needs support to "
            "gather emission data and file quarterly reports.",
            "services",
        ),
        _O(
            "product",
            "Hydrogen supplier for a glass furnace trial",
            "Glassworks plans to test blending hydrogen into its burners and needs deliveries of "
            "about 20 t over six months.",
            "distribution",
        ),
        _O(
            "technology",
            "Reducing energy use of induction furnaces",
            "Iron foundry with high electricity bills seeks digital tools to optimise melting "
            "schedules and furnace power.",
            "integration",
        ),
        _O(
            "product",
            "Forged parts supplier for a new axle programme",
            "Trailer axle maker needs a forging partner for 25,000 steering knuckles per year.",
            "components",
        ),
        _O(
            "partnership",
            "Users for captured CO2 from a cement plant",
            "Cement producer starting capture will have 50,000 t CO2 per year and looks for "
            "companies interested in utilisation.",
            "research",
        ),
        _O(
            "technology",
            "Bio-based substitute for a fossil solvent",
            "Adhesives manufacturer wants to replace a petroleum-derived solvent with a bio-based "
            "alternative of similar performance.",
            "research",
        ),
        _O(
            "investment",
            "Financing for an electric furnace replacing a gas kiln",
            "Technical ceramics company needs EUR 7m for an electrified kiln and looks for green "
            "loans or grants.",
            "end-use",
        ),
        _O(
            "service",
            "Digital energy monitoring for a chemical site",
            "Chemical company wants real-time submetering and a dashboard to comply with ISO "
            "50001 and find savings.",
            "services",
        ),
    ),
)

# ---------- renewables ----------

_RENEWABLES = EcosystemVocabulary(
    name_words=(
        "Solar",
        "Wind",
        "Helio",
        "Hydro",
        "Volta",
        "Energo",
        "Green",
        "Sun",
        "Eco",
        "Geo",
        "Biogas",
        "Power",
        "Watt",
        "Aeolus",
    ),
    activities=(
        "develops and operates utility-scale solar parks",
        "installs rooftop photovoltaics and batteries for businesses",
        "manufactures mounting structures for PV systems",
        "services onshore wind turbines across Central Europe",
        "builds biogas plants using agricultural residues",
        "produces heat pumps for residential and commercial buildings",
        "designs battery storage systems for grid balancing",
        "sets up renewable energy communities with municipalities",
        "drills and installs shallow geothermal systems",
        "trades green electricity through power purchase agreements",
        "manufactures electrolysers for green hydrogen",
    ),
    research_topics=(
        "perovskite-silicon tandem solar cells",
        "recycling of wind turbine blades",
        "agrivoltaic systems combining crops and solar panels",
        "second-life use of electric vehicle batteries",
        "forecasting of solar and wind generation",
        "seasonal thermal energy storage",
    ),
    offers=(
        _O(
            "service",
            "Turnkey rooftop PV with battery storage for SMEs",
            "Design, permitting and installation of 50 kWp-2 MWp rooftop systems with storage and "
            "monitoring; leasing available so companies pay from their savings.",
            "end-use",
        ),
        _O(
            "product",
            "Aluminium and steel mounting systems for solar parks",
            "Pre-assembled ground-mount structures for fixed-tilt and agrivoltaic layouts, with "
            "static calculations and delivery within four weeks.",
            "components",
        ),
        _O(
            "service",
            "Maintenance of onshore wind turbines",
            "Independent service provider with 60 technicians offering scheduled maintenance, "
            "blade inspection by drone and gearbox repairs for turbines of 2-5 MW.",
            "services",
        ),
        _O(
            "technology",
            "Biogas upgrading to biomethane for grid injection",
            "Membrane upgrading units from 100 to 2,000 Nm3/h raw biogas, with CO2 recovery for "
            "greenhouses or the beverage industry.",
            "integration",
        ),
        _O(
            "product",
            "Containerised battery storage for commercial sites",
            "LFP battery systems from 200 kWh to 5 MWh with energy management software for peak "
            "shaving, self-consumption and grid services.",
            "integration",
        ),
        _O(
            "expertise",
            "Set-up of renewable energy communities",
            "Legal, technical and financial support for municipalities and citizens creating "
            "energy communities, including sharing models and billing.",
            "services",
        ),
        _O(
            "product",
            "High-temperature heat pumps for building renovation",
            "Air-to-water heat pumps using natural refrigerant R290 that supply 70 degrees C, so "
            "they can replace gas boilers without changing radiators.",
            "components",
        ),
        _O(
            "technology",
            "Recycling of composite wind turbine blades",
            "Process separating glass fibres and resin from decommissioned blades, producing "
            "fillers for cement and new composites; TRL 6.",
            "materials",
        ),
        _O(
            "service",
            "Green electricity PPAs for industrial consumers",
            "Long-term power purchase agreements from new solar and wind assets, structured for "
            "consumers with annual demand from 5 GWh.",
            "distribution",
        ),
        _O(
            "product",
            "PEM electrolyser stacks of 250 kW to 2 MW",
            "European-made electrolysers with high current density, delivered as skid-mounted "
            "units for industrial sites and refuelling stations.",
            "components",
        ),
        _O(
            "service",
            "Generation forecasting for solar and wind portfolios",
            "Machine-learning forecasts combining weather models and plant data, delivered by API "
            "to traders and grid operators with 15-minute resolution.",
            "services",
        ),
        _O(
            "partnership",
            "Agrivoltaic demonstration sites open to research partners",
            "Farm cooperative with three agrivoltaic installations invites researchers and crop "
            "specialists to study yields under panels.",
            "research",
        ),
        _O(
            "investment",
            "Equity for solar and storage projects ready to build",
            "Infrastructure fund acquiring permitted projects from 5 MW in Central and Eastern "
            "Europe and co-investing with local developers.",
            "end-use",
        ),
        _O(
            "expertise",
            "Shallow geothermal design and drilling",
            "Company designing and drilling borehole heat exchangers for offices, schools and "
            "residential districts, including thermal response tests.",
            "design",
        ),
        _O(
            "project",
            "Second-life battery storage pilot",
            "Project repurposing used EV batteries for stationary storage; looking for sites with "
            "PV and variable load to host 100 kWh test systems.",
            "research",
        ),
    ),
    requests=(
        _O(
            "service",
            "Solar installation for a food factory roof of 8,000 m2",
            "Food processor wants to cut electricity costs and seeks an EPC partner with "
            "financing options for a rooftop system with storage.",
            "end-use",
        ),
        _O(
            "product",
            "Supplier of mounting structures for a 30 MW solar park",
            "Developer building a park on a former landfill needs ballasted structures that do "
            "not penetrate the ground.",
            "components",
        ),
        _O(
            "service",
            "Service contract for a wind farm out of warranty",
            "Owner of 12 turbines seeks an independent maintenance company with experience on "
            "older models.",
            "services",
        ),
        _O(
            "technology",
            "Turning farm biogas into vehicle fuel",
            "Agricultural biogas plant wants to stop generating electricity and sell biomethane "
            "for trucks and buses.",
            "integration",
        ),
        _O(
            "product",
            "Battery to reduce peak demand charges",
            "Plastics processor with expensive peak tariffs needs a 1 MWh storage system with "
            "smart control.",
            "integration",
        ),
        _O(
            "expertise",
            "Advice to start a village energy community",
            "Municipality of 3,000 inhabitants wants to share electricity from the school roof "
            "with households and needs legal and technical advice.",
            "services",
        ),
        _O(
            "product",
            "Heat pumps for an old apartment building with radiators",
            "Housing association wants to leave gas heating but cannot replace the radiators in "
            "its 1960s buildings.",
            "components",
        ),
        _O(
            "partnership",
            "Solution for end-of-life blades from a repowering project",
            "Wind farm operator will dismantle 40 blades next year and is looking for recycling "
            "instead of landfill.",
            "materials",
        ),
        _O(
            "service",
            "Long-term supply of renewable electricity for a steel plant",
            "Steel processor seeks a 10-year green power contract for 40 GWh per year at a "
            "predictable price.",
            "distribution",
        ),
        _O(
            "product",
            "Electrolyser for a hydrogen bus depot",
            "Public transport company plans on-site hydrogen production for 20 buses and needs a "
            "1 MW electrolyser supplier.",
            "components",
        ),
        _O(
            "service",
            "Accurate production forecasts for an energy trader",
            "Aggregator of 200 small PV plants needs day-ahead and intraday forecasts to reduce "
            "imbalance costs.",
            "services",
        ),
        _O(
            "expertise",
            "Geothermal heating for a new school campus",
            "Town building a school for 600 pupils wants a ground-source heating and cooling "
            "system and needs a design and drilling partner.",
            "design",
        ),
        _O(
            "investment",
            "Co-investor for a portfolio of small hydro plants",
            "Developer with five permitted run-of-river plants seeks equity partner for EUR 12m.",
            "end-use",
        ),
        _O(
            "partnership",
            "Agronomists for an agrivoltaic research project",
            "Solar developer wants scientific partners to measure crop yields and soil moisture "
            "under elevated panels.",
            "research",
        ),
        _O(
            "technology",
            "Software to optimise self-consumption across several sites",
            "Retail chain with PV on 30 stores wants an energy management platform steering "
            "batteries, EV chargers and cooling.",
            "services",
        ),
    ),
)

# ---------- health ----------

_HEALTH = EcosystemVocabulary(
    name_words=(
        "Medi",
        "Vita",
        "Cura",
        "Pharma",
        "Bio",
        "Cell",
        "Gen",
        "Implant",
        "Ortho",
        "Salus",
        "Derma",
        "Cardio",
        "Neuro",
        "Lab",
    ),
    activities=(
        "manufactures titanium dental and orthopaedic implants",
        "develops in-vitro diagnostic tests for infectious diseases",
        "provides contract research services for preclinical studies",
        "builds telemedicine software for remote patient monitoring",
        "produces sterile single-use medical devices",
        "develops biosimilar monoclonal antibodies",
        "designs rehabilitation robots for stroke patients",
        "offers regulatory consulting under the EU MDR and IVDR",
        "manufactures active pharmaceutical ingredients under GMP",
        "runs a biobank and clinical data platform",
        "develops AI software for radiology image analysis",
    ),
    research_topics=(
        "biodegradable magnesium implants",
        "point-of-care diagnostics based on microfluidics",
        "cell and gene therapies for rare diseases",
        "nanofibre scaffolds for tissue engineering",
        "digital biomarkers from wearable devices",
        "antimicrobial surfaces for hospital equipment",
        "personalised nutrition for chronic disease prevention",
    ),
    offers=(
        _O(
            "product",
            "Custom titanium implants made by 3D printing",
            "Patient-specific cranial, maxillofacial and orthopaedic implants designed from CT "
            "data and printed in Ti6Al4V, under ISO 13485 and MDR certification.",
            "components",
        ),
        _O(
            "expertise",
            "MDR and IVDR regulatory consulting",
            "Support with technical documentation, clinical evaluation, risk management and "
            "notified body submissions for class I to class III devices.",
            "services",
        ),
        _O(
            "service",
            "Preclinical testing and biocompatibility to ISO 10993",
            "GLP laboratory offering cytotoxicity, sensitisation and implantation studies, plus "
            "in-vivo efficacy models for drugs and devices.",
            "research",
        ),
        _O(
            "product",
            "Remote monitoring platform for heart-failure patients",
            "CE-marked software collecting weight, blood pressure and symptoms at home and "
            "alerting clinicians, reducing readmissions in trials by a quarter.",
            "end-use",
        ),
        _O(
            "service",
            "Clean-room injection moulding and assembly of medical devices",
            "ISO 7 clean rooms with 30 moulding machines, assembly, packaging and EO or gamma "
            "sterilisation management for single-use devices.",
            "integration",
        ),
        _O(
            "technology",
            "Rapid PCR test platform for point-of-care use",
            "Portable device giving PCR results in 20 minutes for respiratory infections; seeking "
            "distribution partners and co-development for new panels.",
            "research",
        ),
        _O(
            "product",
            "Robotic glove for hand rehabilitation",
            "Soft robotic device supporting home exercises after stroke, with a tablet app for "
            "therapists to adjust programmes remotely.",
            "end-use",
        ),
        _O(
            "service",
            "GMP manufacturing of APIs and intermediates",
            "Contract manufacturer with kilo-lab and 6,000-litre reactors, EU GMP certified, "
            "including process development and scale-up.",
            "materials",
        ),
        _O(
            "technology",
            "Electrospun nanofibre wound dressings",
            "Nanofibre layers loaded with antibacterial agents for chronic wounds; clinical "
            "evaluation completed, looking for licensing partners.",
            "materials",
        ),
        _O(
            "product",
            "AI software for detecting lung nodules in CT scans",
            "Class IIa certified algorithm integrated with common PACS systems, used in 18 "
            "hospitals to prioritise radiology worklists.",
            "end-use",
        ),
        _O(
            "service",
            "Biobank samples and clinical data for research",
            "Access to 40,000 annotated samples of blood, tissue and DNA with consent for "
            "research, and support for study design and ethics approvals.",
            "research",
        ),
        _O(
            "partnership",
            "Hospital partners for clinical validation of digital health apps",
            "University hospital network offers structured clinical pilots for start-ups that "
            "need evidence for reimbursement schemes.",
            "end-use",
        ),
        _O(
            "expertise",
            "Usability engineering for medical devices",
            "Human factors studies to IEC 62366, from formative testing with clinicians to "
            "summative validation reports.",
            "design",
        ),
        _O(
            "investment",
            "Medtech accelerator with seed investment",
            "Six-month programme with EUR 150k investment, regulatory coaching and access to "
            "hospital pilots for early-stage medtech companies.",
            "research",
        ),
        _O(
            "project",
            "Antimicrobial coatings for hospital surfaces",
            "Research project testing copper and photocatalytic coatings in hospital wards, "
            "looking for furniture and device makers to join.",
            "materials",
        ),
    ),
    requests=(
        _O(
            "product",
            "Patient-specific implants for a maxillofacial surgery clinic",
            "Hospital department wants a supplier who designs and manufactures custom jaw and "
            "orbital implants from CT scans.",
            "components",
        ),
        _O(
            "expertise",
            "Help with a technical file for a class IIb device",
            "Start-up with a surgical instrument needs consultancy on MDR documentation and "
            "notified body strategy.",
            "services",
        ),
        _O(
            "service",
            "Biocompatibility studies for a new catheter",
            "Device company needs ISO 10993 testing of a new polymer catheter within four months.",
            "research",
        ),
        _O(
            "product",
            "Telemonitoring of chronic patients after discharge",
            "Regional hospital wants to follow cardiology patients at home to reduce "
            "readmissions, with integration into its information system.",
            "end-use",
        ),
        _O(
            "service",
            "Contract manufacturer for a single-use diagnostic cartridge",
            "Diagnostics start-up needs moulding and assembly in clean room conditions for 50,000 "
            "cartridges per year.",
            "integration",
        ),
        _O(
            "technology",
            "Fast molecular test for a network of GP practices",
            "Primary care network wants to test patients for flu and RSV on the spot instead of "
            "sending samples to central labs.",
            "end-use",
        ),
        _O(
            "product",
            "Home rehabilitation device for stroke survivors",
            "Rehabilitation centre looks for a device patients can take home to continue hand "
            "therapy with remote supervision.",
            "end-use",
        ),
        _O(
            "service",
            "Scale-up partner for an API synthesis route",
            "Biotech company needs a GMP manufacturer to scale a new active ingredient from grams "
            "to 50 kg for phase II trials.",
            "materials",
        ),
        _O(
            "technology",
            "Advanced dressings for diabetic foot ulcers",
            "Wound-care distributor is looking for innovative dressings to license for the "
            "Central European market.",
            "materials",
        ),
        _O(
            "product",
            "AI support for overloaded radiology departments",
            "Hospital group wants certified software that pre-reads chest CT scans and flags "
            "urgent cases.",
            "end-use",
        ),
        _O(
            "service",
            "Human samples for biomarker discovery",
            "Diagnostics SME needs plasma samples from 500 patients with early-stage colon cancer "
            "and matched controls.",
            "research",
        ),
        _O(
            "partnership",
            "Clinical pilot site for a mental-health app",
            "Digital therapeutics company seeks psychiatric clinics to run a 12-week pilot "
            "required for national reimbursement.",
            "end-use",
        ),
        _O(
            "expertise",
            "Usability tests for an insulin pen",
            "Device maker needs summative usability validation with patients and nurses in two EU "
            "countries.",
            "design",
        ),
        _O(
            "technology",
            "Reusable textiles to replace disposable surgical gowns",
            "Hospital wants to cut waste and is looking for reusable gowns and drapes with "
            "laundry and traceability services.",
            "end-use",
        ),
        _O(
            "investment",
            "Series A for a cell-therapy manufacturing start-up",
            "Company automating CAR-T manufacturing seeks EUR 10m from specialised life-science "
            "investors.",
            "research",
        ),
    ),
)

# ---------- mobility-transport-automotive ----------

_MOBILITY = EcosystemVocabulary(
    name_words=(
        "Auto",
        "Moto",
        "Drive",
        "Rail",
        "Trans",
        "Mobil",
        "Cargo",
        "Axle",
        "Motion",
        "Route",
        "Volta",
        "Torque",
        "Fleet",
        "Kolo",
    ),
    activities=(
        "stamps and welds body-in-white parts for car makers",
        "injection-moulds interior trim for passenger cars",
        "develops battery thermal management systems",
        "builds electric buses for city and regional transport",
        "installs and operates fast-charging stations",
        "designs software for fleet management and route optimisation",
        "manufactures bogies and interiors for rail vehicles",
        "converts diesel vans to battery-electric drive",
        "operates cross-border intermodal freight terminals",
        "tests vehicle components for durability and crash safety",
        "develops sensor fusion for driver-assistance systems",
    ),
    research_topics=(
        "solid-state battery cells",
        "recycling and reuse of lithium-ion traction batteries",
        "lightweight structures from natural-fibre composites",
        "cooperative connected and automated driving",
        "hydrogen fuel-cell trucks for long-haul freight",
        "mobility as a service in rural areas",
        "predictive maintenance of railway infrastructure",
    ),
    offers=(
        _O(
            "product",
            "Stamped and welded structural parts for car bodies",
            "IATF 16949 supplier with presses up to 1,600 t and robotic welding, producing "
            "high-strength steel and aluminium parts in volumes from 20,000 units per year.",
            "components",
        ),
        _O(
            "technology",
            "Immersion cooling for battery modules",
            "Dielectric fluid cooling that keeps cell temperatures within 3 degrees C during fast "
            "charging; TRL 6, validated on a 400 V pack.",
            "design",
        ),
        _O(
            "service",
            "Fast-charging infrastructure for depots and fleets",
            "Planning, grid connection, installation and operation of 50-400 kW chargers, with "
            "load management software and a 98 percent uptime guarantee.",
            "services",
        ),
        _O(
            "product",
            "12 m battery-electric city bus",
            "Low-floor electric bus with 300 km range and pantograph or plug charging, built in "
            "Central Europe with local service network.",
            "end-use",
        ),
        _O(
            "service",
            "Durability and crash testing of vehicle components",
            "Accredited lab with sled tests, multi-axis shaker tables and climatic chambers for "
            "seats, batteries and interior parts.",
            "services",
        ),
        _O(
            "product",
            "Fleet management and route optimisation software",
            "Cloud platform planning routes, charging stops and driver shifts for mixed electric "
            "and diesel fleets; cuts kilometres driven by around 12 percent.",
            "services",
        ),
        _O(
            "expertise",
            "Rail vehicle interior design and fire-safety certification",
            "Engineering team designing seats, panels and lighting for trains and trams to EN "
            "45545 fire standards.",
            "design",
        ),
        _O(
            "service",
            "Electric conversion of light commercial vehicles",
            "Homologated retrofit of 3.5 t vans with 75 kWh battery packs, keeping the body and "
            "equipment; turnaround three weeks per vehicle.",
            "integration",
        ),
        _O(
            "technology",
            "Hydrometallurgical recycling of traction batteries",
            "Process recovering over 95 percent of lithium, nickel and cobalt from black mass, at "
            "pilot scale of 1,000 t per year.",
            "materials",
        ),
        _O(
            "product",
            "Natural-fibre composite door panels",
            "Flax and hemp reinforced interior panels 30 percent lighter than glass-fibre parts, "
            "already in series production for two car brands.",
            "components",
        ),
        _O(
            "service",
            "Intermodal rail freight between Czechia and North Sea ports",
            "Daily container trains with truck pre- and post-haulage, reducing CO2 by up to 80 "
            "percent compared with road-only transport.",
            "distribution",
        ),
        _O(
            "technology",
            "Sensor fusion software for ADAS validation",
            "Tools combining camera, radar and lidar data to build scenario databases for testing "
            "driver-assistance functions.",
            "design",
        ),
        _O(
            "partnership",
            "Living lab for automated shuttles in a business park",
            "City and university offer a test route with 5G coverage and connected traffic lights "
            "to companies testing automated vehicles.",
            "research",
        ),
        _O(
            "investment",
            "Fund for e-mobility and logistics start-ups",
            "Corporate venture fund investing up to EUR 2m in charging, battery and logistics "
            "technologies with pilot access to a large bus fleet.",
            "end-use",
        ),
        _O(
            "expertise",
            "Reskilling programmes for automotive workers moving to e-mobility",
            "Training centre offering courses on high-voltage safety, battery assembly and "
            "electric drive diagnostics for suppliers and workshops.",
            "services",
        ),
    ),
    requests=(
        _O(
            "product",
            "Supplier of high-strength steel brackets for an EV platform",
            "Tier-1 supplier seeks press-shop capacity for welded sub-assemblies, 60,000 sets per "
            "year from 2026.",
            "components",
        ),
        _O(
            "technology",
            "Thermal management for a fast-charging battery pack",
            "Electric motorcycle maker needs a cooling concept keeping cells cool during "
            "20-minute charging.",
            "design",
        ),
        _O(
            "service",
            "Charging stations for a depot of 40 delivery vans",
            "Parcel company electrifying its fleet needs an installer that handles grid upgrade "
            "and smart charging.",
            "services",
        ),
        _O(
            "product",
            "Zero-emission buses for a regional tender",
            "Regional transport authority prepares a tender for 25 battery buses with service "
            "contract.",
            "end-use",
        ),
        _O(
            "service",
            "Crash tests for a new child seat",
            "Start-up needs R129 homologation tests and support for test planning.",
            "services",
        ),
        _O(
            "product",
            "Route planning for an electric truck fleet",
            "Logistics company wants software that plans deliveries while considering range, "
            "loads and charging points.",
            "services",
        ),
        _O(
            "expertise",
            "Fire-safe materials for tram seats",
            "Tram manufacturer needs a partner to redesign seats meeting EN 45545 with recycled "
            "materials.",
            "design",
        ),
        _O(
            "service",
            "Electrify our municipal service vans",
            "City with 30 diesel vans wants them converted to electric instead of buying new "
            "vehicles.",
            "integration",
        ),
        _O(
            "partnership",
            "Recycler for end-of-life battery packs from buses",
            "Bus operator will retire 120 packs over three years and needs recycling or "
            "second-life solutions.",
            "materials",
        ),
        _O(
            "product",
            "Lighter interior parts made from renewable materials",
            "Car maker wants to reduce weight and CO2 of door trims and seeks bio-based composite "
            "suppliers.",
            "components",
        ),
        _O(
            "service",
            "Greener transport of machinery to Hamburg",
            "Machine builder shipping 600 containers per year wants to move from trucks to rail.",
            "distribution",
        ),
        _O(
            "partnership",
            "Test site for an automated last-mile delivery robot",
            "Robotics start-up seeks a city or campus where it can operate delivery robots on "
            "sidewalks for six months.",
            "research",
        ),
        _O(
            "technology",
            "Data platform for on-demand rural buses",
            "Rural region wants booking and routing software for demand-responsive minibuses "
            "covering 40 villages.",
            "services",
        ),
        _O(
            "expertise",
            "Training on high-voltage systems for a repair workshop network",
            "Network of 50 independent garages needs certified training to service electric "
            "vehicles safely.",
            "services",
        ),
        _O(
            "investment",
            "Investor for a hydrogen truck refuelling network",
            "Start-up planning five hydrogen stations along a freight corridor seeks EUR 15m.",
            "distribution",
        ),
    ),
)

# ---------- proximity-social-economy ----------

_PROXIMITY_SOCIAL = EcosystemVocabulary(
    name_words=(
        "Komunita",
        "Social",
        "Local",
        "Coop",
        "Mosaic",
        "Bridge",
        "Circle",
        "Nest",
        "Hands",
        "Village",
        "Kind",
        "Share",
        "Common",
        "Sousedi",
    ),
    activities=(
        "employs people with disabilities in packaging and assembly work",
        "repairs and resells furniture and household appliances",
        "runs a community kitchen supplying school canteens",
        "operates a cooperative grocery store with local products",
        "provides home care services for elderly people in rural areas",
        "organises repair cafes and tool libraries",
        "trains long-term unemployed people in digital skills",
        "collects and sorts used textiles for reuse",
        "maintains parks and green spaces for municipalities",
        "offers microloans to social entrepreneurs",
        "manages community-owned renewable energy projects",
    ),
    research_topics=(
        "social impact measurement of work integration enterprises",
        "socially responsible public procurement",
        "community wealth building in post-industrial towns",
        "digital inclusion of older people",
        "cooperative business models for platform work",
        "local food systems and short supply chains",
        "community resilience and civil protection in small municipalities",
    ),
    offers=(
        _O(
            "service",
            "Packaging and light assembly by a work-integration enterprise",
            "Sheltered workshop with 80 employees offering kitting, labelling, co-packing and "
            "simple assembly; counts towards social clauses in public contracts.",
            "integration",
        ),
        _O(
            "product",
            "Refurbished office furniture with warranty",
            "Desks, chairs and cabinets collected from offices, repaired and resold at half the "
            "price of new, with a CO2 savings certificate.",
            "end-use",
        ),
        _O(
            "service",
            "Catering with local and seasonal food for public canteens",
            "Social enterprise kitchen preparing 1,500 meals a day from regional producers, "
            "employing people returning to the labour market.",
            "distribution",
        ),
        _O(
            "expertise",
            "Social clauses and reserved contracts in public procurement",
            "Advisers helping municipalities and companies include social enterprises in tenders "
            "and measure the social value created.",
            "services",
        ),
        _O(
            "service",
            "Digital skills training for disadvantaged groups",
            "Courses on basic IT, online safety and office tools for unemployed people, migrants "
            "and seniors, delivered in community centres.",
            "services",
        ),
        _O(
            "service",
            "Collection and sorting of used clothing",
            "Network of 400 collection containers and a sorting centre grading textiles for "
            "reuse, recycling or export, with traceable reporting.",
            "materials",
        ),
        _O(
            "investment",
            "Microloans and mentoring for social entrepreneurs",
            "Loans from EUR 5k to 50k with flexible repayment and business mentoring for "
            "start-ups with a social or environmental mission.",
            "end-use",
        ),
        _O(
            "service",
            "Green space maintenance with social employment",
            "Teams maintaining parks, cemeteries and industrial sites, planting biodiversity "
            "meadows and employing people with disabilities.",
            "services",
        ),
        _O(
            "partnership",
            "Partners for an ESF+ project on social innovation",
            "Network of social enterprises seeks companies and municipalities to co-design jobs "
            "for young people not in education or employment.",
            "research",
        ),
        _O(
            "product",
            "Repaired household appliances with one-year guarantee",
            "Washing machines, fridges and ovens repaired by trained technicians and sold through "
            "our shops and online.",
            "end-use",
        ),
        _O(
            "expertise",
            "Social impact measurement and reporting",
            "Methodology and software to measure outcomes of social programmes, supporting "
            "companies with CSRD social disclosures.",
            "services",
        ),
        _O(
            "service",
            "Home care and assisted living support in rural areas",
            "Cooperative providing home care, meal delivery and telecare alarms to 600 elderly "
            "clients in small villages.",
            "end-use",
        ),
        _O(
            "project",
            "Community energy cooperative with open membership",
            "Citizen-owned cooperative operating 2 MW of solar panels on public buildings, "
            "inviting residents and local firms to join.",
            "end-use",
        ),
        _O(
            "service",
            "Cargo-bike delivery in the city centre",
            "Social enterprise delivering parcels and groceries by cargo bike, employing people "
            "who face barriers to the labour market.",
            "distribution",
        ),
        _O(
            "product",
            "Handmade gifts and corporate gift boxes",
            "Gift boxes with products from sheltered workshops, such as ceramics, candles and "
            "local honey, customised with company branding.",
            "end-use",
        ),
        _O(
            "project",
            "Community resilience plans for small municipalities",
            "Civil-protection project training volunteers, mapping vulnerable residents and "
            "setting up emergency shelters with backup power; open to towns and NGOs.",
            "services",
        ),
    ),
    requests=(
        _O(
            "service",
            "Co-packing partner for seasonal gift sets",
            "Cosmetics brand needs 30,000 gift sets assembled before Christmas and prefers a "
            "social enterprise to meet its CSR goals.",
            "integration",
        ),
        _O(
            "product",
            "Second-hand furniture for a new office floor",
            "Consulting firm moving to new premises wants to furnish 120 workplaces sustainably "
            "and within budget.",
            "end-use",
        ),
        _O(
            "service",
            "School meals from local producers",
            "Municipality wants a caterer that cooks fresh meals from regional ingredients for "
            "six primary schools.",
            "distribution",
        ),
        _O(
            "expertise",
            "Help writing social criteria into a cleaning tender",
            "Regional authority wants to reserve part of its facility services contract for "
            "social enterprises and needs guidance.",
            "services",
        ),
        _O(
            "service",
            "Computer courses for seniors in a small town",
            "Library wants to offer regular IT training for older residents to use e-government "
            "and online banking.",
            "services",
        ),
        _O(
            "service",
            "Reuse partner for returned clothing",
            "Online fashion retailer needs a partner to sort and resell garments that cannot be "
            "sold as new.",
            "materials",
        ),
        _O(
            "investment",
            "Small loan to open a repair cafe",
            "Group of volunteers needs EUR 15k for tools and premises to start a community repair "
            "workshop.",
            "end-use",
        ),
        _O(
            "service",
            "Maintenance of greenery on a factory campus",
            "Manufacturer wants to turn lawns into biodiversity areas and hire a social "
            "enterprise for upkeep.",
            "services",
        ),
        _O(
            "expertise",
            "Measuring social value of our employee volunteering",
            "Bank wants a robust method to report outcomes of its community programmes in the "
            "sustainability report.",
            "services",
        ),
        _O(
            "service",
            "Care services for elderly residents of remote villages",
            "Micro-region of 15 villages seeks a provider of home care and meal delivery.",
            "end-use",
        ),
        _O(
            "partnership",
            "Companies to offer work placements to young people",
            "Youth NGO seeks employers in logistics, IT and hospitality for 3-month paid "
            "placements.",
            "services",
        ),
        _O(
            "product",
            "Corporate gifts with a social impact",
            "Engineering company wants year-end gifts for 400 clients made by disadvantaged "
            "workers.",
            "end-use",
        ),
        _O(
            "technology",
            "Volunteer and shift management app for a food bank",
            "Food bank with 300 volunteers needs a simple app to schedule shifts and track "
            "donations.",
            "services",
        ),
        _O(
            "service",
            "Zero-emission delivery for a farmers' market",
            "Farmers' market wants to deliver online orders to customers in the city centre "
            "without vans.",
            "distribution",
        ),
        _O(
            "partnership",
            "Roofs for a citizen solar cooperative",
            "Energy cooperative looks for public or business roofs of over 500 m2 to install "
            "panels owned by residents.",
            "end-use",
        ),
        _O(
            "product",
            "Backup power and water for emergency shelters",
            "Rural district preparing for floods and blackouts needs mobile solar generators and "
            "water purification units for three community shelters.",
            "end-use",
        ),
    ),
)

# ---------- retail ----------

_RETAIL = EcosystemVocabulary(
    name_words=(
        "Shop",
        "Market",
        "Mart",
        "Trade",
        "Basket",
        "Store",
        "Obchod",
        "Kiosk",
        "Bazaar",
        "Cart",
        "Deal",
        "Brand",
        "Shelf",
        "Click",
    ),
    activities=(
        "operates a regional chain of 60 grocery stores",
        "sells sports equipment online in eight European countries",
        "develops self-checkout and cashier-less store technology",
        "provides fulfilment and returns handling for e-commerce brands",
        "designs and builds shop interiors and refrigerated displays",
        "runs a marketplace for second-hand electronics",
        "offers loyalty programme and customer data analytics",
        "supplies refill stations for package-free shopping",
        "imports and distributes household goods to retailers",
        "manages digital signage and in-store media",
        "produces private-label cosmetics for drugstore chains",
    ),
    research_topics=(
        "consumer acceptance of reuse and refill systems",
        "omnichannel retail and the future of high streets",
        "reduction of returns in online fashion",
        "dynamic pricing and electronic shelf labels",
        "environmental footprint of last-mile delivery",
        "digital product passports for consumer goods",
    ),
    offers=(
        _O(
            "service",
            "E-commerce fulfilment with next-day delivery in Central Europe",
            "Warehouse of 25,000 m2 offering storage, pick-and-pack, returns handling and "
            "integration with major shop systems; same-day dispatch until 3 pm.",
            "distribution",
        ),
        _O(
            "technology",
            "Electronic shelf labels with dynamic pricing",
            "E-paper labels updated from the store system in seconds, supporting markdowns on "
            "short-dated food to cut waste; battery life of 7 years.",
            "integration",
        ),
        _O(
            "product",
            "Energy-efficient refrigerated display cases",
            "Display cabinets with doors and natural refrigerant CO2, using 40 percent less "
            "energy than open multidecks; design and installation for supermarkets.",
            "components",
        ),
        _O(
            "service",
            "Marketplace for refurbished smartphones and laptops",
            "Platform selling graded refurbished devices from certified refurbishers in 10 "
            "countries, open to new sellers with a quality audit.",
            "distribution",
        ),
        _O(
            "product",
            "Refill stations for detergents and dry food",
            "Modular dispensers with weighing and labelling for package-free shopping, with "
            "hygiene certification and supply of bulk products.",
            "end-use",
        ),
        _O(
            "technology",
            "Computer-vision self-checkout",
            "Checkout that recognises fruit, vegetables and bakery items without barcodes, "
            "shortening queues and reducing mis-scans.",
            "integration",
        ),
        _O(
            "expertise",
            "Customer data analytics and loyalty programme design",
            "Analysts segmenting customers and designing personalised offers for regional "
            "retailers competing with large chains.",
            "services",
        ),
        _O(
            "service",
            "Private-label cosmetics development and production",
            "Formulation, safety assessment and filling of natural cosmetics in recyclable "
            "packaging, minimum run of 3,000 units per product.",
            "integration",
        ),
        _O(
            "product",
            "Shop-fitting with reused and modular elements",
            "Store interiors from modular shelving and reclaimed materials that can be "
            "reconfigured, lowering fit-out costs and waste.",
            "design",
        ),
        _O(
            "technology",
            "Returns-prediction tool for online fashion",
            "AI model that flags orders likely to be returned and suggests sizes, reducing return "
            "rates by up to 20 percent.",
            "services",
        ),
        _O(
            "service",
            "Digital signage content management for retail chains",
            "Cloud platform and screens that manage promotions across hundreds of stores, with "
            "energy-saving schedules.",
            "services",
        ),
        _O(
            "partnership",
            "Retail living lab for testing innovations in real stores",
            "Regional retail association offers ten member stores to test new technologies with "
            "shoppers for three months.",
            "research",
        ),
        _O(
            "service",
            "Distribution of household goods to independent shops",
            "Wholesaler with 8,000 items delivering weekly to 2,500 independent retailers in "
            "Czechia and Slovakia, open to new brands.",
            "distribution",
        ),
        _O(
            "investment",
            "Growth investment for direct-to-consumer brands",
            "Investor financing inventory and marketing for profitable e-commerce brands with "
            "revenues of EUR 1-10m.",
            "end-use",
        ),
        _O(
            "expertise",
            "Digital product passport readiness for consumer goods",
            "Consultants helping brands collect product data and set up QR-based passports ahead "
            "of ecodesign requirements.",
            "design",
        ),
    ),
    requests=(
        _O(
            "service",
            "Fulfilment partner for a growing online cosmetics shop",
            "Brand shipping 2,000 orders per week wants to outsource warehousing and returns to a "
            "partner with fast delivery to Germany.",
            "distribution",
        ),
        _O(
            "technology",
            "Automatic price reductions to sell food before expiry",
            "Grocery chain wants to change prices on short-dated products several times a day "
            "without printing labels.",
            "integration",
        ),
        _O(
            "product",
            "Cutting energy use of supermarket refrigeration",
            "Retailer renovating 15 stores seeks efficient chilled cabinets with natural "
            "refrigerants.",
            "components",
        ),
        _O(
            "service",
            "Sales channel for refurbished IT equipment",
            "Refurbishing company with 5,000 laptops per year wants to reach consumers in other "
            "EU markets.",
            "distribution",
        ),
        _O(
            "product",
            "Package-free corner for an organic shop",
            "Organic store wants to introduce refill of detergents, grains and nuts with hygienic "
            "dispensers.",
            "end-use",
        ),
        _O(
            "technology",
            "Faster checkout for loose fruit and bakery products",
            "Convenience chain wants to reduce queues at self-service tills where customers "
            "struggle to find items without barcodes.",
            "integration",
        ),
        _O(
            "expertise",
            "Loyalty scheme for a regional supermarket chain",
            "Family-owned chain wants to understand its customers better and launch a mobile "
            "loyalty app.",
            "services",
        ),
        _O(
            "service",
            "Manufacturer for an own-brand natural skincare range",
            "Drugstore chain seeks a producer able to develop and fill eight products under its "
            "brand.",
            "integration",
        ),
        _O(
            "technology",
            "Reducing returns of online shoe orders",
            "Footwear e-shop with 35 percent returns seeks size recommendation technology.",
            "services",
        ),
        _O(
            "product",
            "Flexible store design for pop-up shops",
            "Fashion brand wants shop furniture that can be reused in several temporary stores "
            "per year.",
            "design",
        ),
        _O(
            "partnership",
            "Wholesale partner for a new line of eco cleaning products",
            "Producer of plant-based detergents seeks distribution to independent retailers in "
            "Central Europe.",
            "distribution",
        ),
        _O(
            "expertise",
            "Preparing product data for upcoming passport requirements",
            "Electronics retailer wants to know what data suppliers must provide and how to show "
            "it to customers.",
            "design",
        ),
        _O(
            "technology",
            "Carbon footprint calculator for an online grocery basket",
            "E-grocer wants to show customers the footprint of their orders and suggest "
            "lower-impact alternatives.",
            "services",
        ),
        _O(
            "investment",
            "Working capital for a sustainable fashion e-shop",
            "Profitable online store for second-hand fashion seeks EUR 600k to expand to Poland.",
            "end-use",
        ),
        _O(
            "service",
            "Parcel lockers for a rural shop network",
            "Village shop cooperative wants parcel lockers to attract customers and earn extra "
            "income.",
            "distribution",
        ),
    ),
)

# ---------- textile ----------

_TEXTILE = EcosystemVocabulary(
    name_words=(
        "Tex",
        "Fibre",
        "Loom",
        "Weave",
        "Knit",
        "Thread",
        "Linen",
        "Wool",
        "Fabric",
        "Moda",
        "Silk",
        "Yarn",
        "Stitch",
        "Latka",
    ),
    activities=(
        "weaves technical fabrics for filtration and protective clothing",
        "produces nonwovens for hygiene, medical and automotive uses",
        "knits seamless sportswear from recycled polyamide",
        "dyes and finishes fabrics with low-water processes",
        "develops smart textiles with integrated sensors",
        "manufactures workwear and uniforms for industry and public services",
        "recycles post-consumer textiles into new fibres",
        "spins linen and hemp yarns from European flax",
        "produces nanofibre membranes for filtration",
        "designs and sews upholstery for furniture and vehicles",
        "offers textile testing and certification services",
    ),
    research_topics=(
        "fibre-to-fibre recycling of polyester and cotton blends",
        "PFAS-free water-repellent finishes",
        "electrospinning of nanofibres for air filtration",
        "textile-integrated sensors for health monitoring",
        "bio-based fibres from agricultural residues",
        "digital product passports for garments",
    ),
    offers=(
        _O(
            "product",
            "Nanofibre filtration membranes",
            "Electrospun nanofibre layers on nonwoven support for HVAC, face masks and liquid "
            "filtration, produced on industrial lines in widths up to 1.6 m.",
            "materials",
        ),
        _O(
            "product",
            "Flame-retardant fabrics for protective clothing",
            "Inherently flame-retardant woven fabrics certified to EN ISO 11612 and EN 1149, in "
            "20 colours from stock for workwear makers.",
            "materials",
        ),
        _O(
            "technology",
            "PFAS-free durable water-repellent finish",
            "Fluorine-free finish reaching spray rating 90 after 20 washes, ready for industrial "
            "application on stenter frames; licence or finishing service available.",
            "materials",
        ),
        _O(
            "service",
            "Mechanical recycling of textile waste into fibres",
            "Shredding and garnetting of cutting waste and used garments into fibres for yarns, "
            "nonwovens and insulation; capacity of 6,000 t per year.",
            "materials",
        ),
        _O(
            "product",
            "Seamless knitted sportswear from recycled yarns",
            "Private-label leggings, tops and base layers on seamless knitting machines, made "
            "from recycled polyamide with GRS certification; MOQ of 500 pieces per style.",
            "integration",
        ),
        _O(
            "technology",
            "Textile-integrated ECG and respiration sensing",
            "Knitted electrodes and conductive tracks washable 50 times, for medical and sports "
            "garments; prototype garments available for testing.",
            "research",
        ),
        _O(
            "service",
            "Textile testing lab for EU market access",
            "Accredited testing of physical properties, flammability, REACH substances and PPE "
            "performance, with results within ten working days.",
            "services",
        ),
        _O(
            "product",
            "European linen and hemp yarns",
            "Wet-spun linen and hemp-cotton yarns traced from field to spinning mill, certified "
            "organic, for weaving and knitting mills.",
            "materials",
        ),
        _O(
            "service",
            "Low-water dyeing and finishing",
            "Dye house using air-dyeing and digital printing that consumes up to 80 percent less "
            "water, suitable for runs from 300 m.",
            "components",
        ),
        _O(
            "product",
            "Corporate workwear with take-back scheme",
            "Workwear collections for industry and services, with rental, laundry and take-back "
            "of used garments for recycling.",
            "end-use",
        ),
        _O(
            "expertise",
            "Sustainable textile product development",
            "Designers and technologists helping brands select recycled and bio-based materials "
            "and prepare for ecodesign and extended producer responsibility.",
            "design",
        ),
        _O(
            "partnership",
            "Consortium on fibre-to-fibre recycling",
            "Textile research institute is building a consortium with sorters, recyclers and "
            "brands for a Horizon Europe circular textiles call.",
            "research",
        ),
        _O(
            "product",
            "Technical nonwovens for automotive acoustics",
            "Needle-punched nonwovens with recycled PET used as sound insulation in car "
            "interiors, supplied in rolls or die-cut parts.",
            "components",
        ),
        _O(
            "service",
            "Small-batch sewing for designers and start-ups",
            "Sewing workshop producing samples and runs of 50 to 2,000 garments, including "
            "pattern making and grading.",
            "integration",
        ),
        _O(
            "investment",
            "Fund for circular fashion and textile start-ups",
            "Impact fund investing EUR 300k-2m in textile recycling, resale and rental models.",
            "end-use",
        ),
    ),
    requests=(
        _O(
            "product",
            "Filter media for a new air purifier",
            "Appliance maker needs high-efficiency filter material with low pressure drop, about "
            "200,000 m2 per year.",
            "materials",
        ),
        _O(
            "product",
            "Fire-resistant fabric for welders' jackets",
            "Workwear manufacturer seeks a supplier of certified flame-retardant fabric in navy "
            "and grey.",
            "materials",
        ),
        _O(
            "technology",
            "Replacing fluorinated chemicals in outdoor jackets",
            "Outdoor brand must phase out PFAS and needs a water-repellent treatment that "
            "survives washing.",
            "materials",
        ),
        _O(
            "service",
            "Recycler for 300 tonnes of cotton cutting waste",
            "Garment maker wants its production offcuts turned into recycled fibres instead of "
            "incineration.",
            "materials",
        ),
        _O(
            "product",
            "Manufacturer of sustainable yoga wear",
            "Start-up brand seeks a European producer of seamless garments from recycled yarn for "
            "its first 3,000 pieces.",
            "integration",
        ),
        _O(
            "technology",
            "Shirt that measures heart rate for athletes",
            "Sports tech company wants textile electrodes integrated into a training shirt.",
            "research",
        ),
        _O(
            "service",
            "PPE certification tests for high-visibility vests",
            "Importer needs EN ISO 20471 testing and support with CE documentation.",
            "services",
        ),
        _O(
            "product",
            "Traceable flax yarn for a home-textile collection",
            "Weaving mill wants European linen yarn with full traceability for bed linen.",
            "materials",
        ),
        _O(
            "service",
            "Dyeing partner that uses less water",
            "Fashion brand must reduce the water footprint of its collections and seeks a dye "
            "house with low-water technology.",
            "components",
        ),
        _O(
            "product",
            "Uniforms for 1,200 public transport employees",
            "Transport company wants durable uniforms with a rental model and recycling at end of "
            "life.",
            "end-use",
        ),
        _O(
            "technology",
            "Automated fabric defect detection on weaving looms",
            "Weaving mill inspects 40,000 m per day manually and wants a camera system that finds "
            "defects in real time.",
            "integration",
        ),
        _O(
            "technology",
            "Software for digital product passports of garments",
            "Clothing brand with 1,500 styles needs a platform to collect supplier data and "
            "generate QR-code passports.",
            "services",
        ),
        _O(
            "product",
            "Sound-absorbing material from recycled textiles",
            "Car-interior supplier wants acoustic felts with recycled content for floor mats and "
            "boot linings.",
            "components",
        ),
        _O(
            "service",
            "Local production of a small run of upcycled bags",
            "Designer wants a workshop that sews 400 bags per season from reclaimed fabrics.",
            "integration",
        ),
        _O(
            "investment",
            "Investor for a textile sorting plant",
            "Start-up with automated sorting by fibre type needs EUR 5m for its first plant.",
            "materials",
        ),
    ),
)

# ---------- tourism ----------

_TOURISM = EcosystemVocabulary(
    name_words=(
        "Travel",
        "Tour",
        "Voyage",
        "Hotel",
        "Spa",
        "Trail",
        "Horizon",
        "Alpine",
        "Lazne",
        "Valley",
        "Castle",
        "Lake",
        "Journey",
        "Host",
    ),
    activities=(
        "operates a 120-room spa hotel with thermal springs",
        "organises cycling and hiking tours in wine regions",
        "develops booking software for small accommodation providers",
        "manages a destination marketing organisation for a mountain region",
        "runs a congress centre for international conferences",
        "offers incentive travel and event management for companies",
        "certifies hotels and campsites for sustainability",
        "operates guided tours of industrial heritage sites",
        "rents electric bikes and operates charging points along trails",
        "provides multilingual audio guides for museums and cities",
        "runs agritourism farms with local food experiences",
    ),
    research_topics=(
        "visitor flow management and overtourism",
        "decarbonisation of hotels and travel",
        "tourism data spaces and destination analytics",
        "industrial heritage as a tourism resource",
        "climate adaptation of winter-sports destinations",
        "accessible tourism for people with reduced mobility",
    ),
    offers=(
        _O(
            "service",
            "Conference venue for up to 1,500 participants",
            "Congress centre with 20 halls, hybrid-event studio and on-site catering from "
            "regional suppliers, certified to ISO 20121 for sustainable events.",
            "end-use",
        ),
        _O(
            "product",
            "Booking and channel management software for small hotels",
            "Cloud system connecting rooms to online travel agencies and a direct booking engine, "
            "priced for guesthouses with 5-50 rooms.",
            "distribution",
        ),
        _O(
            "service",
            "Sustainability certification for accommodation",
            "Audits and certification based on GSTC criteria, with a toolkit for energy, water "
            "and waste savings and marketing support for certified hosts.",
            "services",
        ),
        _O(
            "service",
            "Cycling tours through Moravian wine country",
            "Self-guided and guided tours with e-bikes, luggage transfer and tastings at family "
            "wineries; packages for groups of up to 40.",
            "end-use",
        ),
        _O(
            "technology",
            "Visitor-flow analytics from anonymised mobile data",
            "Dashboards showing where and when visitors come, how long they stay and where they "
            "come from, used by 12 destinations to plan and spread visits.",
            "services",
        ),
        _O(
            "service",
            "Incentive trips and team events with a low carbon footprint",
            "Agency designing incentive programmes reached by train, with local activities and a "
            "carbon calculation for each trip.",
            "services",
        ),
        _O(
            "product",
            "Multilingual audio-guide app for cities and museums",
            "White-label app with offline audio in 12 languages, location-based triggers and "
            "accessibility features for visually impaired visitors.",
            "design",
        ),
        _O(
            "partnership",
            "Industrial heritage route seeking new sites",
            "Cross-border route of mines, breweries and factories open to visitors invites "
            "companies to join and open their sites to tourists.",
            "end-use",
        ),
        _O(
            "expertise",
            "Energy efficiency upgrades for hotels",
            "Engineering firm specialising in heat recovery, heat pumps and building management "
            "for hotels and spas, with typical savings of 30 percent.",
            "services",
        ),
        _O(
            "service",
            "E-bike rental network with charging stations",
            "Network of 40 rental points and solar-powered charging stations along regional "
            "cycling routes, open to hotel partners.",
            "distribution",
        ),
        _O(
            "expertise",
            "Destination strategy and tourism product development",
            "Consultants helping regions develop year-round offers, reduce seasonality and "
            "involve local businesses.",
            "design",
        ),
        _O(
            "project",
            "Interreg project on climate adaptation of mountain resorts",
            "Project helping ski areas diversify into summer and four-season tourism; open to "
            "resorts and service providers who want to join pilot actions.",
            "research",
        ),
        _O(
            "investment",
            "Renovation loans for tourism SMEs",
            "Bank programme with favourable loans for energy renovation and accessibility "
            "upgrades of hotels, restaurants and campsites.",
            "end-use",
        ),
        _O(
            "service",
            "Agritourism stays with farm-to-table experiences",
            "Network of 25 family farms offering stays, cooking workshops and farm activities for "
            "families and school groups.",
            "end-use",
        ),
        _O(
            "expertise",
            "Accessible tourism audits",
            "Auditors with lived experience assessing hotels, attractions and websites for "
            "accessibility and proposing improvements.",
            "services",
        ),
    ),
    requests=(
        _O(
            "service",
            "Venue for a European scientific congress of 1,000 delegates",
            "Association organising its annual congress seeks a venue with good rail access and "
            "sustainable event certification.",
            "end-use",
        ),
        _O(
            "product",
            "Direct booking tool for a family guesthouse",
            "Guesthouse with 14 rooms pays high commissions to platforms and wants its own "
            "booking engine with channel manager.",
            "distribution",
        ),
        _O(
            "service",
            "Eco-label for a chain of mountain hotels",
            "Hotel group with five properties wants a credible sustainability certification to "
            "attract business travellers.",
            "services",
        ),
        _O(
            "service",
            "Active holiday packages for a tour operator's catalogue",
            "Dutch tour operator seeks local partners offering cycling holidays in Central "
            "European wine regions.",
            "end-use",
        ),
        _O(
            "technology",
            "Data on visitor numbers for a crowded old town",
            "City council wants to understand visitor peaks and spread tourists to less visited "
            "areas.",
            "services",
        ),
        _O(
            "service",
            "Team-building trip for 80 employees reachable by train",
            "Software company wants a three-day company event with low emissions and local "
            "activities.",
            "services",
        ),
        _O(
            "product",
            "Audio guide in several languages for a castle",
            "Castle administration wants an app-based audio tour that also works for blind and "
            "partially sighted visitors.",
            "design",
        ),
        _O(
            "partnership",
            "Factories open to visitors for a new tourism route",
            "Regional tourism agency looks for manufacturers willing to offer factory tours as "
            "part of an industrial tourism product.",
            "end-use",
        ),
        _O(
            "expertise",
            "Reducing energy costs of a spa hotel",
            "Spa hotel with pools and saunas faces doubled energy bills and seeks an engineering "
            "partner for heat recovery and heat pumps.",
            "services",
        ),
        _O(
            "service",
            "E-bikes for guests of a lakeside resort",
            "Resort wants to offer e-bike rental without buying a fleet, with charging and "
            "maintenance included.",
            "distribution",
        ),
        _O(
            "expertise",
            "Strategy to attract visitors outside the ski season",
            "Mountain municipality wants to build a summer and autumn offer with local businesses.",
            "design",
        ),
        _O(
            "technology",
            "Guest app for contactless check-in and digital room keys",
            "Boutique hotel wants to digitise the guest journey from booking to check-out.",
            "services",
        ),
        _O(
            "product",
            "Regional food and drinks for a hotel breakfast",
            "Hotel wants to replace imported products with local cheese, bread and juices and "
            "seeks producers who can deliver daily.",
            "distribution",
        ),
        _O(
            "expertise",
            "Accessibility check before renovating a museum",
            "Museum planning a renovation wants an expert audit on access for wheelchair users "
            "and visitors with sensory impairments.",
            "services",
        ),
        _O(
            "investment",
            "Financing for glamping units on a farm",
            "Farm diversifying into tourism seeks EUR 250k for ten eco-cabins with solar power.",
            "end-use",
        ),
    ),
)

# ---------- registry ----------

ECOSYSTEMS: dict[str, EcosystemVocabulary] = {
    "aerospace-defence": _AEROSPACE_DEFENCE,
    "agri-food": _AGRI_FOOD,
    "construction": _CONSTRUCTION,
    "cultural-creative": _CULTURAL_CREATIVE,
    "digital": _DIGITAL,
    "electronics": _ELECTRONICS,
    "energy-intensive": _ENERGY_INTENSIVE,
    "renewables": _RENEWABLES,
    "health": _HEALTH,
    "mobility-transport-automotive": _MOBILITY,
    "proximity-social-economy": _PROXIMITY_SOCIAL,
    "retail": _RETAIL,
    "textile": _TEXTILE,
    "tourism": _TOURISM,
}

CLUSTER_FOCUS: dict[str, str] = {
    "aerospace-defence": "aerospace, space and defence technologies",
    "agri-food": "agriculture, food processing and sustainable food systems",
    "construction": "sustainable construction and building renovation",
    "cultural-creative": "cultural and creative industries and design",
    "digital": "digital technologies, AI and cybersecurity",
    "electronics": "electronics, photonics and precision optics",
    "energy-intensive": "metals, chemicals and energy-intensive materials",
    "renewables": "renewable energy and energy storage",
    "health": "medical devices, biotechnology and digital health",
    "mobility-transport-automotive": "automotive, rail and sustainable mobility",
    "proximity-social-economy": "social economy and local community services",
    "retail": "retail, e-commerce and consumer goods",
    "textile": "technical textiles and circular fashion",
    "tourism": "sustainable tourism and events",
}

# The value-chain stage of each activity above, in the same order: what a company that
# "machines titanium parts" is (components), so its stages and offers agree with its
# description.
ACTIVITY_STAGES: dict[str, tuple[str, ...]] = {
    "aerospace-defence": (
        "components",
        "components",
        "design",
        "services",
        "design",
        "components",
        "services",
        "integration",
        "components",
        "services",
        "design",
    ),
    "agri-food": (
        "integration",
        "materials",
        "design",
        "materials",
        "distribution",
        "integration",
        "design",
        "services",
        "research",
        "components",
        "materials",
    ),
    "construction": (
        "components",
        "integration",
        "materials",
        "design",
        "integration",
        "materials",
        "services",
        "end-use",
        "design",
        "services",
        "services",
    ),
    "cultural-creative": (
        "integration",
        "design",
        "design",
        "services",
        "integration",
        "distribution",
        "services",
        "services",
        "services",
        "services",
        "design",
    ),
    "digital": (
        "integration",
        "services",
        "integration",
        "services",
        "integration",
        "services",
        "services",
        "design",
        "research",
        "research",
        "integration",
    ),
    "electronics": (
        "integration",
        "design",
        "components",
        "components",
        "components",
        "design",
        "integration",
        "integration",
        "components",
        "end-use",
        "design",
    ),
    "energy-intensive": (
        "components",
        "materials",
        "materials",
        "materials",
        "components",
        "materials",
        "materials",
        "materials",
        "components",
        "materials",
        "integration",
    ),
    "renewables": (
        "end-use",
        "integration",
        "components",
        "services",
        "integration",
        "components",
        "design",
        "end-use",
        "integration",
        "distribution",
        "components",
    ),
    "health": (
        "components",
        "research",
        "services",
        "integration",
        "components",
        "research",
        "design",
        "services",
        "materials",
        "research",
        "design",
    ),
    "mobility-transport-automotive": (
        "components",
        "components",
        "design",
        "integration",
        "services",
        "design",
        "components",
        "integration",
        "distribution",
        "services",
        "design",
    ),
    "proximity-social-economy": (
        "integration",
        "end-use",
        "services",
        "distribution",
        "services",
        "end-use",
        "services",
        "end-use",
        "services",
        "services",
        "end-use",
    ),
    "retail": (
        "distribution",
        "distribution",
        "integration",
        "distribution",
        "design",
        "distribution",
        "services",
        "end-use",
        "distribution",
        "services",
        "integration",
    ),
    "textile": (
        "materials",
        "materials",
        "integration",
        "materials",
        "design",
        "integration",
        "end-use",
        "materials",
        "materials",
        "integration",
        "services",
    ),
    "tourism": (
        "services",
        "services",
        "design",
        "distribution",
        "services",
        "services",
        "services",
        "services",
        "services",
        "services",
        "services",
    ),
}

ECOSYSTEM_CODES = tuple(ECOSYSTEMS)

_MAX_TITLE = 90
_MAX_DESCRIPTION = 300


def _check_texts(code: str, label: str, texts: tuple[OpportunityText, ...], minimum: int) -> None:
    assert len(texts) >= minimum, f"{code}.{label}: {len(texts)} < {minimum}"
    titles = [t.title for t in texts]
    assert len(titles) == len(set(titles)), f"{code}.{label}: duplicate titles"
    for t in texts:
        assert isinstance(t, OpportunityText), f"{code}.{label}: {t!r}"
        assert t.kind in KINDS, f"{code}.{label}: bad kind {t.kind!r} in {t.title!r}"
        assert t.stage in STAGES, f"{code}.{label}: bad stage {t.stage!r} in {t.title!r}"
        assert t.title and t.title == t.title.strip(), f"{code}.{label}: title {t.title!r}"
        assert len(t.title) <= _MAX_TITLE, f"{code}.{label}: title too long: {t.title!r}"
        assert t.description.strip(), f"{code}.{label}: empty description for {t.title!r}"
        assert len(t.description) <= _MAX_DESCRIPTION, (
            f"{code}.{label}: description too long ({len(t.description)}) for {t.title!r}"
        )


def check() -> None:
    """Assert the structural rules of the text banks (counts, codes, kinds, stages, lengths)."""
    expected = {
        "aerospace-defence",
        "agri-food",
        "construction",
        "cultural-creative",
        "digital",
        "electronics",
        "energy-intensive",
        "renewables",
        "health",
        "mobility-transport-automotive",
        "proximity-social-economy",
        "retail",
        "textile",
        "tourism",
    }
    assert set(ECOSYSTEMS) == expected, sorted(set(ECOSYSTEMS) ^ expected)
    assert set(ACTIVITY_STAGES) == expected, sorted(set(ACTIVITY_STAGES) ^ expected)
    assert set(CLUSTER_FOCUS) == expected, sorted(set(CLUSTER_FOCUS) ^ expected)
    kinds_used: set[str] = set()
    stages_used: set[str] = set()
    for code, eco in ECOSYSTEMS.items():
        assert isinstance(eco, EcosystemVocabulary), code
        assert CLUSTER_FOCUS[code].strip(), code
        assert len(eco.name_words) >= 12, f"{code}: name_words {len(eco.name_words)} < 12"
        assert len(set(eco.name_words)) == len(eco.name_words), f"{code}: duplicate name_words"
        assert len(eco.activities) >= 10, f"{code}: activities {len(eco.activities)} < 10"
        assert len(set(eco.activities)) == len(eco.activities), f"{code}: duplicate activities"
        assert len(eco.research_topics) >= 6, f"{code}: research_topics < 6"
        for phrase in (*eco.name_words, *eco.activities, *eco.research_topics):
            assert phrase and phrase == phrase.strip(), f"{code}: blank or padded {phrase!r}"
        assert len(ACTIVITY_STAGES[code]) == len(eco.activities), f"{code}: activity stages"
        for stage in ACTIVITY_STAGES[code]:
            assert any(t.stage == stage and t.kind != "investment" for t in eco.offers), (
                f"{code}: an activity at {stage!r} but no offer there"
            )
        _check_texts(code, "offers", eco.offers, 14)
        _check_texts(code, "requests", eco.requests, 14)
        for t in (*eco.offers, *eco.requests):
            kinds_used.add(t.kind)
            stages_used.add(t.stage)
    assert kinds_used == set(KINDS), sorted(set(KINDS) - kinds_used)
    assert stages_used == set(STAGES), sorted(set(STAGES) - stages_used)
