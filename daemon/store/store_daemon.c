/*
 * store_daemon: which rrdcached an archive goes through, and the name it
 * has there.  One daemon (storage.rrdcached: "addr") takes every archive;
 * with shards (a list) each archive's daemon is the one its indicator id
 * ranks first by shardkey.c, and every archive is named relative to that
 * daemon's base directory ("<id>.rrd").
 *
 * librrd 1.7.2 exports only its one process-wide client (rrdc_*; the
 * rrd_client_* per-connection functions of its header are not in the
 * library's symbol table), and rrd_graph's and rrd_xport's daemon
 * options use it too.  So there is one connection, held under rrdlock,
 * and a request for another shard than the last one's connects anew
 * (rrdc_connect closes the old connection when the address differs): a
 * TCP handshake per change of shard, which is why the worker's requests
 * for one archive stay together (docs/scaling.md measures it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rrd.h>
#include <rrd_client.h>

#include "config.h"
#include "rrdlock.h"
#include "shardkey.h"
#include "store.h"
#include "store_daemon.h"

/* rrdcached's address, or NULL (local files or shards); set before
 * threads. */
static char *daemon_addr;
/* TCP and shards: the directory archive names are relative to (data_dir
 * on this side); else NULL. */
static char *daemon_base;
/* The shards: names (what the key hashes) and addresses, or none. */
static char **shard_names, **shard_addrs;
static size_t nshards;

static void
shards_clear(void)
{
	for (size_t i = 0; i < nshards; i++) {
		free(shard_names[i]);
		free(shard_addrs[i]);
	}
	free(shard_names);
	free(shard_addrs);
	shard_names = shard_addrs = NULL;
	nshards = 0;
}

int
store_set_daemon(const char *addr, const char *data_dir)
{
	shards_clear();
	free(daemon_addr);
	free(daemon_base);
	daemon_addr = addr != NULL ? strdup(addr) : NULL;
	daemon_base = addr != NULL && strncmp(addr, "unix:", 5) != 0
	    ? strdup(data_dir)
	    : NULL;
	return addr == NULL ||
		(daemon_addr != NULL &&
		    (daemon_base != NULL || strncmp(addr, "unix:", 5) == 0))
	    ? 0
	    : -1;
}

int
store_set_shards(const struct storage_shard *sh, size_t n, const char *data_dir)
{
	if (store_set_daemon(NULL, data_dir) != 0 || n == 0)
		return n == 0 ? 0 : -1;
	shard_names = calloc(n, sizeof(*shard_names));
	shard_addrs = calloc(n, sizeof(*shard_addrs));
	daemon_base = strdup(data_dir);
	if (shard_names == NULL || shard_addrs == NULL || daemon_base == NULL)
		goto fail;
	for (nshards = 0; nshards < n; nshards++) {
		shard_names[nshards] = strdup(sh[nshards].name);
		shard_addrs[nshards] = strdup(sh[nshards].address);
		if (shard_names[nshards] == NULL ||
		    shard_addrs[nshards] == NULL) {
			nshards++;
			goto fail;
		}
	}
	return 0;
fail:
	shards_clear();
	free(daemon_base);
	daemon_base = NULL;
	return -1;
}

bool
store_through_daemon(void)
{
	return daemon_addr != NULL || nshards > 0;
}

bool
store_sharded(void)
{
	return nshards > 0;
}

int
store_shard_of(const char *id, const char **name, const char **addr)
{
	size_t k;

	if (nshards == 0)
		return -1;
	k = shardkey_pick((const char *const *)shard_names, nshards, id);
	*name = shard_names[k];
	*addr = shard_addrs[k];
	return 0;
}

/*
 * The indicator id of an archive's path: its file name without ".rrd"
 * (store_path), into buf.  A temporary name keeps its whole file name.
 */
static const char *
path_id(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	size_t n = strlen(base);

	if (n > 4 && strcmp(base + n - 4, ".rrd") == 0)
		n -= 4;
	snprintf(buf, len, "%.*s", (int)n, base);
	return buf;
}

/* The shard of path: its index. */
static size_t
shard_index(const char *path)
{
	char id[4096];

	return shardkey_pick((const char *const *)shard_names, nshards,
	    path_id(path, id, sizeof(id)));
}

const char *
store_daemon_for(const char *path)
{
	return nshards > 0 ? shard_addrs[shard_index(path)] : daemon_addr;
}

const char *
store_daemon_name(const char *path, char *buf, size_t len)
{
	size_t n;
	char cwd[4096];

	if (!store_through_daemon())
		return path;
	if (daemon_base == NULL) {
		/* A local daemon resolves relative names its own way. */
		if (path[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
			return path;
		snprintf(buf, len, "%s/%s", cwd, path);
		return buf;
	}
	/* A remote daemon, and every shard, takes names relative to its
	 * base directory. */
	n = strlen(daemon_base);
	if (strncmp(path, daemon_base, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

const char *
store_daemon(void)
{
	return daemon_addr;
}

bool
store_same_storage(const struct config *c)
{
	if (c->nshards != nshards ||
	    (c->rrdcached == NULL) != (daemon_addr == NULL) ||
	    (daemon_addr != NULL && strcmp(c->rrdcached, daemon_addr) != 0))
		return false;
	for (size_t i = 0; i < nshards; i++)
		if (strcmp(c->shards[i].name, shard_names[i]) != 0 ||
		    strcmp(c->shards[i].address, shard_addrs[i]) != 0)
			return false;
	return true;
}

const char *
store_storage_text(char *buf, size_t len)
{
	size_t used = 0;

	if (nshards == 0)
		return daemon_addr != NULL ? daemon_addr : "to local files";
	buf[0] = '\0';
	for (size_t i = 0; i < nshards && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%s%s=%s",
		    i > 0 ? ", " : "shards ", shard_names[i], shard_addrs[i]);

		used += w > 0 ? (size_t)w : 0;
	}
	return buf;
}

const char *
store_daemon_via(const char *path, char *buf, size_t len)
{
	size_t k;

	if (nshards > 0) {
		k = shard_index(path);
		snprintf(buf, len, " (through rrdcached shard %s at %s)",
		    shard_names[k], shard_addrs[k]);
	} else
		snprintf(buf, len, "%s",
		    daemon_addr != NULL ? " (through rrdcached)" : "");
	return buf;
}

/*
 * librrd's one client (see above); rrdlock, held around it and around
 * rrd_graph's and rrd_xport's daemon use, serialises every request.
 */
int
store_daemon_begin(const char *path, char *err, size_t errlen)
{
	const char *e, *addr = store_daemon_for(path);
	char shard[96] = "";

	rrdlock_acquire();
	rrd_clear_error();
	if (rrdc_connect(addr) == 0)
		return 0;
	e = rrd_get_error();
	/* The operator looks for the shard by its name. */
	if (nshards > 0)
		snprintf(shard, sizeof(shard), "shard %s at ",
		    shard_names[shard_index(path)]);
	snprintf(err, errlen, "rrdcached %s%s (for %s): %s", shard, addr, path,
	    e && *e ? e : "cannot connect");
	rrd_clear_error();
	rrdlock_release();
	return -1;
}

/*
 * After a failure the connection may be unusable (the daemon went away),
 * so it is dropped and the next request connects again.
 */
int
store_daemon_end(int rc)
{
	if (rc != 0)
		rrdc_disconnect();
	rrdlock_release();
	return rc;
}

int
store_daemon_last(const char *path, time_t *last, char *err, size_t errlen)
{
	char name[4096], via[160];
	const char *e;

	if (store_daemon_begin(path, err, errlen) != 0)
		return -1;
	rrd_clear_error();
	*last = rrdc_last(store_daemon_name(path, name, sizeof(name)));
	if (*last != -1)
		return store_daemon_end(0) == 0 ? 1 : -1;
	/* rrdcached's word for an archive it does not have: not a failure
	 * of the daemon, so the connection stays. */
	e = rrd_get_error();
	if (e != NULL && strstr(e, "No such file or directory") != NULL) {
		rrd_clear_error();
		return store_daemon_end(0) == 0 ? 0 : -1;
	}
	snprintf(err, errlen, "rrd_last %s%s: %s", path,
	    store_daemon_via(path, via, sizeof(via)),
	    e && *e ? e : "librrd gave no reason");
	rrd_clear_error();
	return store_daemon_end(-1);
}
