/*
 * plot_draw: paints a plot model (plot.h) on a cairo context, in logical
 * pixels: PNG, SVG and the PDF of a report share it.
 */
#ifndef PLANWATCH_PLOT_DRAW_H
#define PLANWATCH_PLOT_DRAW_H

#include <cairo.h>

#include "plot.h"

/* Paints p on cr, whose user space is p's logical pixels. */
void plot_draw(const struct plot *p, cairo_t *cr);
/* The status's symbol (check, triangle, cross, circle) of radius r. */
void plot_draw_symbol(
    cairo_t *cr, enum plot_tone t, double x, double y, double r);

#endif
