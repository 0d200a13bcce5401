#!/bin/sh
# report_doc.sh PLANWATCH FIXTURES: the plan office's documents (planwatch
# report) from a small test plan (FIXTURES: plan.yaml, feed.json):
#  - each kind writes its PDF, XLSX and HTML;
#  - the PDF's text (pdftotext) holds the verdict counts in the plan's
#    words, a chapter's table row and the explanation of the target
#    behind schedule, the same explanation the page has;
#  - the workbook read back cell by cell (tests/report_xlsx.py);
#  - the same data twice give the same bytes;
#  - bad input (unknown kind, --year outside the plan, --year without
#    annual, an --out that cannot be written) is refused with a clear
#    error and nothing written.
set -eu
bin=$1
fixtures=$2
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$fixtures" "$tmp/plan"
conf=$tmp/plan/plan.yaml
fail() {
	echo "report_doc: $*"
	exit 1
}
"$bin" -c "$conf" once 2>"$tmp/once.log" || {
	cat "$tmp/once.log"
	fail "planwatch once failed"
}

# has FILE PATTERN WHAT: FILE has a line matching the extended PATTERN.
has() {
	grep -Eq "$2" "$1" || {
		cat "$1"
		fail "$3: no line /$2/ in $1"
	}
}

mkdir "$tmp/a" "$tmp/b"
for kind in "annual --year 2022" midterm final; do
	# shellcheck disable=SC2086
	"$bin" -c "$conf" report $kind --out "$tmp/a" >/dev/null ||
	    fail "report $kind failed"
	# shellcheck disable=SC2086
	"$bin" -c "$conf" report $kind --out "$tmp/b" >/dev/null
done
for f in annual-2022 midterm final; do
	for ext in pdf xlsx html; do
		[ -s "$tmp/a/$f.$ext" ] || fail "$f.$ext not written"
		cmp -s "$tmp/a/$f.$ext" "$tmp/b/$f.$ext" ||
		    fail "$f.$ext differs between two runs on the same data"
	done
	pdftotext -layout "$tmp/a/$f.pdf" "$tmp/$f.txt"
done
[ -z "$(ls -A "$tmp/a" | grep -v -e '\.pdf$' -e '\.xlsx$' -e '\.html$')" ] ||
    fail "something besides the documents left in --out"

# The final evaluation: final verdicts, counted (3 完成, 1 未完成).
t=$tmp/final.txt
has "$t" '^总结评估报告' "final: title"
has "$t" '评估时点：[0-9]{4}-[0-9]{2}-[0-9]{2}' "final: as-of date"
has "$t" '总体评价 +✗ 未完成' "final: overall verdict"
has "$t" '★ 完成 +3$' "final: count of 完成"
has "$t" '✗ 未完成 +1$' "final: count of 未完成"
has "$t" '合计 +4$' "final: total"
has "$t" '^经济发展' "final: chapter heading"
has "$t" '测试产值 +亿元 +100 +2025 年达到 150 亿元 +112 +121 +133 +151 +158 +9\.58 +★ 完成 +区统计局' \
    "final: the output row"
# A year-on-year target's row: each year's growth in %, as it is judged.
has "$t" '测试外贸 +% +每年增长不低于 5% +6 +5\.66 +6\.25 +5\.04 +6 +★ 完成 +区商务局' \
    "final: the trade row, in growth"
has "$t" '^一、总体评价 +3$' "final: contents with page numbers"
has "$t" '第 ?5 ?页' "final: page numbers"
# The explanation of the target behind schedule: the words of
# explain_judgement, as the page gives them.
has "$t" '2020 年至 2025 年年均增长 3\.01%，目标为年均 10% 以上' \
    "final: the explanation of research"
has "$tmp/a/final.html" '2020 年至 2025 年年均增长 3\.01%，目标为年均 10% 以上' \
    "final.html: the same explanation"
has "$t" '来源：测试数据；数值：示例 6' "final: data notes with marks"

# The mid-term evaluation: as of the plan's middle, in the plan's words.
t=$tmp/midterm.txt
has "$t" '^中期评估报告' "midterm: title"
has "$t" '评估时点：2023-07-02' "midterm: as of the plan's middle"
has "$t" '▲ 快于预期 +1$' "midterm: count of 快于预期"
has "$t" '✓ 基本符合预期 +2$' "midterm: count of 基本符合预期"
has "$t" '2022 年实际 +年均增速' "midterm: the years up to its date"
if grep -q '2023 年实际' "$t"; then
	fail "midterm shows 2023, not yet published at the plan's middle"
fi

# The annual analysis of 2022: as of its figures' publication.
t=$tmp/annual-2022.txt
has "$t" '^2022 年度监测分析报告' "annual: title"
has "$t" '测试研发经费 +亿元 +50 +年均增长不低于 10% +51\.5 +53 +2\.96 +▼ 严重滞后于预期' \
    "annual: the research row"

# The workbooks, cell by cell.
/usr/bin/python3 "$here/report_xlsx.py" "$tmp/a" ||
    fail "the workbooks do not read back as expected"

# Annual targets (年度目标): each year's target beside its actual, with
# ✓ or ✗, in the PDF and the workbook (a copy of the plan whose trade
# target gains annual: 2021 5.5 met, 2022 6 missed by 5.66 ...).
cp -r "$fixtures" "$tmp/annual"
sed -i 's/^        basis: yoy$/&\n        annual: {2021: 5.5, 2022: 6, 2023: 6, 2024: 5.5, 2025: 5.5}/' \
    "$tmp/annual/plan.yaml"
grep -q 'annual: {2021' "$tmp/annual/plan.yaml" || fail "annual: not added"
mkdir "$tmp/y"
"$bin" -c "$tmp/annual/plan.yaml" once 2>/dev/null || fail "once (annual)"
"$bin" -c "$tmp/annual/plan.yaml" report final --out "$tmp/y" >/dev/null ||
    fail "report final (annual) failed"
pdftotext -layout "$tmp/y/final.pdf" "$tmp/y/final.txt"
t=$tmp/y/final.txt
# The heading "2021 年目标" wraps in its narrow cell: "2021 年" above.
has "$t" '^ +实际 +目标 +实际 +目标 ' "annual: each year's target beside its actual"
has "$t" '测试外贸 +% +每年增长不低于 5% +6 +5\.5 ?✓ +5\.66 +6 ?✗ +6\.25 +6 ?✓ +5\.04 +5\.5 ?✗ +6 +5\.5 ?✓ +★ 完成' \
    "annual: the trade row with its annual targets"
has "$tmp/y/final.html" '<td class="n">6 ✗</td>' "annual: the page's mark"
/usr/bin/python3 "$here/report_xlsx_annual.py" "$tmp/y/final.xlsx" ||
    fail "the annual targets do not read back as expected"

# --lang en: the document in English, every name given in English too
# (a copy of the plan with translations); the only Chinese left is the
# source, which is not translated (the publisher's name as published).
cp -r "$fixtures" "$tmp/en"
/usr/bin/python3 - "$tmp/en/plan.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
for zh, en in [("测试区第十四个五年规划", "Test district 14th plan"),
               ("测试产值", "Test output"), ("测试研发经费", "Test research"),
               ("测试外贸", "Test trade"), ("测试能耗", "Test energy")]:
    s = s.replace(f"name: {zh}\n", f"name: {{zh-CN: {zh}, en: {en}}}\n")
s = s.replace("unit: 亿元\n", "unit: {zh-CN: 亿元, en: 100 million yuan}\n")
s = s.replace("unit: 吨\n", "unit: {zh-CN: 吨, en: tonnes}\n")
s += """chapters:
  经济发展: {en: Economic development}
  生态环境: {en: Ecology}
bureaus:
  区统计局: {en: Statistics Bureau}
  区科技局: {en: Science Bureau}
  区商务局: {en: Commerce Bureau}
  区发改局: {en: Development Bureau}
"""
open(p, "w", encoding="utf-8").write(s)
PY
"$bin" -c "$tmp/en/plan.yaml" check-config >/dev/null 2>&1 ||
    fail "the English copy of the plan is not valid"
mkdir "$tmp/e"
"$bin" -c "$tmp/en/plan.yaml" once 2>/dev/null || fail "once (en)"
"$bin" -c "$tmp/en/plan.yaml" report final --lang en --out "$tmp/e" \
    >/dev/null || fail "report final --lang en failed"
pdftotext -layout "$tmp/e/final.pdf" "$tmp/e/final.txt"
t=$tmp/e/final.txt
has "$t" '^Final evaluation' "en: title"
has "$t" 'Test district 14th plan' "en: the plan's English name"
has "$t" '^Economic development' "en: the chapter in English"
has "$t" '^Test output +100 +100 +150 100 million yuan by +112 .* ★ met +Statistics' "en: the output row"
if grep -P '[\x{3400}-\x{9fff}\x{3000}-\x{303f}\x{ff00}-\x{ffef}]' "$t" |
    grep -v 'Source: 测试数据'; then
	fail "en: Chinese left in the English PDF (above)"
fi

# The static export: the documents whose date has come, each a page in
# report/, linked from the dashboard (the test plan ended in 2025).
"$bin" -c "$conf" export "$tmp/site" 2>/dev/null || fail "export failed"
for f in final midterm annual-2021 annual-2025; do
	[ -s "$tmp/site/report/$f.html" ] || fail "export: report/$f.html missing"
	grep -q "href=\"report/$f.html\"" "$tmp/site/index.html" ||
	    fail "export: the dashboard does not link report/$f.html"
done
has "$tmp/site/report/final.html" '<td><span class="b met">★ 完成</span></td><td class="n">3</td>' \
    "export: final.html's counts"
has "$tmp/a/final.html" '<td>测试研发经费</td>.*<td><span class="b not_met">✗ 未完成</span></td><td>区科技局</td>' \
    "final.html: the research row with its badge"
cmp -s "$tmp/site/report/final.html" "$tmp/a/final.html" ||
    fail "export: report/final.html is not what planwatch report wrote"

# Bad input: refused, nothing written.
mkdir "$tmp/c"
: >"$tmp/file"
refused() {
	want=$1
	shift
	rc=0
	"$bin" -c "$conf" report "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	[ "$rc" -eq "$want" ] || fail "report $*: exit $rc, not $want"
	grep -q "planwatch: report: " "$tmp/err" ||
	    fail "report $*: no error said"
	[ -z "$(ls -A "$tmp/c")" ] || fail "report $*: wrote $(ls -A "$tmp/c")"
}
refused 2 yearly --out "$tmp/c"
refused 2 --out "$tmp/c"
refused 2 annual --out "$tmp/c"
refused 2 final --year 2022 --out "$tmp/c"
refused 2 annual --year 20x2 --out "$tmp/c"
refused 2 final --lang fr --out "$tmp/c"
refused 1 annual --year 2030 --out "$tmp/c"
refused 1 annual --year 2020 --out "$tmp/c"
grep -q "outside the plan (2021–2025)" "$tmp/err" ||
    fail "--year 2020: the plan's years not said"
refused 1 final --out "$tmp/c/missing"
refused 1 final --out "$tmp/file"
grep -q "not a directory" "$tmp/err" || fail "--out FILE: not said why"
echo "report_doc: ok"
