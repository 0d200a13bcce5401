#!/bin/sh
# report_api.sh PLANWATCH FIXTURES: the plan office's documents from the
# admin API (POST /api/v1/admin/reports) of a daemon started here on
# 127.0.0.1 with the test plan (FIXTURES: tests/fixtures/report):
#  - no token: 401; a wrong one: 403;
#  - a bad kind, year, language or format: 400 naming it;
#  - the final evaluation as PDF: application/pdf, its file name, and the
#    same text as planwatch report's PDF of the same data;
#  - the same asked in a JSON body: the 2022 analysis as an English
#    workbook, and the page as HTML;
#  - a client that hangs up while its PDF is made does not hurt the
#    daemon, which answers the next ask and stops cleanly.
set -eu
bin=$1
fixtures=$2
tmp=$(mktemp -d)
pid=
cleanup() {
	[ -z "$pid" ] || kill "$pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
	echo "report_api: $*"
	[ ! -f "$tmp/daemon.log" ] || tail -20 "$tmp/daemon.log"
	exit 1
}
cp -r "$fixtures" "$tmp/plan"
conf=$tmp/plan/plan.yaml
token=correct-horse-battery-staple
printf '%s\n' "$token" >"$tmp/plan/token"
chmod 600 "$tmp/plan/token"
printf 'listen: "127.0.0.1:0"\nadmin_token_file: token\n' >>"$conf"
"$bin" -c "$conf" once 2>"$tmp/once.log" || fail "planwatch once failed"
"$bin" -c "$conf" run >"$tmp/daemon.log" 2>&1 &
pid=$!
port=
for _ in $(seq 100); do
	port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
	    "$tmp/daemon.log" 2>/dev/null | head -1)
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || fail "the daemon does not listen"
url=http://127.0.0.1:$port/api/v1/admin/reports

# ask WHAT OUT [CURL-ARGS...]: POST with the token; the status in
# $tmp/status, the headers in $tmp/headers, the body in OUT.
ask() {
	what=$1
	out=$2
	shift 2
	curl -s -o "$out" -D "$tmp/headers" -w '%{http_code}' \
	    -H "Authorization: Bearer $token" -X POST --max-time 120 "$@" \
	    >"$tmp/status" || fail "$what: curl failed"
}
status_is() {
	[ "$(cat "$tmp/status")" = "$2" ] ||
	    fail "$1: status $(cat "$tmp/status"), not $2 ($(cat "$3"))"
}
header_is() {
	tr -d '\r' <"$tmp/headers" | grep -qixF "$2: $3" ||
	    fail "$1: no header '$2: $3' in $(cat "$tmp/headers")"
}

code=$(curl -s -o "$tmp/e" -w '%{http_code}' -X POST "$url?kind=final")
[ "$code" = 401 ] || fail "no token: $code, not 401"
code=$(curl -s -o "$tmp/e" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer wrong-token-wrong-token" "$url?kind=final")
[ "$code" = 403 ] || fail "a wrong token: $code, not 403"

# bad QUERY WORDS: 400 and the error names it.
bad() {
	ask "$1" "$tmp/e" "$url?$1"
	status_is "$1" 400 "$tmp/e"
	grep -q "$2" "$tmp/e" || fail "$1: '$2' not said: $(cat "$tmp/e")"
}
bad "kind=yearly" "kind: annual, midterm or final, not 'yearly'"
bad "year=2022" "kind: "
bad "kind=annual" "year: an annual document needs one"
bad "kind=annual&year=20x2" "year: not a year: '20x2'"
bad "kind=annual&year=2030" "year 2030 is outside the plan (2021–2025)"
bad "kind=final&year=2022" "year: only an annual document has one"
bad "kind=final&lang=fr" "lang: en or zh-CN, not 'fr'"
bad "kind=final&format=doc" "format: pdf, xlsx or html, not 'doc'"
ask "not JSON" "$tmp/e" "$url" --data 'kind=final'
status_is "not JSON" 400 "$tmp/e"

# The final evaluation as PDF: the command's document.
ask "final pdf" "$tmp/final.pdf" "$url?kind=final&format=pdf"
status_is "final pdf" 200 "$tmp/final.pdf"
header_is "final pdf" Content-Type application/pdf
header_is "final pdf" Content-Disposition 'attachment; filename="final.pdf"'
mkdir "$tmp/cli"
"$bin" -c "$conf" report final --out "$tmp/cli" >/dev/null 2>&1 ||
    fail "planwatch report final failed"
pdftotext -layout "$tmp/final.pdf" "$tmp/api.txt" ||
    fail "the API's PDF does not read"
pdftotext -layout "$tmp/cli/final.pdf" "$tmp/cli.txt"
grep -q '^总结评估报告' "$tmp/api.txt" || fail "final pdf: no title"
cmp -s "$tmp/api.txt" "$tmp/cli.txt" || {
	diff "$tmp/api.txt" "$tmp/cli.txt" | head -20
	fail "the API's final evaluation is not planwatch report's"
}

# A JSON body: the 2022 analysis, in English, as a workbook.
ask "annual xlsx" "$tmp/a.xlsx" "$url" -H 'Content-Type: application/json' \
    --data '{"kind": "annual", "year": 2022, "lang": "en", "format": "xlsx"}'
status_is "annual xlsx" 200 "$tmp/a.xlsx"
header_is "annual xlsx" Content-Type \
    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
header_is "annual xlsx" Content-Disposition \
    'attachment; filename="annual-2022.xlsx"'
/usr/bin/python3 - "$tmp/a.xlsx" <<'PY' || fail "annual xlsx: not the 2022 analysis in English"
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
s = wb["Summary"]
assert s["B2"].value == "Annual monitoring analysis 2022", s["B2"].value
assert s["A1"].value == "Plan", s["A1"].value
PY
ask "midterm html" "$tmp/m.html" "$url" --data '{"kind": "midterm", "format": "html"}'
status_is "midterm html" 200 "$tmp/m.html"
header_is "midterm html" Content-Type 'text/html; charset=utf-8'
grep -q '中期评估报告' "$tmp/m.html" || fail "midterm html: no title"

# A client that hangs up while its PDF is made (the request sent whole,
# the connection closed at once); then the next ask.
/usr/bin/python3 - "$port" "$token" <<'PY' || fail "the hang-up's request not sent"
import socket
import sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(("POST /api/v1/admin/reports?kind=final HTTP/1.1\r\n"
           "Host: 127.0.0.1\r\nAuthorization: Bearer " + sys.argv[2] +
           "\r\nContent-Length: 0\r\n\r\n").encode())
s.close()
PY
# Its document is made all the same (the second final.pdf); evhttp 2.1
# may see the close only when the reply is written, and drops it then.
for _ in $(seq 100); do
	[ "$(grep -c 'final.pdf made' "$tmp/daemon.log")" -ge 2 ] && break
	sleep 0.1
done
[ "$(grep -c 'final.pdf made' "$tmp/daemon.log")" -ge 2 ] ||
    fail "the hang-up: its document never made"
ask "after a hang-up" "$tmp/f2.pdf" "$url?kind=midterm"
status_is "after a hang-up" 200 "$tmp/f2.pdf"
header_is "after a hang-up" Content-Disposition 'attachment; filename="midterm.pdf"'
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
[ "$rc" -eq 0 ] || fail "the daemon exited $rc"
if grep -q 'ERROR: AddressSanitizer' "$tmp/daemon.log"; then
	fail "AddressSanitizer in the daemon's log"
fi
grep -q 'final.pdf made' "$tmp/daemon.log" || fail "no 'final.pdf made' logged"
echo "report_api: ok"
