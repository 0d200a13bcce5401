#!/bin/sh
# gallery.sh: draws the chart gallery of docs/charts.md.  Runs planwatch
# (BUILD/planwatch, default build/planwatch) once on docs/charts/gallery.yaml
# (made-up series, one indicator per target kind and view) in a scratch
# directory (build-gallery/), then copies the charts it shows into
# docs/charts/.  The verdicts depend on today's date (a target whose time
# is over gets its final verdict), so rerun it when the charts change.
set -eu

cd "$(dirname "$0")/.."
BUILD=${1:-build}
rm -rf build-gallery
mkdir -p build-gallery
export TZ=UTC LC_ALL=C
"$BUILD/planwatch" -c docs/charts/gallery.yaml once >build-gallery/once.log 2>&1 ||
	{ cat build-gallery/once.log; exit 1; }
for id in reach_linear reach_compound reach_about growth_yoy growth_cagr \
	floor ceiling rank decline rise count ytd quarterly; do
	cp "build-gallery/graphs/$id.png" "docs/charts/$id.png"
done
cp build-gallery/graphs/reach_compound.spark.png docs/charts/spark_reach.png
cp build-gallery/graphs/growth_yoy.spark.png docs/charts/spark_growth.png
cp build-gallery/graphs/floor.history.png docs/charts/history.png
echo "gallery: docs/charts/*.png drawn"
