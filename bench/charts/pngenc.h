/*
 * pngenc: the check that a PNG chartbench times (graphs/png_write.c with
 * one filter and level or another, or cairo's own writer) is the same
 * picture as the surface it was encoded from.
 */
#ifndef PLANWATCH_PNGENC_H
#define PLANWATCH_PNGENC_H

#include <stdbool.h>

#include <cairo.h>

#include "buf.h"

/* Whether png (an 8-bit RGB PNG) decodes to exactly s's pixels. */
bool pngenc_same(cairo_surface_t *s, const struct buf *png);

#endif
