"""Receipt codes: random, shown only to the voter; the ballot list carries their SHA-256.

Anyone holding a receipt can hash it (`sha256("modus-ballot:" + code)`, code upper-case
without dashes) and find their ballot in the published list; nobody can go the other way.
"""

import hashlib
import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones
LENGTH = 16  # 80 bits


def new_receipt() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(code[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:64]


def receipt_hash(code: str) -> str:
    return hashlib.sha256(("modus-ballot:" + normalise(code)).encode()).hexdigest()
