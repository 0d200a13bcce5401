/*
 * evaldoc_annual: the annual targets (年度目标) in the plan office's
 * documents: whether a document has their columns, each row's target of
 * a year judged as the indicator page judges it (target_annual), and the
 * met / not met mark every format shows beside the target's value.
 */
#include "evaldoc.h"

static const struct target_conf *
row_target(const struct evaldoc *doc, size_t row)
{
	const struct indicator_conf *ic =
	    &doc->in->conf->indicators[doc->rows[row].ind];

	return &ic->targets[doc->rows[row].tgt];
}

bool
evaldoc_any_annual(const struct evaldoc *doc)
{
	for (size_t r = 0; r < doc->nrows; r++)
		if (row_target(doc, r)->nannual > 0)
			return true;
	return false;
}

bool
evaldoc_annual(
    const struct evaldoc *doc, size_t row, int year, struct annual_result *r)
{
	const struct target_conf *t = row_target(doc, row);
	const struct obs_list *rates = NULL;
	struct annual_result all[ANNUAL_MAX];
	size_t n;

	if (t->nannual == 0)
		return false;
	if (t->kind == TARGET_GROWTH && t->rate_indicator != NULL &&
	    t->rate_indicator_index < doc->in->conf->nindicators)
		rates = &doc->in->obs[t->rate_indicator_index];
	n = target_annual(
	    t, &doc->in->obs[doc->rows[row].ind], rates, all, ANNUAL_MAX);
	for (size_t k = 0; k < n; k++)
		if (all[k].year == year) {
			*r = all[k];
			return true;
		}
	return false;
}

enum evaldoc_mark
evaldoc_mark(const struct evaldoc *doc, size_t row, size_t col)
{
	struct annual_result r;

	if (doc->cols[col].what != EVALDOC_COL_ANNUAL ||
	    !evaldoc_annual(doc, row, doc->cols[col].year, &r) || !r.have)
		return EVALDOC_MARK_NONE;
	return r.met ? EVALDOC_MARK_MET : EVALDOC_MARK_NOT_MET;
}
