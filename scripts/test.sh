#!/bin/sh
# test.sh: the README's second command, and what CI runs.  Installs what
# is missing, checks formatting, builds with -Werror under AddressSanitizer
# and UndefinedBehaviorSanitizer, runs each parser's fuzzer for 20 s, and
# runs every test with ctest, then the soak and fault test for 5 minutes
# on an optimised build (tests/soak, docs/reliability.md;
# PW_SOAK_MINUTES=0 skips it, a larger number runs it longer).
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/check-format.sh
./scripts/build.sh build-asan -DWERROR=ON -DASAN=ON
# Every parser's fuzzer, briefly (ASan + UBSan); longer runs: scripts/fuzz.
./scripts/fuzz "${PW_FUZZ_SECONDS:-20}"
(cd build-asan && ctest --output-on-failure -j2)
soak=${PW_SOAK_MINUTES:-5}
if [ "$soak" != 0 ]; then
	./scripts/build.sh build-soak -DWERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	/usr/bin/python3 tests/soak/soak.py --binary build-soak/planwatch \
	    --minutes "$soak"
fi
