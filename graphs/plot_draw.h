/*
 * plot_draw: paints a plot model (plot.h) on a cairo context, in logical
 * pixels: PNG, SVG and the PDF of a report share it.
 */
#ifndef PLANWATCH_PLOT_DRAW_H
#define PLANWATCH_PLOT_DRAW_H

#include <stdbool.h>

#include <cairo.h>

#include "plot.h"

/* Paints p on cr, whose user space is p's logical pixels. */
void plot_draw(const struct plot *p, cairo_t *cr);
/* A pango layout (PangoLayout, named by its tag so that only the files
 * that draw include pango) of text in the charts' font (GRAPH_FONT) at
 * px, bold or not; the caller unrefs it.  The report's PDF writes with
 * it too. */
struct _PangoLayout *plot_draw_layout(
    cairo_t *cr, const char *text, double px, bool bold);
/* The status's symbol (check, triangle, cross, circle) of radius r. */
void plot_draw_symbol(
    cairo_t *cr, enum plot_tone t, double x, double y, double r);

#endif
