/*
 * render: the librrd side of graphing.  librrd is asked for the image as
 * "-": rrd_graph_v then returns the PNG's bytes in its info list (the
 * "image" blob) and opens no file, so the chart is written by
 * fsutil_write_atomic (a fresh temporary name, never through a link,
 * renamed into place).  librrd writing a file by name would follow a
 * link planted at its (guessable) name in graph_dir.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rrd.h>

#include "fsutil.h"
#include "log.h"
#include "render.h"
#include "rrdlock.h"

/* The "image" blob of an rrd_graph_v info list, or NULL. */
static const rrd_blob_t *
info_image(const rrd_info_t *info)
{
	for (; info != NULL; info = info->next)
		if (info->type == RD_I_BLO && strcmp(info->key, "image") == 0)
			return &info->value.u_blo;
	return NULL;
}

/* Draws spec into memory: the info list holding the image, or NULL. */
static rrd_info_t *
render_image(const struct graph_spec *spec, char *err, size_t errlen)
{
	struct graph_spec in_memory = *spec;
	struct graph_argv argv;
	rrd_info_t *info;
	const char *e;

	in_memory.png_path = "-";
	if (graph_args_build(&in_memory, &argv) != 0) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (log_enabled(LOG_LEVEL_DEBUG))
		for (int i = 0; i < argv.n; i++)
			log_debug("graph %s: argv[%d] %s", spec->ind->id, i,
			    argv.v[i]);
	rrdlock_acquire();
	rrd_clear_error();
	info = rrd_graph_v(argv.n, argv.v);
	e = rrd_get_error();
	if (info == NULL || (e != NULL && *e != '\0') ||
	    info_image(info) == NULL) {
		snprintf(err, errlen, "rrd_graph %s: %s", spec->png_path,
		    e && *e ? e : "no image");
		rrd_clear_error();
		rrd_info_free(info);
		info = NULL;
	}
	rrdlock_release();
	graph_argv_free(&argv);
	return info;
}

int
render_graph(const struct graph_spec *spec, char *err, size_t errlen)
{
	const rrd_blob_t *image;
	rrd_info_t *info;
	int rc;

	if ((info = render_image(spec, err, errlen)) == NULL)
		return -1;
	image = info_image(info);
	rc = fsutil_write_replace(spec->png_path, image->ptr, image->size,
	    !spec->defer_sync, err, errlen);
	rrd_info_free(info);
	return rc;
}
