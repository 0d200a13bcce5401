/*
 * stored: the journals read and judged without the loop, for eval, graph
 * and export, and for the API's questions about the past (on the storage
 * worker, which is the journals' only writer).  A journal that does not
 * load is logged and fails the command, and the indicator shows its good
 * records all the same.
 *
 * As of a date (asof.h) the series are cut to the periods that had ended
 * by then and judged at that date; as known at a date each journal is
 * read as it stood then (journal_load_known): later records are left out
 * and the later revisions of the periods shown are counted, not applied.
 */
#include <stdlib.h>
#include <string.h>

#include "evaluate.h"
#include "journal.h"
#include "log.h"
#include "notes.h"
#include "stored.h"

void
stored_free(struct stored *st)
{
	for (size_t i = 0; st->obs && st->revs && st->later && st->j &&
	     i < st->conf->nindicators;
	     i++) {
		obs_list_clear(&st->obs[i]);
		obs_revisions_clear(&st->revs[i]);
		obs_revisions_clear(&st->later[i]);
		free(st->j[i]);
		if (st->notes != NULL)
			note_list_clear(&st->notes[i]);
	}
	free(st->obs);
	free(st->revs);
	free(st->later);
	free(st->j);
	free(st->notes);
}

static int
stored_alloc(const struct config *c, struct stored *st)
{
	st->conf = c;
	st->obs = calloc(c->nindicators + 1, sizeof(*st->obs));
	st->revs = calloc(c->nindicators + 1, sizeof(*st->revs));
	st->later = calloc(c->nindicators + 1, sizeof(*st->later));
	st->j = calloc(c->nindicators + 1, sizeof(*st->j));
	st->notes = calloc(c->nindicators + 1, sizeof(*st->notes));
	if (st->obs == NULL || st->revs == NULL || st->later == NULL ||
	    st->j == NULL || st->notes == NULL)
		return -1;
	for (size_t i = 0; i < c->nindicators; i++)
		if ((st->j[i] = calloc(c->indicators[i].ntargets + 1,
			 sizeof(**st->j))) == NULL)
			return -1;
	return 0;
}

/*
 * A journal that did not load (a damaged record): its good records, read
 * past the damage, as the daemon shows them (journal.h, journal_salvage).
 */
static void
stored_salvage(const struct indicator_conf *ic, const char *path,
    struct obs_list *obs, struct obs_revisions *revs)
{
	struct journal_damage d;
	char err[512];

	obs_list_clear(obs);
	obs_revisions_clear(revs);
	if (journal_salvage(path, ic->freq, obs, revs, &d, err, sizeof(err)) <
	    0) {
		obs_list_clear(obs);
		obs_revisions_clear(revs);
	}
}

/*
 * Indicator i's journal as it stood at as->known_at, past damage if need
 * be (as stored_salvage); the earliest arrival goes to as.
 */
static int
stored_read_known(const struct indicator_conf *ic, const char *path,
    struct asof *as, bool quiet, struct stored *st, size_t i)
{
	struct journal_known k = {.at = as->known_at};
	struct journal_damage d;
	char err[512];
	long n;
	int rc = 0;

	n = journal_load_known(path, ic->freq, &k, &st->obs[i], &st->revs[i],
	    NULL, err, sizeof(err));
	if (n < 0) {
		if (!quiet)
			log_error("indicator %s: %s", ic->id, err);
		rc = -1;
		obs_list_clear(&st->obs[i]);
		obs_revisions_clear(&st->revs[i]);
		obs_revisions_clear(&k.later);
		n = journal_load_known(path, ic->freq, &k, &st->obs[i],
		    &st->revs[i], &d, err, sizeof(err));
	}
	if (n < 0) {
		obs_list_clear(&st->obs[i]);
		obs_revisions_clear(&st->revs[i]);
		obs_revisions_clear(&k.later);
	}
	if (n > 0 && (!as->ever || k.first < as->first_arrival)) {
		as->first_arrival = k.first;
		as->ever = true;
	}
	as->arrived |= st->obs[i].n > 0;
	st->later[i] = k.later;
	return rc;
}

/* Indicator i's journal into st: now, or as known at a date. */
static int
stored_read(const struct config *c, size_t i, struct asof *as, bool quiet,
    struct stored *st)
{
	const struct indicator_conf *ic = &c->indicators[i];
	char path[4096], err[512];

	notes_path(c->data_dir, ic->id, path, sizeof(path));
	if (notes_load(path, ic->freq, &st->notes[i], err, sizeof(err)) != 0 &&
	    !quiet)
		log_error("indicator %s: notes: %s", ic->id, err);
	journal_path(c->data_dir, ic->id, path, sizeof(path));
	if (as->known)
		return stored_read_known(ic, path, as, quiet, st, i);
	if (journal_load_revisions(path, ic->freq, &st->obs[i], &st->revs[i],
		NULL, err, sizeof(err)) >= 0)
		return 0;
	if (!quiet)
		log_error("indicator %s: %s", ic->id, err);
	stored_salvage(ic, path, &st->obs[i], &st->revs[i]);
	return -1;
}

/* The series cut and judged as of as; the later revisions shown counted. */
static void
stored_judge(const struct config *c, struct asof *as, struct stored *st)
{
	evaluate_plan(c, st->obs, as, st->j);
	for (size_t i = 0; as->known && i < c->nindicators; i++)
		as->not_applied +=
		    asof_keep_ended_revisions(&st->later[i], as->at);
}

int
stored_load_asof(
    const struct config *c, struct asof *as, bool quiet, struct stored *st)
{
	int rc = 0;

	if (stored_alloc(c, st) != 0)
		return -1;
	for (size_t i = 0; i < c->nindicators; i++)
		if (stored_read(c, i, as, quiet, st) != 0)
			rc = -1;
	stored_judge(c, as, st);
	return rc;
}

int
stored_load(const struct config *c, time_t at, struct stored *st)
{
	struct asof as = asof_make(at, NULL, NULL);

	return stored_load_asof(c, &as, false, st);
}

int
stored_copy_asof(const struct config *c,
    const struct obs_list *(*series)(void *arg, size_t i), void *arg,
    struct asof *as, struct stored *st)
{
	if (stored_alloc(c, st) != 0)
		return -1;
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct obs_list *src = series(arg, i);
		struct obs_list *dst = &st->obs[i];

		if (src == NULL || src->n == 0)
			continue;
		if ((dst->v = calloc(src->n, sizeof(*dst->v))) == NULL)
			return -1;
		memcpy(dst->v, src->v, src->n * sizeof(*dst->v));
		dst->n = dst->cap = src->n;
	}
	stored_judge(c, as, st);
	return 0;
}
