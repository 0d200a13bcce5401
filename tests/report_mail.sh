#!/bin/sh
# report_mail.sh PLANWATCH FIXTURES: a plan office's document on a
# route's schedule (report documents:), with the test plan
# (FIXTURES: tests/fixtures/report), which is over: planwatch once with a
# Maildir route of documents: [final] delivers exactly one message, its
# subject naming the plan and the document, one application/pdf part with
# a file name whose text (pdftotext) names the plan and the kind; a second
# run sends nothing more (reports.json remembers it), nor one with the
# route's report changed (every: added); the outbox entry carried the
# PDF's bytes (a restart would still deliver it).  A bad documents: is
# refused by check-config where it is.
set -eu
bin=$1
fixtures=$2
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
fail() {
	echo "report_mail: $*"
	exit 1
}
cp -r "$fixtures" "$tmp/plan"
conf=$tmp/plan/plan.yaml
cat >>"$conf" <<'YAML'
group_wait: 0s
smtp:
  transport: maildir
  maildir: var/mail
  from: planwatch@test.example
routes:
  - to: [office@test.example]
    receives: operations # no digests: the document alone
    report: {documents: [final]}
YAML
"$bin" -c "$conf" check-config >"$tmp/check.log" 2>&1 ||
    fail "check-config refused the route: $(cat "$tmp/check.log")"
"$bin" -c "$conf" once 2>"$tmp/once.log" ||
    fail "planwatch once failed: $(tail -5 "$tmp/once.log")"
mail=$tmp/plan/var/mail/new
n=$(find "$mail" -type f 2>/dev/null | wc -l)
[ "$n" = 1 ] || fail "$n messages after the first run, not 1: $(cat "$tmp/once.log")"
grep -q '"final"' "$tmp/plan/var/state/reports.json" ||
    fail "reports.json does not remember the final evaluation"

msg=$(find "$mail" -type f)
python3 - "$msg" "$tmp/final.pdf" <<'PY' || fail "the message is not right"
import email, email.policy, sys
with open(sys.argv[1], "rb") as f:
    m = email.message_from_binary_file(f, policy=email.policy.default)
subject = str(m["subject"])
assert subject == "《测试区第十四个五年规划》总结评估报告", subject
assert m["to"] == "office@test.example", m["to"]
pdfs = [p for p in m.walk() if p.get_content_type() == "application/pdf"]
assert len(pdfs) == 1, [p.get_content_type() for p in m.walk()]
pdf = pdfs[0]
assert pdf.get_content_disposition() == "attachment", pdf["content-disposition"]
assert pdf.get_filename() == "final.pdf", pdf.get_filename()
data = pdf.get_content()
assert data[:5] == b"%PDF-", data[:16]
text = m.get_body(("plain",)).get_content()
assert "final.pdf" in text and "总体评价" in text, text
html = m.get_body(("html",)).get_content()
assert "final.pdf" in html, html
with open(sys.argv[2], "wb") as f:
    f.write(data)
PY
# The outbox entry holds the PDF itself, not a path to make it again.
python3 - "$tmp/plan/var/state/outbox" <<'PY' || fail "the outbox entry has no PDF"
import glob, json, sys
atts = []
for f in glob.glob(sys.argv[1] + "/**/*.json", recursive=True):
    atts += json.load(open(f)).get("mime", {}).get("attachments", [])
assert len(atts) == 1, atts
a = atts[0]
assert a["name"] == "final.pdf" and a["type"] == "application/pdf", a
assert bytes.fromhex(a["data"][:10]) == b"%PDF-", a["data"][:10]
PY
pdftotext -layout "$tmp/final.pdf" "$tmp/final.txt"
grep -q "测试区第十四个五年规划" "$tmp/final.txt" ||
    fail "the PDF does not name the plan"
grep -q "总结评估" "$tmp/final.txt" || fail "the PDF does not name the kind"

# Remembered: a second run, and one with the route's other keys changed
# (its key is its recipients), send nothing more.
"$bin" -c "$conf" once 2>"$tmp/once2.log" || fail "the second run failed"
sed -i 's/report: {documents: \[final\]}/report: {documents: [final], every: month}/' \
    "$conf"
"$bin" -c "$conf" once 2>"$tmp/once3.log" || fail "the third run failed"
n=$(find "$mail" -type f | wc -l)
[ "$n" = 1 ] || fail "$n messages after three runs, not 1"

# A bad documents: is refused where it is.
sed -i 's/documents: \[final\], every: month/documents: [final, yearly]/' \
    "$conf"
if "$bin" -c "$conf" check-config >"$tmp/bad.log" 2>&1; then
	fail "check-config accepted documents: [final, yearly]"
fi
grep -q 'plan.yaml:[0-9]*:[0-9]*: expected annual, midterm or final, got "yearly"' \
    "$tmp/bad.log" || fail "not said where: $(cat "$tmp/bad.log")"
echo "report_mail: ok"
