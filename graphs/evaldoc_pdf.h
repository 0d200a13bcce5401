/*
 * evaldoc_pdf: the plan office's document (views/evaldoc.h) as an A4 PDF
 * drawn with cairo and pango: title page, contents with page numbers,
 * the verdict, the indicator table by chapter (landscape pages), the
 * indicators behind schedule with their charts (plot_draw, as vectors)
 * and the notes on the data.
 */
#ifndef PLANWATCH_EVALDOC_PDF_H
#define PLANWATCH_EVALDOC_PDF_H

#include <stddef.h>

#include "buf.h"
#include "evaldoc.h"

/*
 * Writes doc's PDF into out (emptied first); its creation date is the
 * document's as-of date, so the same data gives the same bytes.  0, or
 * -1 with err.
 */
int evaldoc_pdf(
    const struct evaldoc *doc, struct buf *out, char *err, size_t errlen);

#endif
