/*
 * plot_impl: what the parts of the plot model share (plot_model.c places
 * the series, plot_marks.c the target's marks, plot_words.c the words).
 * Only graphs/plot*.c include it.
 */
#ifndef PLANWATCH_PLOT_IMPL_H
#define PLANWATCH_PLOT_IMPL_H

#include "plot.h"

/* The length of one period of frequency f, in years. */
double plot_step_years(enum freq f);
/* Places the target's marks (rule, band, path, target, projection). */
void plot_target_marks(const struct plot_input *in, struct plot *p);
/* Places the notes of in that meet the period axis (plot_notes.c). */
void plot_place_notes(const struct plot_input *in, struct plot *p);
/* Writes the title, status, footer, key and point labels. */
void plot_words(const struct plot_input *in, struct plot *p);

#endif
