/*
 * store_daemon: the store's own view of where archives go through
 * rrdcached (one daemon, or shards), for store.c only.  Each request is
 * daemon_begin ... daemon_end, under rrdlock.
 */
#ifndef PLANWATCH_STORE_DAEMON_H
#define PLANWATCH_STORE_DAEMON_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Whether any archive goes through a daemon (one, or shards). */
bool store_through_daemon(void);
/*
 * Whether archives are on shards: then they live in each shard's base
 * directory, never under data_dir, and are reached only through the
 * daemon (no local file is looked at).
 */
bool store_sharded(void);
/*
 * Takes rrdlock and connects to the daemon of path unless connected
 * already; -1 with err (and the lock released).
 */
int store_daemon_begin(const char *path, char *err, size_t errlen);
/* Ends a request begun by store_daemon_begin; returns rc. */
int store_daemon_end(int rc);
/*
 * Shards: whether the daemon of path holds the archive: 1 with its last
 * update in *last, 0 when it has none, -1 with err.
 */
int store_daemon_last(const char *path, time_t *last, char *err, size_t errlen);
/* " (through rrdcached ...)" for messages about path; "" without. */
const char *store_daemon_via(const char *path, char *buf, size_t len);

#endif
