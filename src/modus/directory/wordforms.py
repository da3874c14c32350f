"""Word forms for directory search, with no Django import: fold accents, strip Czech and
English endings, map the directory's domain words across the two languages, highlight.

Both the stored text and the query go through `word_key`, so "optikou", "optics" and
"optický" all become the key "optik", and a query matches a document when each of its
keys begins one of the document's keys (so "laser" also finds "laserwelding", and "cip"
does not find "princip"). The stored form starts with a space, so that "begins a key"
is `LIKE '% key%'`, which PostgreSQL's trigram index serves.

Why our own stemmer: snowballstemmer 3.1 has a Czech stemmer, but it expects accented
text, and the directory folds accents because people type without them; on folded words
it stems inconsistently ("optickymi" -> "opticky" but "opticke" -> "optick"). Stripping
endings from folded words treats "optickými" and "optickymi" alike.
"""

import functools
import html
import re
import unicodedata

MIN_STEM = 3
TERM_LIMIT = 8

# Folded endings, longest first: Czech case and adjective endings, a few English ones.
ENDINGS = tuple(
    sorted(
        [
            "atech",
            "ovych",
            "ovymi",
            "ovym",
            "ovem",
            "ovou",
            "ovi",
            "ove",
            "ova",
            "ovy",
            "ovo",
            "ich",
            "ych",
            "ymi",
            "imi",
            "ami",
            "emi",
            "ach",
            "ech",
            "ata",
            "aty",
            "ou",
            "em",
            "om",
            "am",
            "ym",
            "im",
            "iho",
            "eho",
            "emu",
            "imu",
            "ni",
            "nim",
            "ing",
            "s",
            "a",
            "e",
            "i",
            "o",
            "u",
            "y",
        ],
        key=len,
        reverse=True,
    )
)

# The directory's own domain words, as people search them, in Czech and English. The first
# word of a group names the group's key. Tuned on the "tune" half of
# tests/directory/search_evaluation.py only.
SYNONYMS = (
    "optika optics optical optic opticky optik",
    "vyzkum research researcher researches vyzkumny vyzkumnik",
    "vyvoj development develop vyvojovy",
    "laser lasery laserovy",
    "kosmetika cosmetics cosmetic kosmeticky",
    "letectvi aerospace aviation aircraft letadlo letecky",
    "obrana defence defense obranny",
    "potravina food potraviny potravinarstvi potravinarsky",
    "zemedelstvi agriculture agricultural agri zemedelsky farma farm",
    "stavebnictvi construction building buildings stavba stavebni budova budovy budov",
    "elektronika electronics electronic elektronicky",
    "energie energy energeticky",
    "obnovitelny renewable renewables",
    "zdravotnictvi health healthcare zdravi zdravotni",
    "lekarsky medical medicine lekarstvi",
    "automobil automotive car vozidlo vehicle automobilovy",
    "doprava transport transportation dopravni",
    "textil textile textiles textilni textilie",
    "turismus tourism cestovni tourist",
    "maloobchod retail",
    "digitalni digital",
    "polovodic semiconductor semiconductors chip cip",
    "senzor sensor cidlo",
    "material materials materialy",
    "soucastka component components komponenta",
    "logistika logistics logisticky",
    "recyklace recycling recycle recyklovat",
    "klastr cluster",
    "firma company spolecnost podnik",
    "univerzita university",
    "ustav institute instituce",
    "vzdelavani education training skoleni",
    "chemie chemical chemistry chemicky",
    "ocel steel",
    "kov metal kovovy",
    "plast plastic plastovy",
    "sklo glass skleneny",
    "baterie battery batteries",
    "vodik hydrogen",
    "fotovoltaika photovoltaic solar solarni",
    "robotika robotics robot roboticky",
    "obrabeni machining obrabet stroj stroje strojni machines machinery",
    "svarovani welding welder welders weld svarec svareci svarecsky",
    "mereni measurement metrology merici",
    "zkouseni testing test zkouska",
    "poradenstvi consulting consultancy",
    "investice investment investor investicni",
    "software softwarovy",
    "bezpecnost security bezpecnostni",
    "voda water vodni",
    "drevo wood wooden dreveny",
    "rezani cutting cut rezat rezaci",
    "cocka lens lenses cocky",
    "videni vision",
    "tisk printing print printed tisknout",
    "vrtani drilling drill vrtat",
    "nanovlakno nanofibre nanofibres nanofiber nanofibers nanovlakna nanovlaken",
    "spektroskopie spectroscopy spectroscopic",
    "vrstva layer layers vrstvy",
    "tenky thin",
    "kamera camera cameras",
    "presny precision precise presnost",
    "dodavatel supplier suppliers",
    "filtr filter filters filtrace filtration",
    "povlak coating coatings",
    "cerpadlo pump pumps cerpadla",
    "teplo heat heating tepelny thermal vytapeni",
    "elektrina electricity elektricky electric electrical",
    "uspora saving savings usporny",
    "odpad waste odpady odpadni",
    "obal packaging obaly obalovy",
    "nemocnice hospital hospitals",
    "odlitek casting castings odlitky",
    "slevarna foundry foundries slevarny",
    "kovani forging forgings",
    "lakovani painting paint lak",
    "kabel cable cables kabelovy kabelaz wiring",
    "osvetleni lighting svitidlo luminaire luminaires svitidla",
    "preklad translation translations prekladatel translator prekladat",
    "ubytovani accommodation",
    "pruvodce guide guides",
    "odev clothing garment garments odevy",
    "obuv footwear shoes",
    "nabytek furniture",
    "papir paper papirovy",
    "tkanina fabric fabrics tkaniny",
    "zeleznice railway railways rail zeleznicni",
    "letiste airport airports",
    "sklad warehouse warehouses skladovy",
    "uloziste storage skladovani",
    "chlazeni cooling refrigeration chladici chladirensky",
    "vetrani ventilation",
    "izolace insulation izolacni zatepleni",
    "beton concrete betonovy",
    "nastroj tool tools nastroje",
    "automatizace automation automated",
    "kyberneticky cyber cybersecurity",
    "aplikace application applications app apps",
    "inovace innovation innovative inovacni",
    "zakaznik customer customers",
    "kvalita quality kvalitni",
    "certifikace certification certifikat certificate certificates",
    "laborator laboratory laboratories lab labs",
    "implantat implant implants",
    "ucetnictvi accounting",
    "financovani funding financing",
    "vzduch air",
    "cisteni cleaning",
)

# The organisation kinds, in the words people search them by, in both languages.
KIND_WORDS = {
    "cluster": "cluster klastr",
    "company": "company firma",
    "research": "research body výzkumná instituce",
    "public-authority": "public authority veřejná správa úřad",
    "association": "association asociace svaz",
    "investor": "investor investice",
    "other": "",
}

WORD = re.compile(r"\w+")


ENDING_SET = frozenset(ENDINGS)
LONGEST_ENDING = max(map(len, ENDINGS))


def fold(text: str) -> str:
    """Lower-case and strip accents, as both the stored text and the query are."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def stem(word: str) -> str:
    """Strip one common ending from a folded word, keeping at least MIN_STEM letters."""
    for length in range(min(LONGEST_ENDING, len(word) - MIN_STEM), 0, -1):
        if word[-length:] in ENDING_SET and not (length == 1 and word.endswith("ss")):
            word = word[:-length]
            break
    # Czech adjectives in -ický go with nouns in -ika: "optick" with "optik".
    if word.endswith("ick") and len(word) > MIN_STEM + 1:
        word = word[:-2] + "k"
    return word


def _synonym_keys() -> dict[str, str]:
    keys = {}
    for group in SYNONYMS:
        words = group.split()
        key = stem(words[0])
        for word in words:
            keys[stem(fold(word))] = key
    return keys


SYNONYM_KEYS = _synonym_keys()


@functools.lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The key of one folded word: its stem, or its synonym group's key."""
    stemmed = stem(word)
    return SYNONYM_KEYS.get(stemmed, stemmed)


@functools.lru_cache(maxsize=65536)
def key_of(word: str) -> str:
    """The key of a word as written: folded, then `word_key`."""
    return word_key(fold(word))


def document_keys(text: str) -> str:
    """The stored form of a text: its word keys, each after a space."""
    return "".join(" " + word_key(word) for word in WORD.findall(fold(text)))


def folded_words(text: str) -> str:
    """A text's folded words, each after a space, neither stemmed nor joined: the stored
    form of names, which a query word matches by beginning one ("horakova" finds
    "Horáková", and not "Horák")."""
    return "".join(" " + word for word in WORD.findall(fold(text)))


def query_words(query: str) -> list[str]:
    """A query's folded words, each once, in order."""
    return list(dict.fromkeys(WORD.findall(fold(query))))


def contains(document: str, key: str) -> bool:
    """Whether a key begins one of a stored document's keys: what the database compares."""
    return " " + key in document


# Words a query written as a sentence holds besides what it is about, folded: function
# words and the ways requests begin ("we are looking for", "hledáme"). Every one of a
# query's words must match, so with them a sentence finds nothing.
FILLER_WORDS = (
    "a an the and or of for to in on at by with from we are is our us you your i my "
    "looking look seeking seek need needs want wanted search searching offer offering "
    "k o s u v z na do od po se ve ze je pro pri pod nad jsme jsou nebo take ktery "
    "ktera ktere nas nasi nase hledame hledam hleda potrebujeme potrebuji chceme nabizime "
    "sehnat shanime would like find that this can could am be interested help "
    "poptavame umi zajima jeho jeji jejich nam"
)
QUERY_FILLER = frozenset(FILLER_WORDS.split())


def query_keys(query: str) -> list[str]:
    """The keys a query looks for, each once, in order; the query's filler words left out
    if it has other words."""
    words = WORD.findall(fold(query))
    telling = [word for word in words if word not in QUERY_FILLER] or words
    keys = []
    for word in telling:
        key = word_key(word)
        if key not in keys:
            keys.append(key)
    return keys


def matched_keys(text: str, keys: list[str]) -> set[str]:
    """Which of the query's keys the text contains, as search compares them."""
    document = document_keys(text)
    return {key for key in keys if contains(document, key)}


def highlight(text: str, keys: list[str]) -> str:
    """HTML of `text`, escaped, with the words that hold a query key in <mark>."""
    pieces = []
    position = 0
    for match in WORD.finditer(text):
        pieces.append(html.escape(text[position : match.start()]))
        word = match.group()
        escaped = html.escape(word)
        hit = any(key_of(word).startswith(key) for key in keys)
        pieces.append(f"<mark>{escaped}</mark>" if hit else escaped)
        position = match.end()
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)


def excerpt(text: str, keys: list[str], words: int = 24) -> str:
    """A window of about `words` words of `text` around its first matched word."""
    spans = list(WORD.finditer(text))
    if len(spans) <= words:
        return text
    first = next(
        (
            index
            for index, span in enumerate(spans)
            if any(key_of(span.group()).startswith(key) for key in keys)
        ),
        0,
    )
    start = max(0, first - words // 3)
    end = min(len(spans), start + words)
    cut = text[spans[start].start() : spans[end - 1].end()]
    return ("…" if start else "") + cut + ("…" if end < len(spans) else "")
