#!/bin/sh
# check-layers.sh: the layering of docs/architecture.md, checked on the
# #include lines: each library header may be included only by its adapter.
# Run by ctest (test_layers).
set -eu
cd "$(dirname "$0")/.."
fail=0
# check HEADER ALLOWED-FILES...: no other C file may include HEADER.
check() {
	header=$1
	shift
	for f in $(grep -l "#include <$header>" daemon/*.c daemon/*.h \
	    collectors/*.c collectors/*.h graphs/*.c graphs/*.h 2>/dev/null); do
		ok=0
		for a in "$@"; do
			[ "$f" = "$a" ] && ok=1
		done
		if [ $ok -eq 0 ]; then
			echo "layering: $f includes <$header>; only $* may"
			fail=1
		fi
	done
}
check curl/curl.h daemon/curlev.c daemon/fetch.c daemon/smtp.c \
    daemon/daemon_client.c daemon/webhook.c
check openssl/hmac.h daemon/webhook.c
check rrd.h daemon/store.c graphs/render.c
check event2/http.h daemon/web.c daemon/web_impl.h daemon/web_token.c \
    daemon/web_api.c daemon/web_graph.c daemon/web_page.c daemon/web_admin.c \
    daemon/webconn.c
check yaml.h daemon/config_yaml.c daemon/config_yaml.h daemon/config.c \
    daemon/config_target.c
# struct runner is the runner's own: its parts get a struct core (core.h)
# and call up through its hooks; the web files read through webview.h.
for f in $(grep -lE '#include "runner(_impl)?\.h"' daemon/*.c daemon/*.h); do
	case $f in
	daemon/runner*.c | daemon/runner*.h | daemon/main.c) ;;
	*)
		echo "layering: $f includes the runner; a part uses core.h"
		fail=1
		;;
	esac
done
# Parsers are pure: no I/O library, no storage, no loop.
for f in collectors/*.c; do
	if grep -qE '#include (<event2/|<curl/|<rrd.h>|"store.h"|"runner.h")' "$f"; then
		echo "layering: parser $f includes the loop, curl or storage"
		fail=1
	fi
done
# The web server and metrics read the daemon through webview.h only.
for f in daemon/web.c daemon/web_*.c daemon/web_impl.h daemon/metrics.c; do
	if grep -q '#include "runner.h"' "$f"; then
		echo "layering: $f includes runner.h; it reads through webview.h"
		fail=1
	fi
done
[ $fail -eq 0 ] && echo "layers ok"
exit $fail
