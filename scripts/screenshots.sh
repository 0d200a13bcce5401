#!/bin/sh
# screenshots.sh: the screenshots docs/dashboard.md and docs/alerts.md show.
# Runs the browser tests (headless Chromium on the shipped example, which
# save their screenshots in BUILD/tests/screenshots; BUILD defaults to
# build) and copies the ones the docs show into docs/screenshots/.  The
# browser test adds one test indicator (测试, a target up to 2030) to the
# shipped plan, so it shows on the wall and in the counts.
set -eu

cd "$(dirname "$0")/.."
BUILD=${1:-build}
(cd "$BUILD" && ctest -R '^test_browser(_digest)?$' --output-on-failure)
shots="$BUILD/tests/screenshots"
mkdir -p docs/screenshots
for f in wall-1920.png bureau-1280.png \
	gdp_rank_province-1280.png gdp_rank_province-390.png \
	digest-phone.png wall-en-1920.png indicator-en-390.png; do
	cp "$shots/$f" "docs/screenshots/$f"
done
echo "screenshots: docs/screenshots/ updated from $shots"
