#!/bin/sh
# shards.sh PLANWATCH: archives spread over two rrdcached daemons (shards)
# by their key, written by three planwatch instances, drawn by one
# export (docs/storage.md#shards, docs/scaling.md):
#  - two rrdcached on 127.0.0.1 TCP, each with its own base directory
#    (-b, -B) and journal; three instances (a, b, c: disjoint indicators,
#    local file feeds, one data_dir) list both shards and run `once` at
#    the same time;
#  - each indicator's shard, computed here from the documented key
#    (FNV-1a 64 of "name\0id", fmix64, highest wins), is what `planwatch
#    storage where` says; both shards hold some;
#  - each archive is in exactly that shard's base directory (not in the
#    other's, not in data_dir) and holds the observations: the last
#    update is 2025's value at its end, 2020's value is read back;
#  - a derived indicator of b (d0 = i4 + i5, inputs on west and on
#    east, itself on east) is computed by librrd reading both shards;
#  - a third shard (north) added to every configuration: the next `once`
#    of each instance builds on north, from the journals, exactly the
#    archives whose key now names north; no other archive moves;
#  - a shard stopped: an instance's `once` says which shard failed and
#    still journals and stores the rest; back on its address, the next
#    start writes what its archive lacks;
#  - one configuration over all three instances' indicator files (the
#    same three shards) exports a dashboard that links every indicator, with its
#    page and its three charts present and non-empty; the history chart
#    is drawn by librrd from the archive on its shard;
#  - everything started here is stopped here (trap).
set -eu
bin=$1
tmp=$(mktemp -d)
pids=""
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null || :
	done
	for p in $pids; do
		wait "$p" 2>/dev/null || :
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() {
	echo "shards: $*"
	exit 1
}

# A port nobody listens on now (bound and closed by the kernel's choice).
free_port() {
	python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_shard NAME [PORT]: rrdcached for shard NAME (on PORT, or a free
# one); its address in $addr_NAME, its process in $pid_NAME.
start_shard() {
	d=$tmp/$1
	mkdir -p "$d/base" "$d/journal"
	port=${2:-$(free_port)}
	# -w 3600: nothing written on a timer, so the flush below is what
	# puts the data in the files; -F: all written at exit.
	rrdcached -g -F -w 3600 -z 1 -l "127.0.0.1:$port" -b "$d/base" -B \
	    -j "$d/journal" -p "$d/pid" >"$d/log" 2>&1 &
	pids="$pids $!"
	eval "pid_$1=$!"
	eval "addr_$1=127.0.0.1:$port"
	i=0
	until python3 -c 'import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' \
	    "$port" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "rrdcached for $1 did not start: $(cat "$d/log")"
		sleep 0.05
	done
}
start_shard east
start_shard west

# 12 indicators, 4 per instance, each its own feed of 2016-2025.
mkdir -p "$tmp/feeds" "$tmp/conf.d" "$tmp/data"
value() { # value I YEAR
	echo "$1 $2" | awk '{ printf "%.4f", (100 + $1) * (1.04 ^ ($2 - 2016)) }'
}
# write_feed I LAST: feed I's file, its values from 2016 to LAST.
write_feed() {
	{
		printf '{"data": ['
		for y in $(seq 2016 "$2"); do
			[ "$y" = 2016 ] || printf ', '
			printf '{"year": "%s", "value": %s}' "$y" "$(value "$1" "$y")"
		done
		printf ']}\n'
	} >"$tmp/feeds/f$1.json"
}
for i in $(seq 0 11); do
	write_feed "$i" 2025
done
for x in a b c; do
	case $x in
	a) ids="0 1 2 3" ;;
	b) ids="4 5 6 7" ;;
	c) ids="8 9 10 11" ;;
	esac
	{
		echo "collectors:"
		for i in $ids; do
			echo "  - {id: c$i, url: \"file://$tmp/feeds/f$i.json\", format: json, allow_file: true}"
		done
		echo "indicators:"
		for i in $ids; do
			echo "  - {id: i$i, name: I$i, unit: \"%\", frequency: annual, collector: c$i, stale_after: 3650d, selector: {observations: /data, period: /year, value: /value}}"
		done
		# Inputs on both shards (the key below says so).
		[ $x != b ] ||
		    echo "  - {id: d0, name: D0, unit: \"%\", frequency: annual, derived: \"i4,i5,+\"}"
	} >"$tmp/conf.d/$x.yaml"
done
# main NAME GRAPHS INCLUDE [INSTANCE]: a main configuration file.
main() {
	cat >"$tmp/$1.yaml" <<-END
	data_dir: $tmp/data
	state_dir: $tmp/state-$1
	graph_dir: $tmp/graphs-$1
	graphs: $2
	listen: "off"
	log_level: warn
	locale: en
	group_wait: 0s
	storage:
	  rrdcached:
	END
	for sh in $shards; do
		eval "a=\$addr_$sh"
		echo "    - {name: $sh, address: \"$a\"}"
	done >>"$tmp/$1.yaml"
	echo "include: $3" >>"$tmp/$1.yaml"
	[ $# -lt 4 ] || echo "instance: $4" >>"$tmp/$1.yaml"
}
# configure: every configuration over the shards in $shards.
configure() {
	for x in a b c; do
		main "$x" false "conf.d/$x.yaml" "$x"
	done
	main dash true "conf.d/*.yaml"
}
# once_all: the three instances at once, each writing to every shard.
once_all() {
	run_pids=""
	for x in a b c; do
		"$bin" -c "$tmp/$x.yaml" once >"$tmp/once-$x.log" 2>&1 &
		run_pids="$run_pids $!"
	done
	for p in $run_pids; do
		wait "$p" || fail "once failed: $(cat "$tmp"/once-*.log)"
	done
}
shards="east west"
configure
once_all

# The key, computed here from its definition (docs/storage.md#shards).
key() {
	python3 - "$@" <<-'END'
	import sys
	M = (1 << 64) - 1
	def weight(name, ind):
	    h = 0xcbf29ce484222325
	    for c in name.encode() + b"\0" + ind.encode():
	        h = ((h ^ c) * 0x100000001b3) & M
	    for s, m in ((33, 0xff51afd7ed558ccd), (33, 0xc4ceb9fe1a85ec53),
	                 (33, None)):
	        h ^= h >> s
	        if m:
	            h = (h * m) & M
	    return h
	# The highest weight; on a tie the smaller name (max keeps the
	# first of equals).
	names = sorted(sys.argv[1].split())
	for ind in sys.argv[2:]:
	    print(ind, max(names, key=lambda n: weight(n, ind)))
	END
}
# The derived indicator's inputs on the two shards, as the test means.
[ "$(key "$shards" i4 i5 d0 | tr '\n' ' ')" = "i4 west i5 east d0 east " ] ||
    fail "the key no longer puts i4, i5 and d0 where the test needs them"
ids="$(seq 0 11 | sed 's/^/i/' | tr '\n' ' ')d0"
# where KEYFILE: the key of every id over $shards into KEYFILE, checked
# against `storage where` (shard, its address, the name there).
where() {
	# shellcheck disable=SC2086
	key "$shards" $ids >"$1"
	# shellcheck disable=SC2086
	"$bin" -c "$tmp/dash.yaml" storage where $ids >"$tmp/where.txt"
	awk '{ print $1, $2 }' "$tmp/where.txt" | diff "$1" - ||
	    fail "storage where disagrees with the key"
	while read -r id shard addr name; do
		eval "want=\$addr_$shard"
		[ "$addr" = "$want" ] && [ "$name" = "$id.rrd" ] ||
		    fail "storage where $id: '$shard $addr $name'"
	done <"$tmp/where.txt"
}
where "$tmp/key.txt"
grep -q ' east$' "$tmp/key.txt" || fail "no archive on east"
grep -q ' west$' "$tmp/key.txt" || fail "no archive on west"

# expected ID YEAR: the value stored for ID's YEAR (4 decimals).
expected() {
	case $1 in
	d0) echo "$(value 4 "$2") $(value 5 "$2")" |
	    awk '{ printf "%.4f", $1 + $2 }' ;;
	*) value "${1#i}" "$2" ;;
	esac
}

# holds ID SHARD: the archive of ID is in SHARD's base directory, with
# the observations in it (flushed first), and not in data_dir.
end2025=1767225600
holds() {
	id=$1
	eval "addr=\$addr_$2"
	rrdtool flushcached --daemon "$addr" "$id.rrd" ||
	    fail "flush $id.rrd on $2"
	f=$tmp/$2/base/$id.rrd
	[ -f "$f" ] || fail "$id: no archive on $2 ($(ls "$tmp/$2/base"))"
	[ ! -e "$tmp/data/$id.rrd" ] || fail "$id: an archive in data_dir"
	v2025=$(expected "$id" 2025)
	v2020=$(expected "$id" 2020)
	last=$(rrdtool lastupdate "$f" | awk -F': *' 'NR == 3 { print $1, $2 }')
	got=$(echo "$last" | awk '{ printf "%d %.4f", $1, $2 }')
	[ "$got" = "$end2025 $v2025" ] ||
	    fail "$id lastupdate: '$last', expected '$end2025 $v2025'"
	# 2020-07-01: a day of 2020, which holds 2020's value.
	got=$(rrdtool fetch "$f" AVERAGE -s 1593561600 -e 1593561600 |
	    awk -F': *' '$1 == 1593648000 { printf "%.4f", $2 }')
	[ "$got" = "$v2020" ] || fail "$id 2020: '$got', expected '$v2020'"
}

# Each archive on its shard only.
while read -r id shard; do
	other=east
	[ "$shard" = east ] && other=west
	holds "$id" "$shard"
	[ ! -e "$tmp/$other/base/$id.rrd" ] || fail "$id: an archive on $other too"
done <"$tmp/key.txt"

# A third shard: only what its key now names north moves there, built
# from the journals by each instance's next start (its catch-up).
start_shard north
shards="east west north"
configure
once_all
where "$tmp/key3.txt"
moved=0
while read -r id old && read -r id3 new <&3; do
	[ "$id" = "$id3" ] || fail "key files out of step: $id, $id3"
	if [ "$new" = north ]; then
		holds "$id" north
		moved=$((moved + 1))
	else
		[ "$new" = "$old" ] || fail "$id moved from $old to $new"
		[ ! -e "$tmp/north/base/$id.rrd" ] || fail "$id: on north too"
		holds "$id" "$old"
	fi
done <"$tmp/key.txt" 3<"$tmp/key3.txt"
[ $moved -gt 0 ] || fail "nothing moved to north"

# A shard away: i1's archive (west) falls behind, i0's (north) does not,
# the failure names the shard; back on its address, the next start
# writes what i1's archive lacks from the journal.
grep -q '^i0 north$' "$tmp/key3.txt" && grep -q '^i1 west$' "$tmp/key3.txt" ||
    fail "the key no longer puts i0 on north and i1 on west"
kill "$pid_west"
wait "$pid_west" || :
west_port=${addr_west#127.0.0.1:}
for i in 0 1; do
	write_feed "$i" 2026
done
"$bin" -c "$tmp/a.yaml" once >"$tmp/once-a-away.log" 2>&1 || :
grep -q "i1.*shard west at $addr_west" "$tmp/once-a-away.log" ||
    fail "the failure does not name shard west: $(cat "$tmp/once-a-away.log")"
grep -q '"period":"2026"' "$tmp/data/i1.journal" ||
    fail "i1's 2026 not journaled while its shard was away"
# last2026 ID SHARD: ID's archive on SHARD ends with 2026's value.
last2026() {
	eval "addr=\$addr_$2"
	rrdtool flushcached --daemon "$addr" "$1.rrd" || fail "flush $1.rrd"
	got=$(rrdtool lastupdate "$tmp/$2/base/$1.rrd" |
	    awk -F': *' 'NR == 3 { printf "%d %.4f", $1, $2 }')
	[ "$got" = "1798761600 $(value "${1#i}" 2026)" ] ||
	    fail "$1 on $2: last update '$got', expected the end of 2026"
}
last2026 i0 north
start_shard west "$west_port"
"$bin" -c "$tmp/a.yaml" once >"$tmp/once-a-back.log" 2>&1 ||
    fail "once with west back failed: $(cat "$tmp/once-a-back.log")"
last2026 i1 west

# One dashboard over all instances, its charts read from all shards.
"$bin" -c "$tmp/dash.yaml" export "$tmp/site" >"$tmp/export.log" 2>&1 ||
    fail "export failed: $(cat "$tmp/export.log")"
for id in $ids; do
	grep -q "indicator/$id\.html" "$tmp/site/index.html" ||
	    fail "the dashboard does not link $id"
	[ -s "$tmp/site/indicator/$id.html" ] || fail "no page for $id"
	for v in "" .history .spark; do
		[ -s "$tmp/site/graph/$id$v.png" ] || fail "no chart $id$v.png"
	done
done
echo "shards: 13 archives over 2 shards by their key, $moved moved to a" \
    "third, a shard away and back, one dashboard of 13"
