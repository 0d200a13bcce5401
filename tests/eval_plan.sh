#!/bin/sh
# eval_plan.sh PLANWATCH ETC EXPECTED: runs planwatch once on a copy of
# the shipped plan (ETC, bundled file: feeds), then compares
# `eval --json --at 2026-11-26` with the expected document.  A difference
# is a change in what the statistics office would read: review it, and
# when it is right, regenerate EXPECTED with PW_UPDATE=1.
set -eu
bin=$1
etc=$2
expected=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$etc" "$tmp/etc"
if ! "$bin" -c "$tmp/etc/planwatch.yaml" once 2>"$tmp/once.log"; then
	cat "$tmp/once.log"
	echo "eval_plan: planwatch once failed"
	exit 1
fi
"$bin" -c "$tmp/etc/planwatch.yaml" eval --json --at 2026-11-26 \
    >"$tmp/eval.json"
if [ "${PW_UPDATE:-}" = 1 ]; then
	cp "$tmp/eval.json" "$expected"
	echo "eval_plan: $expected written"
fi
diff -u "$expected" "$tmp/eval.json"
echo "eval_plan: eval --json matches $expected"
