#!/bin/sh
# setup.sh: installs the Debian 12 packages planwatch needs to build, run
# and test, if any is missing.  Run as root (or with sudo).  Only Debian's
# own packages are used; nothing is downloaded from elsewhere.
set -eu

PACKAGES="gcc libc6-dev make cmake pkg-config ca-certificates
libevent-dev libcurl4-openssl-dev libssl-dev zlib1g-dev libsystemd-dev librrd-dev rrdtool rrdcached
libyaml-dev libcairo2-dev libpango1.0-dev libpng-dev libgmime-3.0-dev
libjansson-dev libcsv-dev uthash-dev libcmocka-dev python3 python3-aiosmtpd fonts-noto-cjk tzdata
clang-format clang libclang-rt-14-dev chromium chromium-driver
dpkg-dev file libxlsxwriter-dev poppler-utils python3-openpyxl curl"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	exit 0
fi
echo "setup: installing$missing"
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
