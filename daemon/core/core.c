/*
 * core: the helpers every part of the runner may call on the shared
 * runtime (core.h): find a state record, count busy collectors, read the
 * silences again.  They change data only; nothing here calls a hook.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "core.h"
#include "log.h"
#include "outbox.h"

struct indicator_state *
core_indicator(struct core *c, const struct indicator_conf *ic)
{
	return &c->inds[ic - c->conf->indicators];
}

const struct obs_list *
core_series(void *core, size_t index)
{
	struct core *c = core;

	return index < c->conf->nindicators ? &c->inds[index].obs : NULL;
}

size_t
core_journals_damaged(const struct core *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->conf->nindicators; i++)
		n += c->inds[i].journal_err != NULL;
	return n;
}

void
core_collector_busy(struct core *c, struct collector_state *cs, bool busy)
{
	if (cs->busy != busy)
		c->busy += busy ? 1 : (size_t)-1;
	cs->busy = busy;
}

void
core_silences_refresh(struct core *c)
{
	struct silences fresh;
	struct stat st;
	char path[4096], err[512];

	silences_path(c->conf->state_dir, path, sizeof(path));
	/* lstat: a link planted there changes too, and its load says why
	 * it is refused. */
	if (lstat(path, &st) != 0)
		st.st_mtim = (struct timespec){0, 0};
	if (st.st_mtim.tv_sec == c->silences_mtime.tv_sec &&
	    st.st_mtim.tv_nsec == c->silences_mtime.tv_nsec)
		return;
	if (silences_load(path, &fresh, err, sizeof(err)) != 0) {
		log_error("silences: %s; the silences read before stay", err);
		return;
	}
	silences_clear(&c->silences);
	c->silences = fresh;
	c->silences_mtime = st.st_mtim;
	c->version++;
	log_info("silences: %zu read from %s", fresh.n, path);
}

/* The outbox's view of the core (outbox.h): delivery sees no struct core. */
static const struct config *
outbox_conf(void *arg)
{
	return ((const struct core *)arg)->conf;
}

static unsigned
outbox_flags(void *arg)
{
	const struct core *c = arg;

	return (c->once ? OUTBOX_ONCE : 0) |
	    (c->stopping ? OUTBOX_STOPPING : 0) |
	    (c->draining ? OUTBOX_DRAINING : 0);
}

static void
outbox_idle(void *arg)
{
	core_idle(arg);
}

struct outbox *
core_outbox_new(struct core *c)
{
	const struct outbox_host host = {
	    c->base, c->cev, outbox_conf, outbox_flags, outbox_idle, c};

	return outbox_new(&host);
}
