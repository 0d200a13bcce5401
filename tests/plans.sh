#!/bin/sh
# plans.sh PLANWATCH FIXTURES EXAMPLE: two plans in one configuration (FIXTURES:
# plans.yaml, the 14th 2021-2025 and the 15th 2026-2030; feed.json):
#  - eval --at before, during each and after: the plan shown, in force or
#    not, and the roll-up counting only its targets;
#  - eval --plan counts the plan asked for;
#  - report final/annual --plan: each plan's own years and file names;
#  - the export's dashboard names the plan in force and links the final
#    evaluation of the plan before, written beside it;
#  - an unknown --plan refused, nothing written;
#  - the daemon (run) links its own page of the final evaluation,
#    /report/final-p14, which it serves (an unknown plan: 404);
#  - the shipped example (EXAMPLE: etc/, its one plan:) keeps its plain
#    file names, and its export's dashboard links its final evaluation.
set -eu
bin=$1
fixtures=$2
example=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$fixtures" "$tmp/plan"
conf=$tmp/plan/plans.yaml
fail() {
	echo "plans: $*"
	exit 1
}
"$bin" -c "$conf" once 2>"$tmp/once.log" || {
	cat "$tmp/once.log"
	fail "planwatch once failed"
}

# plan_at DATE [--plan ID]: "id in_force targets counted-ids" of eval --json.
plan_at() {
	d=$1
	shift
	"$bin" -c "$conf" eval --json --at "$d" "$@" | python3 -c '
import json, sys
d = json.load(sys.stdin)
p = d["plan"]
ids = sorted(t["id"] for i in d["indicators"] for t in i["targets"]
             if t["counted"])
print(p["id"], p["in_force"], p["targets"], ",".join(ids))'
}
expect() {
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}
expect "$(plan_at 2020-06-30)" "p14 False 3 cagr,ceiling14,reach14" \
    "before the first plan"
expect "$(plan_at 2024-06-30)" "p14 True 3 cagr,ceiling14,reach14" \
    "during the 14th"
expect "$(plan_at 2027-06-30)" "p15 True 2 ceiling15,reach15" \
    "during the 15th"
expect "$(plan_at 2031-06-30)" "p15 False 2 ceiling15,reach15" \
    "after the last"
expect "$(plan_at 2027-06-30 --plan p14)" "p14 False 3 cagr,ceiling14,reach14" \
    "eval --plan p14 during the 15th"
"$bin" -c "$conf" eval --at 2027-06-30 >"$tmp/eval.txt"
grep -q '^规划：测试区第十五个五年规划（2026–2030 年，实施中）$' "$tmp/eval.txt" ||
    fail "eval's text does not name the plan in force"
grep -q 'reach14' "$tmp/eval.txt" && fail "eval lists the ended plan's target"

# report --plan: each plan its own years, its id in the file names.
mkdir "$tmp/out"
for p in p14 p15; do
	"$bin" -c "$conf" report final --plan $p --out "$tmp/out" >/dev/null ||
	    fail "report final --plan $p failed"
	for ext in pdf xlsx html; do
		[ -s "$tmp/out/final-$p.$ext" ] || fail "final-$p.$ext not written"
	done
	pdftotext -layout "$tmp/out/final-$p.pdf" "$tmp/final-$p.txt"
done
grep -q '规划期：2021–2025' "$tmp/final-p14.txt" || fail "final-p14: years"
grep -q '^测试区第十四个五年规划' "$tmp/final-p14.txt" || fail "final-p14: name"
grep -Eq '2021 年实 .* 2025 年实' "$tmp/final-p14.txt" ||
    fail "final-p14: the columns of 2021 to 2025"
grep -q '合计 *3$' "$tmp/final-p14.txt" || fail "final-p14: its 3 targets"
grep -q '2026 年实' "$tmp/final-p14.txt" && fail "final-p14 shows 2026"
grep -q '规划期：2026–2030' "$tmp/final-p15.txt" || fail "final-p15: years"
grep -q '合计 *2$' "$tmp/final-p15.txt" || fail "final-p15: its 2 targets"
"$bin" -c "$conf" report annual --year 2023 --plan p14 --out "$tmp/out" \
    >/dev/null || fail "report annual --year 2023 --plan p14 failed"
[ -s "$tmp/out/annual-2023-p14.pdf" ] || fail "annual-2023-p14.pdf"
"$bin" -c "$conf" report annual --year 2023 --plan p15 --out "$tmp/out" \
    2>"$tmp/err" && fail "2023 accepted for the 15th plan"
grep -q 'outside the plan (2026–2030)' "$tmp/err" || {
	cat "$tmp/err"
	fail "2023 for the 15th: no clear error"
}
# The default is the plan in force today (2026 or later: the 15th).
"$bin" -c "$conf" report midterm --out "$tmp/out" >/dev/null
[ -s "$tmp/out/midterm-p15.pdf" ] || fail "report midterm: not the 15th's"

# An unknown plan: refused, nothing written.
mkdir "$tmp/none"
"$bin" -c "$conf" report final --plan p99 --out "$tmp/none" 2>"$tmp/err" &&
    fail "report --plan p99 accepted"
grep -q "unknown plan 'p99'" "$tmp/err" || fail "report --plan p99: no error"
[ -z "$(ls -A "$tmp/none")" ] || fail "report --plan p99 wrote something"
"$bin" -c "$conf" eval --plan p99 2>"$tmp/err" >/dev/null &&
    fail "eval --plan p99 accepted"
grep -q "unknown plan 'p99'" "$tmp/err" || fail "eval --plan p99: no error"

# The export: the 15th in force, the 14th's final evaluation beside it.
"$bin" -c "$conf" export "$tmp/site" 2>"$tmp/export.log" || {
	cat "$tmp/export.log"
	fail "export failed"
}
grep -q '现行规划：测试区第十五个五年规划（2026–2030 年）' "$tmp/site/index.html" ||
    fail "the dashboard does not name the plan in force"
grep -q '<a href="report/final-p14.html">测试区第十四个五年规划 总结评估报告</a>' \
    "$tmp/site/index.html" || fail "the dashboard does not link the 14th's final"
[ -s "$tmp/site/report/final-p14.html" ] || fail "report/final-p14.html"
grep -q '<p>规划评估（测试区第十四个五年规划）：<a href="report/final-p14.html">总结评估报告</a> · <a href="report/midterm-p14.html">中期评估报告</a>' \
    "$tmp/site/index.html" || fail "the dashboard's documents: not under their plan's name"
grep -q '2025 年实际' "$tmp/site/report/final-p14.html" ||
    fail "final-p14.html: no 2025 column"
grep -q '2026 年实际' "$tmp/site/report/final-p14.html" &&
    fail "final-p14.html: a 2026 column"
grep -q '测试区第十四个五年规划（2021–2025 年，已结束）' \
    "$tmp/site/indicator/output.html" ||
    fail "output's page: no section of the ended plan"
# The chart and the planned values are of the plan in force's target.
grep -q '2030 年达到 220 亿元' "$tmp/site/graph/output.svg" ||
    fail "output's chart: not the 15th plan's target"
grep -q '2025 年达到 150 亿元' "$tmp/site/graph/output.svg" &&
    fail "output's chart: the ended plan's target"
grep -q '<td>2026</td><td>170 亿元</td><td class="mark">示例</td><td>170.4 亿元</td>' \
    "$tmp/site/indicator/output.html" ||
    fail "output's page: 2026's planned value is not the 15th plan's 170.4"

# The daemon: its dashboard links its own page of the 14th's final.
printf 'listen: "127.0.0.1:0"\nadmin_token_file: token\n' >>"$conf"
printf 'plans-test-token-plans-test-token\n' >"$tmp/plan/token"
chmod 600 "$tmp/plan/token"
"$bin" -c "$conf" run 2>"$tmp/run.log" &
pid=$!
port=
for _ in $(seq 100); do
	port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
	    "$tmp/run.log" | head -n 1)
	[ -n "$port" ] && break
	sleep 0.1
done
stop() {
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}
[ -n "$port" ] || {
	stop
	cat "$tmp/run.log"
	fail "run: no port logged"
}
url=http://127.0.0.1:$port
curl -sf "$url/" >"$tmp/dash.html" || {
	stop
	fail "run: no dashboard"
}
curl -sf "$url/report/final-p14" >"$tmp/final.html" || {
	stop
	fail "run: no /report/final-p14"
}
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/report/final-p99")
# The admin API's documents take the plan too: the 14th's mid-term
# evaluation, though the 15th is in force.
api=$(curl -s -o "$tmp/api-mid.html" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer plans-test-token-plans-test-token" \
    "$url/api/v1/admin/reports?kind=midterm&plan=p14&format=html")
stop
[ "$api" = 200 ] || fail "admin reports plan=p14: $api, not 200"
grep -q '测试区第十四个五年规划' "$tmp/api-mid.html" ||
    fail "admin reports plan=p14: not the 14th plan's document"
grep -q '2026 年实际' "$tmp/api-mid.html" &&
    fail "admin reports plan=p14: a 2026 column"
grep -q '<a href="/report/final-p14">测试区第十四个五年规划 总结评估报告</a>' \
    "$tmp/dash.html" || fail "run: the dashboard does not link /report/final-p14"
grep -q '2025 年实际' "$tmp/final.html" ||
    fail "run: /report/final-p14 has no 2025 column"
grep -q '2026 年实际' "$tmp/final.html" &&
    fail "run: /report/final-p14 has a 2026 column"
grep -q '测试区第十四个五年规划' "$tmp/final.html" ||
    fail "run: /report/final-p14 does not name its plan"
[ "$code" = 404 ] || fail "run: /report/final-p99 answered $code, not 404"

# The shipped example: one plan (plan:), over since 2025.
cp -r "$example" "$tmp/etc"
"$bin" -c "$tmp/etc/planwatch.yaml" once 2>"$tmp/ex.log" >/dev/null || {
	cat "$tmp/ex.log"
	fail "the example: once failed"
}
"$bin" -c "$tmp/etc/planwatch.yaml" export "$tmp/ex" 2>"$tmp/ex.log" || {
	cat "$tmp/ex.log"
	fail "the example: export failed"
}
[ -s "$tmp/ex/report/final.html" ] || fail "the example: no report/final.html"
grep -q '<p>规划评估：<a href="report/final.html">总结评估报告</a>' \
    "$tmp/ex/index.html" || fail "the example's dashboard: no link to its final"
# ... once: one plan, so no second link in a plans line
[ "$(grep -o 'href="report/final.html"' "$tmp/ex/index.html" | wc -l)" = 1 ] ||
    fail "the example's dashboard links its final evaluation twice"
echo "plans: ok"
