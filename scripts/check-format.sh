#!/bin/sh
# check-format.sh: every C file must be as clang-format (.clang-format)
# writes it.  Lists the files that are not and fails.
set -eu
cd "$(dirname "$0")/.."
bad=$(git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.[ch]' -not -path './build*')
fail=0
for f in $bad; do
	if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
		echo "not formatted: $f (run clang-format -i $f)"
		fail=1
	fi
done
exit $fail
