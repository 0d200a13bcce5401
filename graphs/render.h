/*
 * render: draws a chart with librrd from a graph_args vector.  librrd
 * 1.7's rrd_graph is not thread-safe, so every call happens on the one
 * worker thread; the PNG is drawn in memory, written to a fresh temporary
 * name and renamed, so readers never see a half-written image and a link
 * planted in graph_dir is never written through.
 */
#ifndef PLANWATCH_RENDER_H
#define PLANWATCH_RENDER_H

#include <stddef.h>

#include "graph_args.h"

/* Renders spec to spec->png_path (a link there is refused); 0, or -1
 * with err. */
int render_graph(const struct graph_spec *spec, char *err, size_t errlen);

#endif
