"""Receipt codes: random, shown only to the voter; the ballot list carries their SHA-256.

Anyone holding a receipt can hash it (`sha256("modus-ballot:" + code)`, code upper-case
without dashes) and find their ballot in the published list; nobody can go the other way.
"""

import hashlib
import secrets

from django.utils.crypto import salted_hmac

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones
LENGTH = 16  # 80 bits


def new_receipt() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(code[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:64]


def receipt_hash(code: str) -> str:
    return hashlib.sha256(("modus-ballot:" + normalise(code)).encode()).hexdigest()


def owner_hash(voter_id: int, code: str) -> str:
    """What lets only the voter who cast a ballot replace it with their receipt. Made from the
    receipt itself, never from its published hash, and keyed with the site's secret: without
    the receipt it names nobody, so the ballot stays secret."""
    value = f"{voter_id}:{normalise(code)}"
    return salted_hmac("modus-ballot-owner", value, algorithm="sha256").hexdigest()
