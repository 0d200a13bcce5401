#!/bin/sh
# check-layers.sh: the layering of docs/architecture.md, checked on the
# #include lines.  The compiler already refuses an include of a higher
# folder (each folder is a library exporting only its own directory);
# this adds what the compiler cannot see:
#  - each outside library's header is included only by its one adapter;
#  - parsers include no loop, curl or storage;
#  - no include cycle between modules (a module is x.c with x.h), even
#    inside one folder: tsort finds the loop.
# Usage: check-layers.sh [ROOT]  (the source tree; default: this one).
# Run by ctest (test_layers, and test_layers_planted on a planted cycle).
set -eu
root=${1:-"$(dirname "$0")/.."}
cd "$root"
fail=0
sources=$(find daemon collectors graphs -name '*.[ch]' | sort)

# check HEADER ALLOWED-BASENAMES...: no other file may include HEADER.
check() {
	header=$1
	shift
	for f in $(grep -l "#include <$header>" $sources 2>/dev/null); do
		ok=0
		for a in "$@"; do
			[ "$(basename "$f")" = "$a" ] && ok=1
		done
		if [ $ok -eq 0 ]; then
			echo "layering: $f includes <$header>; only $* may"
			fail=1
		fi
	done
}
check curl/curl.h curlev.c fetch.c smtp.c daemon_client.c webhook.c
check openssl/hmac.h webhook.c
check gmime/gmime.h mime_message.c
check rrd.h store.c store_daemon.c render.c
# cairo and pango: the plan chart's drawing and its files only.
check pango/pangocairo.h plot_draw.c evaldoc_pdf.c
check cairo.h plot_draw.c plot_draw.h plot_file.c png_write.h evaldoc_pdf.c
check png.h png_write.c
check cairo-svg.h plot_file.c
check cairo-pdf.h evaldoc_pdf.c
check xlsxwriter.h report_xlsx.c
check event2/http.h web.c web_impl.h web_token.c web_api.c web_graph.c web_reply.c \
    web_page.c web_admin.c web_notes.c web_report.c webconn.c
check yaml.h $(cd daemon/config && ls config*.[ch])

# Parsers are pure: no I/O library, no storage, no loop.
for f in collectors/*.c; do
	if grep -qE '#include (<event2/|<curl/|<rrd.h>|"store.h"|"runner.h")' "$f"; then
		echo "layering: parser $f includes the loop, curl or storage"
		fail=1
	fi
done

# struct runner is the runner's own: its parts get a struct core (core.h)
# and call up through its hooks; the web files read through webview.h.
for f in $(grep -lE '#include "runner(_impl)?\.h"' $sources); do
	case $(basename "$f") in
	runner*.c | runner*.h | main.c) ;;
	*)
		echo "layering: $f includes the runner; a part uses core.h"
		fail=1
		;;
	esac
done

# Include cycles between modules.  A module is a file pair x.c/x.h; the
# files x_part.c (and a private x_impl.h) beside x.c or x.h in the same
# folder are parts of module x, split for size (config_file.c is part of
# config).  One edge "x y" per file of x that includes "y.h" of another
# module; tsort fails on a loop and names its members.
module_of() {
	dir=$(dirname "$1")
	name=$(basename "$1" | sed 's/\.[ch]$//')
	m=$name
	while :; do
		case $m in *_*) ;; *) break ;; esac
		m=${m%_*}
		if [ -e "$dir/$m.c" ] || [ -e "$dir/$m.h" ]; then
			name=$m
		fi
	done
	echo "$name"
}
table=$(for f in $sources; do echo "$(basename "$f" .c | sed 's/\.h$//') $(module_of "$f")"; done | sort -u)
edges=$(for f in $sources; do
	m=$(module_of "$f")
	sed -n 's/^#include "\([^"]*\)\.h".*/\1/p' "$f" | while read -r inc; do
		to=$(echo "$table" | awk -v h="$(basename "$inc")" '$1 == h { print $2; exit }')
		if [ -n "$to" ] && [ "$to" != "$m" ]; then
			echo "$m $to"
		fi
	done
done | sort -u)
if ! loop=$(echo "$edges" | tsort 2>&1 >/dev/null) || [ -n "$loop" ]; then
	echo "layering: include cycle between modules:"
	echo "$loop" | sed -n 's/^tsort: \([^-][^:]*\)$/  \1/p'
	fail=1
fi
[ $fail -eq 0 ] && echo "layers ok"
exit $fail
