#!/bin/sh
# layers_planted.sh: scripts/check-layers.sh must fail on an include cycle.
# A copy of the sources gets one planted cycle (log.h, in the base, made to
# include runner.h, which reaches log.h again) and the check must say
# "include cycle" and name log; on the untouched copy it must pass.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/scripts"
cp -R "$src/daemon" "$src/collectors" "$src/graphs" "$tmp/"
cp "$src/scripts/check-layers.sh" "$tmp/scripts/"
if ! "$tmp/scripts/check-layers.sh" "$tmp" >"$tmp/clean.out" 2>&1; then
	echo "layers_planted: the untouched copy fails:"
	cat "$tmp/clean.out"
	exit 1
fi
printf '#include "runner.h"\n' >>"$tmp/daemon/base/log.h"
if "$tmp/scripts/check-layers.sh" "$tmp" >"$tmp/planted.out" 2>&1; then
	echo "layers_planted: a planted cycle (log.h -> runner.h) passed"
	exit 1
fi
grep -q "include cycle" "$tmp/planted.out" && grep -qx "  log" "$tmp/planted.out" || {
	echo "layers_planted: the cycle was not named:"
	cat "$tmp/planted.out"
	exit 1
}
# A module-level cycle inside one folder is caught too: plant a second
# case in a fresh copy (csv_table.c including csv_feed.h: csv_feed ->
# csv_rows -> csv_table -> csv_feed).
cp "$src/daemon/base/log.h" "$tmp/daemon/base/log.h"
printf '#include "csv_feed.h"\n' >>"$tmp/collectors/csv_table.c"
if "$tmp/scripts/check-layers.sh" "$tmp" >"$tmp/planted2.out" 2>&1; then
	echo "layers_planted: a planted cycle (csv_table.c -> csv_feed.h) passed"
	exit 1
fi
grep -q "include cycle" "$tmp/planted2.out" || {
	cat "$tmp/planted2.out"
	exit 1
}
echo "layers_planted: both planted cycles found"
