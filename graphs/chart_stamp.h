/*
 * chart_stamp: the digest of everything an indicator's charts are drawn
 * from (chart_draw_all), kept in <graph_dir>/.stamps/<id> once every view
 * is drawn, so that charts whose inputs did not change are not drawn
 * again: by `planwatch export` and by the daemon at start and on reload.
 */
#ifndef PLANWATCH_CHART_STAMP_H
#define PLANWATCH_CHART_STAMP_H

#include <stdbool.h>
#include <stdint.h>

#include "chart.h"
#include "stamp.h"

/*
 * Bumped whenever the drawing changes what the same inputs look like
 * (graphs/plot*.c, graph_args.c, chart.c's views and files): every
 * stamp then differs and every chart is drawn again.
 */
#define CHART_STAMP_VERSION 1

/* Feeds every setting of ic and of its targets (all but where they were
 * written) to s. */
void chart_stamp_indicator(struct stamp *s, const struct indicator_conf *ic);
/* Feeds the ntargets judgements j (may be NULL) to s. */
void chart_stamp_judgements(
    struct stamp *s, const struct judgement *j, size_t ntargets);
/* Feeds a series (every period, value and mark) to s; NULL as none. */
void chart_stamp_obs(struct stamp *s, const struct obs_list *o);
/* The digest of in's charts, in both languages. */
uint64_t chart_stamp(const struct chart_input *in);
/*
 * Draws every view of in unless (not force) its stamp holds digest and
 * every file is there (*drawn false then).  The stamp goes before the drawing
 * and is written after it: a crash between leaves none.  0, or -1 with err.
 */
int chart_draw_stale(const struct chart_input *in, uint64_t digest, bool force,
    bool *drawn, char *err, size_t errlen);

struct stored;
/*
 * Draws every view of indicator i from what stored_load read (nothing for
 * an indicator without data) unless, without force, its stamp says they
 * are drawn from the same inputs (chart_stamp.h); *drawn says whether it
 * drew.  0, or -1 with err.
 */
int chart_draw_stored(const struct config *c, const struct stored *st, size_t i,
    bool force, bool *drawn, char *err, size_t errlen);

#endif
