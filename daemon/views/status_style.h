/*
 * status_style: how a status looks wherever people read it (the
 * dashboard's badges, the wall, the e-mail): its fill from Okabe and Ito's
 * palette (distinct under the common colour-vision deficiencies), the
 * text colour on that fill chosen by the WCAG 2.1 contrast ratio, and a
 * symbol, so that a status reads without its colour.  The charts
 * (graphs/plot_draw.c) use the same palette.
 */
#ifndef PLANWATCH_STATUS_STYLE_H
#define PLANWATCH_STATUS_STYLE_H

#include <stdio.h>

#include "target.h"

/* WCAG 2.1 AA: the least contrast of normal text on its background. */
#define STATUS_CONTRAST_AA 4.5

/* "#rrggbb": vermilion (problems), orange (warnings), bluish green (on
 * track, ahead), blue (met), grey (no data, feed error). */
const char *status_fill(enum status s);
/* The status's symbol: ✗ ⊘ ↓ ▼ for problems, ! ≈ for warnings, ✓ ▲ for
 * on track and ahead, ★ for met, – and ? for no data and feed errors. */
const char *status_symbol(enum status s);
/*
 * The contrast ratio (WCAG 2.1, 1 to 21) of two colours "#rrggbb"; 0 when
 * either is not such a colour.
 */
double status_contrast(const char *a, const char *b);
/* The colour of text on fill: white when it reaches STATUS_CONTRAST_AA on
 * fill, else black. */
const char *status_text_on(const char *fill);
/* Writes one CSS rule per status: "<prefix><name>{background:..;color:..}". */
void status_style_css(FILE *out, const char *prefix);

#endif
