#!/bin/sh
# notes_doc.sh PLANWATCH FIXTURES: notes on the record without a daemon
# (the test plan of report_doc.sh):
#  - note add / remove written to <data_dir>/<id>.notes with who and when,
#    note list shows the live notes, --all the removed one with its
#    remover; every bad input refused with the file untouched;
#  - a hostile notes file refused with file:line: message;
#  - the annotation shown on the indicator page (the list and the mark
#    beside its periods, in both languages as written) and in the
#    documents: the final evaluation's PDF text and HTML, and an annual
#    document only with the notes of its year.
set -eu
bin=$1
fixtures=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$fixtures" "$tmp/plan"
conf=$tmp/plan/plan.yaml
notes=$tmp/plan/var/data/research.notes
fail() {
	echo "notes_doc: $*"
	exit 1
}
pw() {
	"$bin" -c "$conf" "$@"
}
# has FILE PATTERN WHAT: FILE has a line matching the extended PATTERN.
has() {
	grep -Eq "$2" "$1" || {
		cat "$1"
		fail "$3: no line /$2/ in $1"
	}
}
hasnt() {
	! grep -Eq "$2" "$1" || fail "$3: /$2/ in $1"
}
pw once 2>"$tmp/once.log" || {
	cat "$tmp/once.log"
	fail "planwatch once failed"
}

pw note add research 2022 "疫情停工 pandemic closures" --by 张三 >"$tmp/out" ||
    fail "note add failed"
has "$tmp/out" '^research: note 1 added$' "add: its number"
pw note add research 2021..2022 "统计方法调整" --by 李四 >/dev/null
pw note add research 2023 "报表口径变化" --by 赵六 >/dev/null
pw note remove research 3 --by 王五 >"$tmp/out" || fail "note remove failed"
has "$tmp/out" '^research: note 3 removed$' "remove"
has "$notes" '^\{"op":"add","nid":1,"from":"2022","to":"2022","text":"疫情停工 pandemic closures","by":"张三","at":"20[0-9-]{8}T[0-9:]{8}Z"\}$' \
    "the add line"
has "$notes" '^\{"op":"remove","nid":3,"by":"王五","at":"' "the remove line"
[ "$(wc -l <"$notes")" -eq 4 ] || fail "4 lines expected in $notes"

pw note list research >"$tmp/list"
has "$tmp/list" '^1	2022	疫情停工 pandemic closures	\(added by 张三, ' "list"
has "$tmp/list" '^2	2021\.\.2022	统计方法调整	' "list: a span"
hasnt "$tmp/list" '报表口径变化' "list: the removed note"
pw note list research --all >"$tmp/all"
has "$tmp/all" '^3	2023	报表口径变化	\(added by 赵六, .*; removed by 王五, ' \
    "list --all: who removed it"

# Each refused (exit 1, or 2 for usage), the file untouched.
cp "$notes" "$tmp/before"
for args in "add research 2022-Q1 x --by a" "add research 2023..2022 x --by a" \
    "add research 2022 x" "add nosuch 2022 x --by a" \
    "remove research 3 --by a" "remove research 9 --by a" \
    "remove research x --by a" "remove research 1" "add research 2022"; do
	# shellcheck disable=SC2086
	if pw note $args >/dev/null 2>&1; then
		fail "note $args was taken"
	fi
done
if pw note add research 2022 "" --by a 2>"$tmp/err"; then
	fail "an empty text was taken"
fi
has "$tmp/err" 'text: empty' "empty text"
long=$(printf '%0600d' 0)
if pw note add research 2022 "$long" --by a 2>"$tmp/err"; then
	fail "a long text was taken"
fi
has "$tmp/err" 'text: over 500 bytes' "long text"
cmp -s "$notes" "$tmp/before" || fail "a refused note changed $notes"

# The page: the list, and the marks beside the periods it covers.
pw export "$tmp/site" 2>"$tmp/export.log" || {
	cat "$tmp/export.log"
	fail "export failed"
}
page=$tmp/site/indicator/research.html
has "$page" '<h2>注记</h2>' "page: the notes' heading"
has "$page" '\[1\] 2022: 疫情停工 pandemic closures <small>\(张三，' "page: note 1"
has "$page" '\[2\] 2021\.\.2022: 统计方法调整' "page: note 2"
hasnt "$page" '报表口径变化' "page: the removed note"
has "$page" '<tr><td>2022 <a class="note-mark" href="#note-1">\[1\]</a> <a class="note-mark" href="#note-2">\[2\]</a></td>' \
    "page: 2022's marks"
has "$page" '<tr><td>2021 <a class="note-mark" href="#note-2">\[2\]</a></td>' \
    "page: 2021's mark"
has "$page" '<tr><td>2023</td>' "page: 2023 has none"
en=$(find "$tmp/site" -path '*en*' -name research.html | head -1)
[ -n "$en" ] || fail "no English page"
has "$en" '<h2>Notes</h2>' "English page: heading"
has "$en" '\[2\] 2021\.\.2022: 统计方法调整' "English page: the text as written"

# The documents: the note cell of the row, in the PDF and the HTML.
mkdir "$tmp/doc"
pw report final --out "$tmp/doc" >/dev/null 2>"$tmp/report.log" || {
	cat "$tmp/report.log"
	fail "report final failed"
}
pdftotext "$tmp/doc/final.pdf" - | tr '\n' ' ' >"$tmp/final.txt"
# The cell wraps its text over lines: read as one.
has "$tmp/final.txt" '\[1\] 2022: 疫情停工 pandemic closures; \[2\] 2021\.\.2022: 统计方法调整' \
    "final PDF: the notes in the research row's note cell"
has "$tmp/doc/final.html" '\[1\] 2022: 疫情停工 pandemic closures; \[2\] 2021\.\.2022: 统计方法调整' \
    "final HTML: the notes in the note cell"
# Under the chart of the indicator behind schedule: what its numbers are.
has "$tmp/final.txt" '注记：\[1\] 2022: 疫情停工 pandemic closures; \[2\] 2021\.\.2022: 统计方法调整' \
    "final PDF: the notes under the chart"
has "$tmp/doc/final.html" '<br><small>注记：\[1\] 2022: 疫情停工 pandemic closures; \[2\]' \
    "final HTML: the notes beside the explanation"
pw report annual --year 2021 --out "$tmp/doc" >/dev/null 2>&1
has "$tmp/doc/annual-2021.html" '\[2\] 2021\.\.2022: 统计方法调整' "annual 2021: the span"
hasnt "$tmp/doc/annual-2021.html" 'pandemic' "annual 2021: 2022's note"

# A hostile file: refused with its line, never a crash.
printf '{"op":"remove","nid":42,"by":"x","at":"2026-12-08T00:00:00Z"}\n' >>"$notes"
if pw note list research 2>"$tmp/err"; then
	fail "a damaged notes file was listed"
fi
has "$tmp/err" 'research\.notes:5: remove of note 42, never added' "hostile file"
echo "notes_doc: ok"
