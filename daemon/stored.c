/*
 * stored: the journals read and judged without the loop, for eval, graph
 * and export.  A journal that does not load is logged and fails the
 * command, and the indicator shows its good records all the same.
 */
#include <stdlib.h>

#include "evaluate.h"
#include "journal.h"
#include "log.h"
#include "stored.h"

static const struct obs_list *
stored_series(void *arg, size_t index)
{
	struct stored *st = arg;

	return &st->obs[index];
}

void
stored_free(struct stored *st)
{
	for (size_t i = 0;
	     st->obs && st->revs && st->j && i < st->conf->nindicators; i++) {
		obs_list_clear(&st->obs[i]);
		obs_revisions_clear(&st->revs[i]);
		free(st->j[i]);
	}
	free(st->obs);
	free(st->revs);
	free(st->j);
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

int
stored_load(const struct config *c, time_t at, struct stored *st)
{
	char path[4096], err[512];
	int rc = 0;

	st->conf = c;
	st->obs = calloc(c->nindicators + 1, sizeof(*st->obs));
	st->revs = calloc(c->nindicators + 1, sizeof(*st->revs));
	st->j = calloc(c->nindicators + 1, sizeof(*st->j));
	if (st->obs == NULL || st->revs == NULL || st->j == NULL)
		return -1;
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];

		journal_path(c->data_dir, ic->id, path, sizeof(path));
		if (journal_load_revisions(path, ic->freq, &st->obs[i],
			&st->revs[i], NULL, err, sizeof(err)) < 0) {
			log_error("indicator %s: %s", ic->id, err);
			stored_salvage(ic, path, &st->obs[i], &st->revs[i]);
			rc = -1;
		}
		if ((st->j[i] = calloc(ic->ntargets + 1, sizeof(**st->j))) ==
		    NULL)
			return -1;
	}
	for (size_t i = 0; i < c->nindicators; i++)
		evaluate_indicator(c, &c->indicators[i], &st->obs[i],
		    stored_series, st, at, st->j[i]);
	return rc;
}
