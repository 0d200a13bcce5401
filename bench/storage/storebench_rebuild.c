/*
 * storebench_rebuild: storebench's rebuild subcommand (storebench.c has
 * the others and the usage): a 30-year monthly archive built anew by
 * store_rebuild, by the peer (rrd_create_r and one rrd_update_r), by the
 * peer with planwatch's durability, and through rrdcached; the files
 * compared value by value at the end.
 */
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netdb.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rrd.h>
#include <rrd_client.h>

#include "clock.h"
#include "obs.h"
#include "period.h"
#include "store.h"
#include "storebench.h"

/* ----------------------------------------------------------- rebuild */

/* 30 years of monthly values, 1996-01 to 2025-12. */
static int
rebuild_obs(struct obs_list *obs)
{
	for (int k = 0; k < 360; k++) {
		struct period p = {FREQ_MONTHLY, 1996 + k / 12, 1 + k % 12};

		if (obs_list_add(obs, &p, 50.0 + k * 0.37 + (k % 12) * 0.5) !=
		    0)
			return -1;
	}
	return 0;
}

/*
 * The peer: the whole archive from scratch in one rrd_create_r and one
 * rrd_update_r; with durable, also written beside, fsynced and renamed
 * as store_rebuild does, to show what that part costs.
 */
static int
peer_build(const char *path, const struct obs_list *obs, int durable, char *err,
    size_t errlen)
{
	const char *cargv[2] = {
	    "DS:value:GAUGE:2764800:U:U", "RRA:AVERAGE:0.5:1:14640"};
	char tmp[PATHLEN], argbuf[360][64];
	const char *args[360], *target = path;
	int fd;

	if (obs->n > 360)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	if (durable)
		target = tmp;
	unlink(target);
	for (size_t i = 0; i < obs->n; i++) {
		snprintf(argbuf[i], sizeof(argbuf[i]), "%lld:%.17g",
		    (long long)period_end(&obs->v[i].period), obs->v[i].value);
		args[i] = argbuf[i];
	}
	rrd_clear_error();
	if (rrd_create_r(target, STORE_STEP, period_start(&obs->v[0].period), 2,
		cargv) != 0 ||
	    rrd_update_r(target, NULL, (int)obs->n, args) != 0) {
		snprintf(err, errlen, "%s: %s", target, rrd_get_error());
		return -1;
	}
	if (!durable)
		return 0;
	if ((fd = open(tmp, O_RDONLY)) < 0 || fsync(fd) != 0 ||
	    close(fd) != 0 || rename(tmp, path) != 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	/* The directory, for the new name (fsutil_sync_parent). */
	*strrchr(tmp, '/') = '\0';
	if ((fd = open(tmp, O_RDONLY)) < 0 || fsync(fd) != 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	return close(fd);
}

enum rebuild_kind { R_STORE, R_PEER, R_PEER_DURABLE, R_STORE_CLIENT };

static const char *const rebuild_names[] = {
    "store_rebuild", "peer", "peer+fsync+rename", "store_rebuild-client"};
static const char *const rebuild_files[] = {
    "rb-store.rrd", "rb-peer.rrd", "rb-peer-durable.rrd", "rb-client.rrd"};

static int
rebuild_one(enum rebuild_kind k, const char *dir, const char *addr,
    const struct obs_list *obs, char *err, size_t errlen)
{
	char path[PATHLEN];
	size_t written;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, rebuild_files[k]);
	switch (k) {
	case R_PEER:
		return peer_build(path, obs, 0, err, errlen);
	case R_PEER_DURABLE:
		return peer_build(path, obs, 1, err, errlen);
	case R_STORE:
	case R_STORE_CLIENT:
		if (store_set_daemon(k == R_STORE_CLIENT ? addr : NULL, dir) !=
		    0)
			return -1;
		rc = store_rebuild(
		    path, FREQ_MONTHLY, obs, &written, err, errlen);
		if (rc == 0 && written != obs->n) {
			snprintf(
			    err, errlen, "%zu of %zu written", written, obs->n);
			rc = -1;
		}
		store_set_daemon(NULL, NULL);
		return rc;
	}
	return -1;
}

/* The values of an archive over the 30 years, for comparing builds. */
static int
rebuild_fetch(const char *path, const struct obs_list *obs, rrd_value_t **data,
    unsigned long *rows)
{
	time_t start = period_start(&obs->v[0].period);
	time_t end = period_end(&obs->v[obs->n - 1].period);
	unsigned long step = STORE_STEP, ds_cnt;
	char **names;

	rrd_clear_error();
	if (rrd_fetch_r(path, "AVERAGE", &start, &end, &step, &ds_cnt, &names,
		data) != 0)
		return -1;
	for (unsigned long i = 0; i < ds_cnt; i++)
		free(names[i]);
	free(names);
	*rows = (unsigned long)(end - start) / step;
	return 0;
}

/*
 * Whether every archive built without error holds, day by day, what the
 * first one holds.
 */
static int
rebuild_same(
    const char *dir, int kinds, char (*errs)[512], const struct obs_list *obs)
{
	char path[PATHLEN];
	rrd_value_t *ref = NULL, *d;
	unsigned long nref = 0, n;
	int same = 1;

	for (int k = 0; k < kinds && same; k++) {
		if (errs[k][0] != '\0')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, rebuild_files[k]);
		if (rebuild_fetch(path, obs, &d, &n) != 0) {
			same = 0;
			break;
		}
		if (ref == NULL) {
			ref = d;
			nref = n;
			continue;
		}
		for (unsigned long i = 0; i < n && same; i++)
			same = n == nref &&
			    (d[i] == ref[i] || (isnan(d[i]) && isnan(ref[i])));
		free(d);
	}
	free(ref);
	return same;
}

static void
rebuild_print(const struct obs_list *obs, int runs, int kinds, int same,
    const double *ms, char (*errs)[512])
{
	printf("{\"values\": %zu, \"runs\": %d, \"same\": %s, \"kinds\": [",
	    obs->n, runs, same ? "true" : "false");
	for (int k = 0; k < kinds; k++) {
		printf("%s{\"name\": \"%s\", \"error\": ", k ? ", " : "",
		    rebuild_names[k]);
		json_str(errs[k]);
		printf(", \"ms\": [");
		for (int run = 0; errs[k][0] == '\0' && run < runs; run++)
			printf("%s%.3f", run ? ", " : "", ms[run * kinds + k]);
		printf("]}");
	}
	printf("]}\n");
}

/*
 * Each kind builds its archive once untimed (so that every timed run
 * replaces an existing archive), then RUNS times in rotating order.  A
 * kind that fails is reported with its error and not run again.
 */
int
cmd_rebuild(const char *dir, int runs, const char *addr)
{
	struct obs_list obs = {0};
	int kinds = addr != NULL ? 4 : 3;
	double *ms = calloc((size_t)(runs * kinds), sizeof(double));
	char errs[4][512] = {""};

	if (ms == NULL || rebuild_obs(&obs) != 0)
		return 1;
	for (int k = 0; k < kinds; k++)
		rebuild_one((enum rebuild_kind)k, dir, addr, &obs, errs[k],
		    sizeof(errs[k]));
	for (int run = 0; run < runs; run++) {
		/* The revision: one month's value changes each run. */
		obs.v[(size_t)(run * 7) % obs.n].value += 0.1;
		for (int j = 0; j < kinds; j++) {
			int k = (run + j) % kinds;
			double t0 = clock_now_mono();

			if (errs[k][0] != '\0')
				continue;
			rebuild_one((enum rebuild_kind)k, dir, addr, &obs,
			    errs[k], sizeof(errs[k]));
			ms[run * kinds + k] = (clock_now_mono() - t0) * 1000;
		}
	}
	rebuild_print(
	    &obs, runs, kinds, rebuild_same(dir, kinds, errs, &obs), ms, errs);
	free(ms);
	obs_list_clear(&obs);
	return 0;
}
