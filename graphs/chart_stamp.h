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
 * every file is there (*drawn false then).  The stamp goes before the
 * drawing and is written after it (with in->defer_sync it is not: the
 * caller makes the files durable, then calls chart_stamp_write), so a
 * crash between leaves none.  0, or -1 with err.
 */
int chart_draw_stale(const struct chart_input *in, uint64_t digest, bool force,
    bool *drawn, char *err, size_t errlen);
/* Writes indicator id's stamp in c's graph_dir (fsynced with sync). */
int chart_stamp_write(const struct config *c, const char *id, uint64_t digest,
    bool sync, char *err, size_t errlen);

/* chart_draw_stored's ways: */
#define CHART_FORCE 1u /* drawn whatever the stamp says (planwatch graph) */
#define CHART_DEFER_SYNC 2u /* chart_input.defer_sync: no stamp written */

struct stored;
/*
 * Draws every view of indicator i from what stored_load read (nothing for
 * an indicator without data) unless its stamp says they are drawn from
 * the same inputs; how: CHART_* bits.  *drawn says whether it drew,
 * *digest the inputs' digest.  0, or -1 with err.
 */
int chart_draw_stored(const struct config *c, const struct stored *st, size_t i,
    unsigned how, bool *drawn, uint64_t *digest, char *err, size_t errlen);
/*
 * Whether indicator i's charts are as its stamp says (1: nothing to draw,
 * or no data), or not (0: its stamp removed, to be drawn), *digest that
 * of its inputs; -1 with err when the stamp cannot be removed.  export
 * checks every indicator, makes the removals durable, then draws.
 */
int chart_stored_check(const struct config *c, const struct stored *st,
    size_t i, uint64_t *digest, char *err, size_t errlen);

#endif
