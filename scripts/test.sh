#!/bin/sh
# test.sh: the README's second command, and what CI runs.  Installs what
# is missing, checks formatting, builds with -Werror under AddressSanitizer
# and UndefinedBehaviorSanitizer, runs each parser's fuzzer for 20 s, and
# runs every test with ctest.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/check-format.sh
./scripts/build.sh build-asan -DWERROR=ON -DASAN=ON
# Every parser's fuzzer, briefly (ASan + UBSan); longer runs: scripts/fuzz.
./scripts/fuzz "${PW_FUZZ_SECONDS:-20}"
cd build-asan
ctest --output-on-failure -j2
