#!/bin/sh
# demo.sh: the README's first command.  Installs what is missing, builds,
# and runs planwatch once on the shipped example (etc/planwatch.yaml):
# bundled feeds in, RRD archives, PNG charts and an alert e-mail (a
# Maildir file) out, all under var/.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh build
./build/planwatch -c etc/planwatch.yaml check-config
./build/planwatch -c etc/planwatch.yaml once
./build/planwatch -c etc/planwatch.yaml eval
echo
echo "archives: $(ls var/data/*.rrd | wc -l) in var/data/ (journals beside them)"
echo "charts:   $(ls var/graphs/*.png | wc -l) in var/graphs/, e.g. var/graphs/gdp.png"
echo "e-mail:   $(ls var/mail/new/* 2>/dev/null | tr '\n' ' ')"
echo "(run it again: the data is up to date and nothing is mailed twice)"
