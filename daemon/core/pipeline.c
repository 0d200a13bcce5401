/*
 * pipeline: one collector cycle, and what follows a change.
 *
 * A feed that fails to parse for an indicator stores nothing for that
 * indicator (not even its good observations): half a feed is a wrong
 * picture of the series.  When an indicator's data changed, every
 * indicator that depends on it (a derived indicator over it, a growth
 * target judged on its rates) is refreshed; a refresh already under way
 * is marked to run once more, so a burst of changes costs at most two.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feed.h"
#include "formats.h"
#include "log.h"
#include "pipeline.h"
#include "renderq.h"
#include "update.h"

struct reject_ctx {
	const char *collector;
	const char *indicator;
};

static void
reject_cb(void *arg, const char *msg)
{
	const struct reject_ctx *c = arg;

	log_error(
	    "collector %s, indicator %s: %s", c->collector, c->indicator, msg);
}

/* Whether the RPN of a derived indicator names indicator id. */
static bool
rpn_names(const char *rpn, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = rpn; (p = strstr(p, id)) != NULL; p += n) {
		bool start =
		    p == rpn || p[-1] == ',' || isspace((unsigned char)p[-1]);
		bool end =
		    p[n] == '\0' || p[n] == ',' || isspace((unsigned char)p[n]);

		if (start && end)
			return true;
	}
	return false;
}

bool
pipeline_depends(const struct config *c, size_t y, size_t x)
{
	const struct indicator_conf *iy = &c->indicators[y];

	if (iy->derived != NULL && rpn_names(iy->derived, c->indicators[x].id))
		return true;
	for (size_t t = 0; t < iy->ntargets; t++)
		if (iy->targets[t].rate_indicator != NULL &&
		    iy->targets[t].rate_indicator_index == x)
			return true;
	return false;
}

/* Indicator index changed: every dependent is refreshed. */
static void
pipeline_changed(struct core *core, size_t index)
{
	const struct indicator_state *changed = &core->inds[index];

	for (size_t k = 0; k < changed->ndependents; k++) {
		struct indicator_state *is =
		    &core->inds[changed->dependents[k]];

		if (is->refreshing) {
			is->refresh_again = true;
			continue;
		}
		if (update_refresh(core, is) != 0) {
			log_error("indicator %s: cannot queue its refresh",
			    is->conf->id);
			continue;
		}
		is->refreshing = true;
		core->refreshing++;
	}
}

void
pipeline_updated(
    struct core *core, struct indicator_state *is, bool render, bool changed)
{
	if (core->stopping)
		return;
	if (render && renderq_request(core, is, false) != 0)
		log_error("indicator %s: cannot queue its chart", is->conf->id);
	if (changed)
		pipeline_changed(core, (size_t)(is - core->inds));
}

/*
 * The indicator's data is not stored this cycle, and the collector's
 * validators are not kept (the next fetch brings the data again).  A
 * damaged journal stays the indicator's reason until it is repaired: a
 * fetch error does not replace it.
 */
static void
indicator_fail(
    struct collector_state *cs, struct indicator_state *is, const char *why)
{
	cs->rt.failed = true;
	if (is->journal_err != NULL)
		return;
	if (!is->feed_error || strcmp(state_text(is->feed_err), why) != 0)
		log_error("collector %s, indicator %s: %s", cs->conf->id,
		    is->conf->id, why);
	is->feed_error = true;
	state_text_set(&is->feed_err, why, STATE_ERROR_MAX);
}

/*
 * A period that has not begun cannot have a value: a feed that announces
 * one (a forecast, a typo) has it ignored, with a warning, and the rest
 * of the feed is kept.
 */
static void
drop_future(struct collector_state *cs, struct indicator_state *is,
    struct obs_list *fetched)
{
	struct period first;
	char text[PERIOD_TEXT_MAX];
	size_t n = obs_list_drop_future(fetched, time(NULL), &first);

	if (n == 0)
		return;
	period_format(&first, text, sizeof(text));
	log_warn("collector %s, indicator %s: %zu period(s) in the future "
		 "ignored, first %s",
	    cs->conf->id, is->conf->id, n, text);
}

/* Selects one indicator's series from the parsed body, queues its update. */
static void
pipeline_indicator(struct core *core, struct collector_state *cs,
    struct indicator_state *is, const struct feed_format *f,
    const struct feed_doc *doc)
{
	struct reject_ctx rc = {cs->conf->id, is->conf->id};
	struct obs_list fetched = {0};
	char err[512] = "";

	/* No new value goes into a damaged journal (state.h). */
	if (is->journal_err != NULL) {
		indicator_fail(cs, is, NULL);
		return;
	}
	if (f->select(doc, &is->conf->selector, is->conf->freq, &fetched,
		reject_cb, &rc, err, sizeof(err)) != 0) {
		indicator_fail(cs, is,
		    *err ? err : "observations rejected, nothing stored");
		obs_list_clear(&fetched);
		return;
	}
	drop_future(cs, is, &fetched);
	cs->jobs++;
	if (update_fetched(core, cs, is, &fetched) != 0) {
		cs->jobs--;
		indicator_fail(
		    cs, is, "cannot queue the update (out of memory)");
		obs_list_clear(&fetched);
		return;
	}
	obs_list_clear(&fetched);
	if (is->feed_error)
		log_info("collector %s, indicator %s: feed recovered",
		    cs->conf->id, is->conf->id);
	is->feed_error = false;
	state_text_set(&is->feed_err, NULL, 0);
}

/* Every indicator of collector cs fails with why. */
static void
collector_fail(struct core *core, struct collector_state *cs, const char *why)
{
	for (size_t k = 0; k < cs->ninds; k++)
		indicator_fail(cs, &core->inds[cs->inds[k]], why);
}

/* Reads every indicator of cs out of the parsed document. */
static void
pipeline_doc(struct core *core, struct collector_state *cs,
    const struct feed_format *f, const struct feed_doc *doc)
{
	for (size_t k = 0; k < cs->ninds; k++)
		pipeline_indicator(core, cs, &core->inds[cs->inds[k]], f, doc);
}

static bool pipeline_paged(struct core *core, struct collector_state *cs,
    const struct feed_format *f, struct feed_doc *doc);

/*
 * The body is parsed once for all the collector's indicators; a body
 * that does not parse fails every one of them with the same reason.
 */
static void
pipeline_body(struct core *core, struct collector_state *cs,
    const struct fetch_result *res)
{
	const struct feed_format *f = formats_find(cs->conf->format);
	struct feed_doc *doc = NULL;
	char err[512] = "unknown format";

	if (fetch_failed(res->outcome)) {
		collector_fail(core, cs, res->err);
		return;
	}
	if (f == NULL ||
	    (doc = f->load(res->body, res->len, err, sizeof(err))) == NULL) {
		collector_fail(core, cs, err);
		return;
	}
	if (pipeline_paged(core, cs, f, doc))
		return;
	pipeline_doc(core, cs, f, doc);
	f->free(doc);
}

static void page_next(struct core *core, struct collector_state *cs);

/* The end of a paged answer: read it, or fail the cycle with why. */
static void
page_finish(struct core *core, struct collector_state *cs, const char *why)
{
	const struct feed_format *f = formats_find(cs->conf->format);

	if (why != NULL) {
		log_error("collector %s: page %d of %d: %s", cs->conf->id,
		    cs->page + 1, cs->pages, why);
		cs->rt.failed = true;
		collector_fail(core, cs, why);
	} else {
		pipeline_doc(core, cs, f, cs->doc);
	}
	f->free(cs->doc);
	cs->doc = NULL;
	if (--cs->jobs == 0)
		core_collector_done(core, cs);
}

static void
page_done(const struct fetch_result *res, void *arg)
{
	struct collector_state *cs = arg;
	struct core *core = cs->core;
	const struct feed_format *f = formats_find(cs->conf->format);
	struct feed_doc *page;
	char err[512];

	if (res->outcome == FETCH_ABORTED) {
		f->free(cs->doc);
		cs->doc = NULL;
		core_collector_busy(core, cs, false);
		return;
	}
	if (res->outcome != FETCH_OK) {
		page_finish(core, cs, res->err);
		return;
	}
	if ((page = f->load(res->body, res->len, err, sizeof(err))) == NULL ||
	    f->merge(cs->doc, page, err, sizeof(err)) != 0) {
		if (page != NULL)
			f->free(page);
		page_finish(core, cs, err);
		return;
	}
	f->free(page);
	if (++cs->page < cs->pages)
		page_next(core, cs);
	else
		page_finish(core, cs, NULL);
}

/* Asks for the page after cs->page: the URL with page=N in its query. */
static void
page_next(struct core *core, struct collector_state *cs)
{
	char err[256];
	char *url =
	    fetch_page_url(cs->conf->url, cs->page + 1, err, sizeof(err));

	if (url == NULL ||
	    fetch_start_url(
		core->cev, cs->conf, url, page_done, cs, err, sizeof(err)) != 0)
		page_finish(core, cs, err);
	free(url);
}

/*
 * A paged answer (the World Bank API): the first page is kept and the
 * others are fetched one after the other and merged into it, then read
 * as one document.  True when the pages are under way.
 */
static bool
pipeline_paged(struct core *core, struct collector_state *cs,
    const struct feed_format *f, struct feed_doc *doc)
{
	int page, pages;

	if (f->pages == NULL || f->pages(doc, &page, &pages) != 0 ||
	    page != 1 || pages <= 1)
		return false;
	cs->doc = doc;
	cs->page = 1;
	cs->pages = pages;
	cs->jobs++; /* held until the last page */
	page_next(core, cs);
	return true;
}

/* A 304: the feed answers and the data stand; nothing to parse or store. */
static void
pipeline_healthy(struct core *core, struct collector_state *cs)
{
	for (size_t k = 0; k < cs->ninds; k++) {
		struct indicator_state *is = &core->inds[cs->inds[k]];

		if (!is->feed_error || is->journal_err != NULL)
			continue;
		log_info("collector %s, indicator %s: feed recovered",
		    cs->conf->id, is->conf->id);
		is->feed_error = false;
		state_text_set(&is->feed_err, NULL, 0);
	}
}

/*
 * A failed transfer marks the indicators feed_error only after fail_after
 * failures in a row (or at once in "once" mode, which cannot retry): one
 * timeout is not news, three are.
 */
static void
fetch_failure(struct core *core, struct collector_state *cs,
    const struct fetch_result *res)
{
	cs->rt.failures++;
	cs->fetch_failed = true;
	cs->rt.retry_after = res->retry_after;
	state_text_set(&cs->rt.last_error, res->err, STATE_ERROR_MAX);
	if (core->once || cs->rt.failures >= cs->conf->fail_after)
		pipeline_body(core, cs, res);
}

/*
 * One line per fetch, whatever came of it, as key=value pairs for log
 * collectors: at info, or warn when it failed (failures counts those in
 * a row against fail_after, after which the indicators are feed_error).
 */
static void
log_fetch(const struct collector_state *cs, const struct fetch_result *res)
{
	char err[600];
	bool failed = fetch_failed(res->outcome);

	log_event(failed ? LOG_LEVEL_WARN : LOG_LEVEL_INFO, "fetch",
	    "collector=%s outcome=%s status=%ld bytes=%zu seconds=%.3f "
	    "failures=%u/%u%s%s",
	    cs->conf->id, fetch_outcome_name(res->outcome), res->status,
	    res->len, res->seconds, cs->rt.failures, cs->conf->fail_after,
	    failed ? " error=" : "",
	    failed ? log_quote(res->err, err, sizeof(err)) : "");
}

/*
 * The validators go with the data they describe: they are kept only once
 * every indicator's observations are journaled (core_collector_done).
 * Otherwise the next fetch would be answered 304 and the data never come
 * again.
 */
static void
keep_validators(struct collector_state *cs, const struct fetch_result *res)
{
	state_text_set(&cs->new_etag, res->etag, STATE_ETAG_MAX);
	state_text_set(&cs->new_last_modified, res->last_modified,
	    STATE_LAST_MODIFIED_MAX);
}

/*
 * A feed whose validators fetch.c refused (they could add a header to a
 * later request) is told once, when it starts sending them, not at every
 * fetch; a response without a refused one ends that.
 */
static void
note_refused(struct collector_state *cs, const struct fetch_result *res)
{
	if (*res->refused != '\0' && !cs->rt.validators_refused)
		log_warn("collector %s: validators refused (not kept, not sent "
			 "back): %s",
		    cs->conf->id, res->refused);
	cs->rt.validators_refused = *res->refused != '\0';
}

static void
fetch_done(const struct fetch_result *res, void *arg)
{
	struct collector_state *cs = arg;
	struct core *core = cs->core;

	cs->rt.last_outcome = res->outcome;
	cs->rt.last_status = res->status;
	cs->rt.fetches[res->outcome]++;
	cs->rt.fetch_seconds += res->seconds;
	cs->rt.last_fetch = time(NULL);
	cs->rt.failed = fetch_failed(res->outcome);
	cs->fetch_failed = false;
	cs->rt.retry_after = -1;
	if (res->outcome == FETCH_ABORTED) {
		core_collector_busy(core, cs, false);
		return;
	}
	cs->jobs = 1; /* held while indicators are queued */
	if (fetch_failed(res->outcome)) {
		fetch_failure(core, cs, res);
		log_fetch(cs, res);
	} else if (res->outcome == FETCH_NOT_MODIFIED) {
		log_debug("collector %s: not modified", cs->conf->id);
		cs->rt.last_success = cs->rt.last_fetch;
		pipeline_healthy(core, cs);
	} else {
		log_debug("collector %s: fetched %zu bytes in %.3f s",
		    cs->conf->id, res->len, res->seconds);
		cs->rt.last_success = cs->rt.last_fetch;
		state_text_set(&cs->rt.last_error, NULL, 0);
		keep_validators(cs, res);
		note_refused(cs, res);
		pipeline_body(core, cs, res);
	}
	if (!fetch_failed(res->outcome))
		log_fetch(cs, res);
	if (--cs->jobs == 0)
		core_collector_done(core, cs);
}

void
pipeline_start(struct core *core, struct collector_state *cs)
{
	struct fetch_validators v = {cs->rt.etag, cs->rt.last_modified};
	char err[256];

	if (cs->busy) {
		log_warn("collector %s: previous cycle still running, skipped",
		    cs->conf->id);
		return;
	}
	core_collector_busy(core, cs, true);
	if (fetch_start(core->cev, cs->conf, &v, fetch_done, cs, err,
		sizeof(err)) != 0) {
		log_error("collector %s: cannot start the transfer: %s",
		    cs->conf->id, err);
		state_text_set(&cs->rt.last_error, err, STATE_ERROR_MAX);
		cs->rt.failed = true;
		core_collector_done(core, cs);
	}
}
