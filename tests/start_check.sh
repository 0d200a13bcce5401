#!/bin/sh
# start_check.sh PLANWATCH: an archive left behind its journal (a crash
# after a revision was journaled, before the archive was rebuilt) is made
# right at the next start, though the start checks archives 1,024 at a
# time and the indicator's own fetch may come before its check:
#  - 1,100 indicators on local file feeds, 2016 to 2024; `once`;
#  - the last one's 2018 value is revised and `once` rebuilds its archive;
#    its archive from before the revision is put back, older than the
#    journal (what a crash between the two writes leaves);
#  - its feed gains 2025 and `once` runs: whichever comes first, the
#    start's check or the job of the new value, the archive reads the
#    revised 2018 and the new 2025 back, and every other indicator's
#    archive its own values.
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
fail() {
	echo "start_check: $*"
	exit 1
}
n=1100
last=$((n - 1))
mkdir -p "$tmp/feeds"
# feed I LAST-YEAR REVISED-2018: feed I's file, 2016 to LAST-YEAR.
feed() {
	awk -v i="$1" -v to="$2" -v r="$3" 'BEGIN {
		printf "{\"data\": ["
		for (y = 2016; y <= to; y++) {
			v = (y == 2018 && r != "") ? r : i + (y - 2000) / 100
			sep = y > 2016 ? ", " : ""
			printf "%s{\"year\": \"%d\", \"value\": %s}", sep, y, v
		}
		printf "]}\n"
	}' >"$tmp/feeds/f$1.json"
}
awk -v n=$n -v t="$tmp" 'BEGIN {
	printf "data_dir: %s/data\nstate_dir: %s/state\n", t, t
	printf "graph_dir: %s/graphs\ngraphs: false\nlisten: \"off\"\n", t
	printf "log_level: warn\nlocale: en\ngroup_wait: 0s\n"
	printf "smtp:\n  transport: none\ncollectors:\n"
	# The last indicator'"'"'s collector first: its fetch comes early,
	# its archive check (in the order of the indicators) late.
	for (k = 0; k < n; k++) {
		i = (k + n - 1) % n
		printf "  - {id: c%d, url: \"file://%s/feeds/f%d.json\", " \
		    "format: json, allow_file: true}\n", i, t, i
	}
	printf "indicators:\n"
	for (i = 0; i < n; i++)
		printf "  - {id: i%d, name: I%d, unit: u, frequency: annual, " \
		    "collector: c%d, stale_after: 3650d, selector: " \
		    "{observations: /data, period: /year, value: /value}}\n", \
		    i, i, i
}' >"$tmp/p.yaml"
for i in $(seq 0 $last); do
	feed "$i" 2024 ""
done
"$bin" -c "$tmp/p.yaml" once || fail "first once failed"
rrd=$tmp/data/i$last.rrd
cp -p "$rrd" "$tmp/before.rrd"
feed $last 2024 777.5
"$bin" -c "$tmp/p.yaml" once || fail "the revision's once failed"
# The crash's leftover: the old archive, older than the journal.
cp -p "$tmp/before.rrd" "$rrd"
touch -d '2020-01-01' "$rrd"
feed $last 2025 777.5
"$bin" -c "$tmp/p.yaml" once || fail "the last once failed"
# value_at FILE YEAR: the archive's value in the middle of YEAR.
value_at() {
	t=$(date -u -d "$2-07-01" +%s)
	rrdtool fetch "$1" AVERAGE -s $((t - 86400)) -e "$t" |
	    awk -F': ' 'NF == 2 && $2 != "" { v = $2 } END { print v + 0 }'
}
got=$(value_at "$rrd" 2018)
[ "$(echo "$got" | awk '{ printf "%.1f", $1 }')" = 777.5 ] ||
    fail "i$last: 2018 reads $got, not the revised 777.5"
got=$(value_at "$rrd" 2025)
want=$(awk -v i=$last 'BEGIN { printf "%.2f", i + 25 / 100 }')
[ "$(echo "$got" | awk '{ printf "%.2f", $1 }')" = "$want" ] ||
    fail "i$last: 2025 reads $got, not $want"
for i in 0 512 1023 1024 1098; do
	got=$(value_at "$tmp/data/i$i.rrd" 2024)
	want=$(awk -v i=$i 'BEGIN { printf "%.2f", i + 24 / 100 }')
	[ "$(echo "$got" | awk '{ printf "%.2f", $1 }')" = "$want" ] ||
	    fail "i$i: 2024 reads $got, not $want"
done
echo "start_check: ok"
