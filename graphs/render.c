/*
 * render: the librrd side of graphing.  rrd_graph_v returns an info list
 * that we only free; the image goes to a file named by the vector.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rrd.h>

#include "fsutil.h"
#include "log.h"
#include "render.h"
#include "rrdlock.h"

int
render_graph(const struct graph_spec *spec, char *err, size_t errlen)
{
	struct graph_spec tmp_spec = *spec;
	struct graph_argv argv;
	char tmp[4096];
	rrd_info_t *info;
	const char *e;

	snprintf(tmp, sizeof(tmp), "%s.tmp", spec->png_path);
	tmp_spec.png_path = tmp;
	if (graph_args_build(&tmp_spec, &argv) != 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (log_enabled(LOG_LEVEL_DEBUG))
		for (int i = 0; i < argv.n; i++)
			log_debug("graph %s: argv[%d] %s", spec->ind->id, i,
			    argv.v[i]);
	rrdlock_acquire();
	rrd_clear_error();
	info = rrd_graph_v(argv.n, argv.v);
	e = rrd_get_error();
	if (info == NULL || (e != NULL && *e != '\0')) {
		snprintf(err, errlen, "rrd_graph %s: %s", spec->png_path,
		    e && *e ? e : "failed");
		rrd_clear_error();
		rrd_info_free(info);
		rrdlock_release();
		graph_argv_free(&argv);
		unlink(tmp);
		return -1;
	}
	rrd_info_free(info);
	rrdlock_release();
	graph_argv_free(&argv);
	if (fsutil_sync_path(tmp, err, errlen) != 0 ||
	    rename(tmp, spec->png_path) != 0) {
		if (*err == '\0')
			snprintf(
			    err, errlen, "rename %s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
