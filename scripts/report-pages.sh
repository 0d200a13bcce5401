#!/bin/sh
# report-pages.sh: renders the first pages of the shipped example's final
# evaluation for docs/reports.md.  Runs planwatch (BUILD/planwatch,
# default build/planwatch) once on a copy of etc/ in a scratch directory
# (build-report-pages/), then `report final`, then draws with pdftoppm
# (poppler-utils) the title page, the contents, the verdict, the first
# page of the indicator table and the first page of the indicators
# behind schedule into docs/reports/.  The final evaluation is judged as
# of today, so its date moves: rerun it when the documents change.
set -eu

cd "$(dirname "$0")/.."
BUILD=${1:-build}
scratch=build-report-pages
rm -rf "$scratch"
mkdir -p "$scratch/out" docs/reports
cp -r etc "$scratch/etc"
export TZ=UTC LC_ALL=C.UTF-8
"$BUILD/planwatch" -c "$scratch/etc/planwatch.yaml" once >"$scratch/once.log" 2>&1 ||
	{ cat "$scratch/once.log"; exit 1; }
"$BUILD/planwatch" -c "$scratch/etc/planwatch.yaml" report final \
	--out "$scratch/out" >/dev/null
pdf=$scratch/out/final.pdf
# The page where the indicators behind schedule begin.
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
behind=
for p in $(seq 3 "$pages"); do  # past the contents, which name it too
	if pdftotext -f "$p" -l "$p" "$pdf" - | grep -q '^三、滞后指标及原因'; then
		behind=$p
		break
	fi
done
rm -f docs/reports/final-*.png
for p in 1 2 3 4 $behind; do
	pdftoppm -r 60 -f "$p" -l "$p" -png -singlefile "$pdf" \
		"docs/reports/final-page-$p"
done
echo "report-pages: docs/reports/final-page-*.png drawn ($pages pages)"
