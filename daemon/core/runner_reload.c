/*
 * runner_reload: SIGHUP (or the admin API) once the runner is idle.  The
 * file is parsed into a new configuration; a bad one is reported and the
 * old one kept (as bgpd does, never freeing the old first).  A good one
 * replaces the state records, rebuilt from the journals, which are the
 * record of truth.
 *
 * A collector's runtime (struct collector_runtime: counters, failures,
 * schedule, validators) moves across whole, matched by id through an
 * index: an unchanged collector (reload_diff.h) takes up where it was; a
 * changed one starts afresh without validators; a new one starts now.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "idindex.h"
#include "log.h"
#include "reload_diff.h"
#include "renderq.h"
#include "runner_impl.h"
#include "store.h"

/* A collector's runtime across a reload. */
struct kept {
	char *fingerprint;
	struct collector_runtime rt; /* its texts owned here */
	bool held; /* it was held for the reload: due now */
};

/* The old collectors: their runtime, and their ids in an index. */
struct keep {
	struct kept *v;
	size_t n;
	struct idindex *ids; /* id -> index into v, or NULL */
};

/*
 * Takes the old collectors' runtime before their state goes.  Out of
 * memory, fewer are matched: those start afresh, as new ones do.
 */
static void
reload_keep(struct core *core, struct keep *k)
{
	const struct config *c = core->conf;

	*k = (struct keep){0};
	if ((k->v = calloc(c->ncollectors + 1, sizeof(*k->v))) == NULL ||
	    (k->ids = idindex_new()) == NULL)
		return;
	for (size_t i = 0; i < c->ncollectors; i++) {
		struct collector_state *cs = &core->colls[i];

		k->v[i].fingerprint = reload_fingerprint(c, i);
		k->v[i].rt = cs->rt;
		k->v[i].held = cs->held;
		cs->rt = (struct collector_runtime){0}; /* moved */
		k->n++;
		(void)idindex_put(k->ids, c->collectors[i].id, i);
	}
}

static void
keep_free(struct keep *k)
{
	for (size_t i = 0; k->v != NULL && i < k->n; i++) {
		free(k->v[i].fingerprint);
		state_runtime_clear(&k->v[i].rt);
	}
	free(k->v);
	idindex_free(k->ids);
}

/* The kept runtime of the collector called id, or NULL. */
static struct kept *
keep_find(const struct keep *k, const char *id)
{
	size_t i;

	if (k->ids == NULL || !idindex_get(k->ids, id, &i))
		return NULL;
	return &k->v[i];
}

/* A kept collector takes up where it was: its schedule and validators. */
static void
reload_resume(struct collector_state *cs, struct kept *k, time_t now)
{
	/* What collectors.json restored is older than the runtime. */
	state_runtime_clear(&cs->rt);
	cs->rt = k->rt;
	k->rt = (struct collector_runtime){0};
	/* One held for the reload was due already: now. */
	runner_timer_in(cs,
	    k->held || cs->rt.next_due <= now
		? 0
		: (double)(cs->rt.next_due - now));
}

/*
 * Applies the new configuration's collectors against the kept ones:
 * unchanged ones resume, changed ones start afresh without validators,
 * new ones start now.
 */
static void
reload_apply(struct runner *r, struct keep *k)
{
	struct core *core = &r->core;
	size_t same = 0, changed = 0, added = 0, removed = k->n;
	time_t now = time(NULL);

	for (size_t i = 0; i < core->conf->ncollectors; i++) {
		struct collector_state *cs = &core->colls[i];
		char *fp = reload_fingerprint(core->conf, i);
		struct kept *old = keep_find(k, core->conf->collectors[i].id);

		if (old != NULL)
			removed--;
		if (old != NULL && fp != NULL && old->fingerprint != NULL &&
		    strcmp(fp, old->fingerprint) == 0) {
			reload_resume(cs, old, now);
			same++;
		} else {
			if (old != NULL) {
				/* A 304 must not hide what the new
				 * settings would read. */
				state_text_set(&cs->rt.etag, NULL, 0);
				state_text_set(&cs->rt.last_modified, NULL, 0);
				changed++;
			} else {
				added++;
			}
			runner_schedule(r, cs, true);
		}
		free(fp);
	}
	/* Written whole: the removed collectors leave the file. */
	core->state_full = true;
	log_info("reload: collectors: %zu unchanged (schedules and "
		 "validators kept), %zu changed, %zu added, %zu removed",
	    same, changed, added, removed);
}

/* What a reload cannot change: said, and left as it was. */
static void
reload_restart_only(const struct config *c, const char *old_instance)
{
	char now[1024];

	if (!store_same_storage(c))
		log_error("reload: storage.rrdcached changes only with a "
			  "restart; the archives still go %s",
		    store_storage_text(now, sizeof(now)));
	if ((old_instance == NULL) != (c->instance == NULL) ||
	    (old_instance != NULL && strcmp(old_instance, c->instance) != 0))
		log_error("reload: instance changes only with a restart; the "
			  "lock taken at the start (%s) stays",
		    old_instance ? old_instance : "no instance");
}

/* The new configuration did not load: the running one stays. */
static void
reload_refused(struct runner *r, struct config_errors *errors)
{
	for (size_t i = 0; i < errors->n; i++)
		log_error("%s", errors->v[i]);
	log_error("reload: %s has errors; the running configuration stays",
	    r->core.conf->path);
	config_errors_clear(errors);
	r->core.reloads_refused++;
	runner_release_held(r);
}

void
runner_reload(struct runner *r)
{
	struct core *core = &r->core;
	struct config_errors errors = {0};
	struct config *fresh;
	struct keep k;
	char *old_instance;

	core->reload_wanted = false;
	if ((fresh = config_load(core->conf->path, &errors)) == NULL) {
		reload_refused(r, &errors);
		return;
	}
	reload_keep(core, &k);
	old_instance =
	    core->conf->instance ? strdup(core->conf->instance) : NULL;
	runner_state_teardown(r);
	config_free(core->conf);
	core->conf = fresh;
	log_set_level(fresh->log_level);
	log_set_format(fresh->log_kv ? "kv" : "text");
	if (runner_state_setup(r) != 0) {
		log_error("reload: cannot set up the new configuration");
		keep_free(&k);
		free(old_instance);
		event_base_loopbreak(core->base);
		core->exit_code = 1;
		return;
	}
	reload_apply(r, &k);
	keep_free(&k);
	core->reloads_applied++;
	core->version++;
	reload_restart_only(core->conf, old_instance);
	config_warn_routes(core->conf);
	free(old_instance);
	/* The behind marks went with the old state: check again. */
	runner_catchup_all(r);
	/* Names, units, targets or sizes may have changed: every chart
	 * whose stamp says it was drawn from other settings. */
	renderq_request_all(core, true);
	log_info("reload: %s loaded", core->conf->path);
}
