#!/bin/sh
# formats.sh PLANWATCH: runs planwatch once over formats.yaml (every feed
# format, read from the test fixtures) in a scratch copy, then checks that
# each indicator's journal holds exactly the values of its fixture.
set -eu
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tests"
cp -r "$here" "$tmp/tests/formats"
cp -r "$here/../fixtures" "$tmp/tests/fixtures"
if ! "$bin" -c "$tmp/tests/formats/formats.yaml" once 2>"$tmp/log"; then
	cat "$tmp/log"
	echo "formats: planwatch once failed"
	exit 1
fi
fail=0
# expect INDICATOR "PERIOD VALUE ..." : the journal holds exactly these.
expect() {
	got=$(sed -n 's/^{"period":"\([^"]*\)","value":\([^,]*\),.*/\1 \2/p' \
	    "$tmp/tests/formats/var/data/$1.journal" | tr '\n' ' ' |
	    sed 's/ $//')
	if [ "$got" != "$2" ]; then
		echo "formats: $1: journal has \"$got\", want \"$2\""
		fail=1
	else
		echo "formats: $1: $got"
	fi
}
expect csv_gdp "2019 870.52 2020 912.18 2021 1003.56 2022 1030.11 2023 1048.97"
expect csv_population "2019 80.9 2020 81.6 2021 82.3 2023 83.0"
expect sdmx_json_gdp "2020 902.27 2021 980.6 2022 1021.3 2023 1048.97"
expect sdmx_json_gulou "2020 1478.1 2021 1565.2 2023 1680.4"
expect jsonstat_revenue "2020 48.1 2021 52.6 2022 50.9 2023 53.3"
# has INDICATOR "PERIOD VALUE": the journal holds this observation.
has() {
	if grep -q "^{\"period\":\"${2% *}\",\"value\":${2#* }," \
	    "$tmp/tests/formats/var/data/$1.journal"; then
		echo "formats: $1: has $2"
	else
		echo "formats: $1: lacks $2"
		fail=1
	fi
}
has worldbank_gdp "2021 17734062645371.4"
has worldbank_gdp "2023 17794783039552.0"
has nbs_gdp "2021 1149237.0"
has nbs_gdp "2023 1260582.1"
# The first record (line 1 is the journal's header, docs/journal.md).
first=$(sed -n '/^{"period"/{s/^{"period":"\([^"]*\)","value":\([^,]*\),.*/\1 \2/p;q;}' \
    "$tmp/tests/formats/var/data/sdmx_csv_gdp.journal")
[ "$first" = "2019 98651.52" ] || { echo "formats: sdmx_csv_gdp starts \"$first\""; fail=1; }
[ $fail -eq 0 ] && echo "formats: every format stored its fixture's values"
exit $fail
