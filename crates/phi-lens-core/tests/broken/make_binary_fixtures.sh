#!/bin/sh
# Regenerates the three binary fixtures of this corpus from valid_manifest.json.
# Deterministic: `gzip -n` stores no name or time stamp. Run from any directory.
set -eu
cd "$(dirname "$0")"

# invalid_utf8.json: valid_manifest.json with line 24 (model.clinic.visits' description)
# holding an invalid UTF-8 sequence (C3 28) and a cut-short one (E2 82).
{
  head -n 23 valid_manifest.json
  printf '      "description": "One row per vis\303(it \342\202 per visit",\n'
  tail -n +25 valid_manifest.json
} > invalid_utf8.json

# garbage.bin: NULs, an ELF header, invalid UTF-8, an ANSI colour escape and a BEL.
printf '\000\000\000\000\177ELF\002\001\001\000\000\000\000\000\000\000\000\003\000>\000\001\000\000\000\377\376\000\200\201\033[31m\007' > garbage.bin

# truncated_manifest.json.gz: the gzip of valid_manifest.json cut after 200 of its bytes.
gzip -9 -n -c valid_manifest.json | head -c 200 > truncated_manifest.json.gz
