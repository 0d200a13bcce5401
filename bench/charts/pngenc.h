/*
 * pngenc: an image surface encoded as PNG by libpng directly, with the
 * row filter and zlib level chosen, for chartbench to set against
 * cairo_surface_write_to_png_stream (libpng's defaults: every filter
 * tried on every row, zlib level 6).  A chart is large flat areas and
 * thin lines: the filter search and the deflate level are most of the
 * cost of a 2x PNG (docs/performance.md).
 */
#ifndef PLANWATCH_PNGENC_H
#define PLANWATCH_PNGENC_H

#include <stdbool.h>

#include <cairo.h>

#include "buf.h"

/* s (CAIRO_FORMAT_RGB24) as an 8-bit RGB PNG into out (emptied first);
 * filters: libpng's PNG_FILTER_* mask; level: zlib's 0-9.  0, or -1. */
int pngenc_rgb24(cairo_surface_t *s, int filters, int level, struct buf *out);
/* Whether png (an 8-bit RGB PNG) decodes to exactly s's pixels. */
bool pngenc_same(cairo_surface_t *s, const struct buf *png);

#endif
