"""`modus schedule-instance` (being written by the scheduling helper)."""


def main(argv: list[str]) -> int:
    raise SystemExit("schedule-instance is not built yet")
