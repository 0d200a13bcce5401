#!/bin/sh
# package.sh: builds the Debian package of planwatch in build-pkg/
# (RelWithDebInfo, prefix /usr) after installing what is missing.  Install
# it with: apt-get install ./build-pkg/planwatch_0.1.0_amd64.deb
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build-pkg -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build build-pkg -j"$(nproc)" --target planwatch
(cd build-pkg && cpack -G DEB)
ls -l build-pkg/planwatch_*.deb
