/*
 * store: one RRD archive per indicator, written through librrd.  Only this
 * file and graphs/render.c include rrd.h.  Called on the worker thread,
 * never on the event loop.
 *
 * Layout: step one day, one GAUGE data source "value" whose heartbeat is
 * longer than the indicator's frequency, one AVERAGE archive of one-day
 * rows covering 40 years, or the history and 10 years more when that is
 * longer, from 1980 at the earliest (STORE_EPOCH).  A period's value is written
 * at the period's end with the interval since the period's start, so every day
 * of the period holds the value.  "Exactly" as `rrdtool fetch` prints it:
 * librrd parses and averages in double arithmetic, so the stored double can
 * differ from the written one in its last bits (0.09 reads back 1.4e-17 lower);
 * the journal keeps every value bit for bit and is what targets are judged on.
 */
#ifndef PLANWATCH_STORE_H
#define PLANWATCH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "obs.h"

struct config;
struct storage_shard;

#define STORE_STEP 86400
/* Rows of an archive: 40 years of days at least ... */
#define STORE_ROWS (40 * 366)
/* ... or its whole history and 10 years of room after it. */
#define STORE_ROOM_ROWS (10 * 366)
/*
 * The first instant an archive holds: 1980-01-01 00:00 UTC.  librrd
 * cannot store a time at or before 1970 (an update at a negative time is
 * read as relative to now, and one at 0 is refused), and rrd_graph and
 * rrd_xport read nothing before 1980 ("the first entry to fetch should
 * be after 1980").  So a period is stored when it begins on this day or
 * later; older periods stay in the journal only (store_count_too_early).
 */
#define STORE_EPOCH 315532800

/*
 * Sends every create, update and last-update question through rrdcached
 * at addr ("unix:/run/rrdcached.sock" or "host:port"); NULL: local files.
 * A TCP daemon must run with data_dir as its base directory (-b).  Call
 * before any thread uses the store (the address is process-wide).  -1
 * when out of memory.
 */
int store_set_daemon(const char *addr, const char *data_dir);
/*
 * Spreads the archives over the shards sh[0..n) (storage.rrdcached's
 * list; the key is shardkey.h's): each archive is created, updated and
 * read only through its shard's daemon, named relative to that daemon's
 * base directory ("<id>.rrd"; data_dir is this side's prefix of the
 * paths).  Before any thread, instead of store_set_daemon.  -1 when out
 * of memory.
 */
int store_set_shards(
    const struct storage_shard *sh, size_t n, const char *data_dir);
/*
 * The name under which the daemon knows the archive at path: absolute
 * for a unix socket, relative to data_dir over TCP and on shards; path
 * itself without a daemon.  May use buf.
 */
const char *store_daemon_name(const char *path, char *buf, size_t len);
/* The one rrdcached address in use (storage.rrdcached: "addr"), or NULL
 * (local files, or shards). */
const char *store_daemon(void);
/* The rrdcached address the archive at path goes through, or NULL. */
const char *store_daemon_for(const char *path);
/* The shard holding indicator id's archive (borrowed); -1 without
 * shards. */
int store_shard_of(const char *id, const char **name, const char **addr);
/* Whether c's storage.rrdcached is the one in use (a reload keeps it). */
bool store_same_storage(const struct config *c);
/* The storage in use, in words for a log line (may use buf). */
const char *store_storage_text(char *buf, size_t len);
/* Writes the RRD path of indicator id under dir into buf. */
void store_path(const char *dir, const char *id, char *buf, size_t len);
/*
 * How many of obs's periods (sorted) begin before STORE_EPOCH: they are
 * its first ones, and no archive holds them.
 */
size_t store_count_too_early(const struct obs_list *obs);
/*
 * Brings the archive at path up to date with obs (sorted, one frequency):
 * creates it on first use with the whole history (from STORE_EPOCH on:
 * an archive with no period to hold is created empty, so that its charts
 * draw), otherwise writes only the periods after its last update.  *written
 * gets the number of periods written.  0, or -1 with err (the file is then
 * unchanged or, when it was being created, absent).
 */
int store_update(const char *path, enum freq freq, const struct obs_list *obs,
    size_t *written, char *err, size_t errlen);
/*
 * store_update with the archive's last update time known to the caller
 * (*last; 0: unknown), which spares librrd opening and mapping the file
 * once more to read it (a tenth of a steady cycle's CPU; bench/fetch).  A
 * hint that is too early makes librrd refuse the update, and the time is
 * then read from the file.  *last gets the time after the update, or 0.
 */
int store_update_from(const char *path, enum freq freq,
    const struct obs_list *obs, time_t *last, size_t *written, char *err,
    size_t errlen);
/*
 * Builds the archive at path anew from obs (a revision changed a stored
 * period): written beside it, fsynced, renamed over it, so readers see
 * the old archive or the new one, never a half-built file.
 */
int store_rebuild(const char *path, enum freq freq, const struct obs_list *obs,
    size_t *written, char *err, size_t errlen);
/* One input of a derived series: an RRD and the name the RPN uses. */
struct store_input {
	const char *name; /* [A-Za-z0-9_]+ */
	const char *path;
};

/*
 * Evaluates rpn (rrdtool RPN over the inputs' names) with librrd's
 * rrd_xport from start (STORE_EPOCH at the earliest) to end at one-day
 * steps.  *values gets one value per day (NAN where unknown; caller
 * frees; none when the span lies before STORE_EPOCH), day i ending at
 * *first + i * STORE_STEP.  Worker thread only: rrd_xport is not
 * thread-safe in librrd 1.7.
 */
int store_derive(const struct store_input *in, size_t n, const char *rpn,
    time_t start, time_t end, double **values, size_t *count, time_t *first,
    char *err, size_t errlen);
/*
 * Whether err (from a store call) says the archive itself is damaged (not
 * an RRD file, cut short, another format), as opposed to a failure to
 * write it (disk full, permissions, rrdcached away).
 */
bool store_error_is_corruption(const char *err);
/*
 * Moves a damaged archive aside, never deleting it: path becomes
 * path.corrupt-<YYYYmmddTHHMMSSZ> (at now), written into aside.  -1 with
 * err.
 */
int store_move_aside(const char *path, time_t now, char *aside, size_t asidelen,
    char *err, size_t errlen);
/* Reads the time of the archive's last update into *last; -1 with err. */
int store_last(const char *path, time_t *last, char *err, size_t errlen);

#endif
