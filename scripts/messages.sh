#!/usr/bin/env bash
# Refresh the Czech catalogue: collect messages, fill them from translation tables, compile.
#   scripts/messages.sh [TABLE.py ...]   (each TABLE defines T = {msgid: msgstr}, P = plurals)
# A lock keeps two people (or helpers) from rewriting the catalogue at the same time.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/modus-messages.lock
flock 9
(
  cd src/modus
  ../../.venv/bin/modus makemessages -l cs --no-location \
    --ignore='matchmaking/scheduling/*' --ignore='matchmaking/recommend/*' >/dev/null
  rm -rf var
)
status=0
for table in "$@"; do
  .venv/bin/python scripts/translate.py "$table" || status=$?
done
.venv/bin/modus compilemessages >/dev/null
exit $status
