#!/bin/sh
# test.sh: the README's second command, and what CI runs.  Installs what
# is missing, checks formatting, builds with -Werror under AddressSanitizer
# and UndefinedBehaviorSanitizer, and runs every test with ctest.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/check-format.sh
./scripts/build.sh build-asan -DWERROR=ON -DASAN=ON
cd build-asan
ctest --output-on-failure -j2
