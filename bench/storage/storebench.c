/*
 * storebench: the timed part of bench/storage.  One subcommand per
 * measurement, each printing one JSON object on stdout; bench/storage/run
 * starts rrdcached, calls these in order and makes the tables.
 *
 *   create DIR PREFIX N START
 *	N archives DIR/PREFIXnnnnn.rrd laid out as daemon/store/store.c lays out
 *	an annual indicator, last update START (untimed by the script's
 *	tables, reported apart).
 *   update METHOD DIR PREFIX N YEAR [-a ADDR] [-p PID] [-m M] [-r RRDTOOL]
 *	One observation (YEAR's value, written at the year's end) into each
 *	of the first M (default N) archives:
 *	  librrd        rrd_update_r per file
 *	  store         planwatch's store_update_from (last update known)
 *	  client        librrd's rrdcached client, rrdc_update per file
 *	  store-client  store_update_from with store_set_daemon(ADDR)
 *	  spawn         `rrdtool update FILE T:V` per file (posix_spawn,
 *	                no shell), one after the other
 *	With ADDR, after the batch: FLUSHALL, then STATS until the daemon
 *	has written every value (FLUSHALL only queues the writes).  PID is
 *	the daemon's, for its CPU time.  Then every file's last update is
 *	read back from disk with rrd_last_r (untimed).
 *   evict DIR PREFIX N, warm DIR PREFIX N
 *	Drops the archives' pages from the page cache (posix_fadvise), for
 *	the batches that start from the disk; reads them back in.
 *   rebuild DIR RUNS [-a ADDR]
 *	A 30-year monthly archive (360 values) built anew RUNS times by
 *	store_rebuild (beside, fsync, rename), and by the peer: unlink,
 *	rrd_create_r and one rrd_update_r of all 360 values; the peer plus
 *	planwatch's durability (fsync, rename, fsync of the directory); and,
 *	with ADDR, store_rebuild through rrdcached.  The order rotates each
 *	run.  The files are compared value by value at the end.
 *
 * librrd 1.7.2 as Debian ships it exports only the process-wide rrdc_*
 * client (rrd_client_new and rrdc_flushall are in the header but not in
 * the library), so FLUSHALL and STATS are sent on a socket of our own.
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

extern char **environ;

/* How long the daemon may take to write what FLUSHALL queued. */
#define FLUSH_TIMEOUT 1800.0

/* User + system CPU of this process (who = RUSAGE_SELF) or its children. */
static double
cpu_self(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* User + system CPU of process pid from /proc; 0 when pid is 0. */
static double
cpu_of(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long ut = 0, st = 0;
	FILE *f;
	size_t n;

	if (pid <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* Fields after the command name: state is 3, utime 14, stime 15. */
	if ((p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
		&ut, &st) != 2)
		return 0;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* Writes s as a JSON string. */
void
json_str(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void
file_path(char *buf, const char *dir, const char *prefix, long i)
{
	snprintf(buf, PATHLEN, "%s/%s%05ld.rrd", dir, prefix, i);
}

/* The value written for archive i in year y: distinct, not round. */
static double
value_of(long i, int year)
{
	return 100.0 + (double)i * 0.37 + (double)(year - 2000) * 1.25;
}

/* ------------------------------------------------------------ create */

static int
cmd_create(const char *dir, const char *prefix, long n, time_t start)
{
	/* daemon/store/store.c's layout for an annual indicator. */
	const char *argv[2] = {
	    "DS:value:GAUGE:31708800:U:U", "RRA:AVERAGE:0.5:1:14640"};
	char path[PATHLEN];
	double t0 = clock_now_mono(), c0 = cpu_self(RUSAGE_SELF);
	long failed = 0;

	for (long i = 0; i < n; i++) {
		file_path(path, dir, prefix, i);
		rrd_clear_error();
		if (rrd_create_r(path, STORE_STEP, start, 2, argv) != 0) {
			if (failed++ == 0)
				fprintf(stderr, "create %s: %s\n", path,
				    rrd_get_error());
		}
	}
	printf("{\"files\": %ld, \"failed\": %ld, \"wall\": %.6f, "
	       "\"cpu\": %.3f}\n",
	    n, failed, clock_now_mono() - t0, cpu_self(RUSAGE_SELF) - c0);
	return failed == 0 ? 0 : 1;
}

/* ------------------------------------------------------------- evict */

/* Pages of fd's file that are in the page cache, and all its pages. */
static void
resident(int fd, size_t *in, size_t *all)
{
	struct stat st;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), n;
	unsigned char *vec;
	void *map;

	if (fstat(fd, &st) != 0 || st.st_size == 0)
		return;
	n = ((size_t)st.st_size + page - 1) / page;
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return;
	if ((vec = malloc(n)) != NULL &&
	    mincore(map, (size_t)st.st_size, vec) == 0) {
		for (size_t i = 0; i < n; i++)
			*in += vec[i] & 1;
		*all += n;
	}
	free(vec);
	munmap(map, (size_t)st.st_size);
}

/*
 * evict: drops the archives' pages from the page cache (they must be
 * clean: the script syncs first), so that the next batch reads them from
 * the disk like archives nobody touched for a while.  Only these files
 * are affected, unlike drop_caches.  warm: reads them whole, so that
 * every page is in the page cache again.  Prints the pages resident
 * before and after.
 */
static int
cmd_cache(const char *dir, const char *prefix, long n, int evict)
{
	char path[PATHLEN], buf[65536];
	size_t before = 0, after = 0, all = 0, all2 = 0;

	for (long i = 0; i < n; i++) {
		int fd;

		file_path(path, dir, prefix, i);
		if ((fd = open(path, O_RDONLY)) < 0)
			continue;
		resident(fd, &before, &all);
		if (evict) {
			fdatasync(fd);
			posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
		} else {
			while (read(fd, buf, sizeof(buf)) > 0)
				;
		}
		resident(fd, &after, &all2);
		close(fd);
	}
	printf("{\"pages\": %zu, \"resident_before\": %zu, "
	       "\"resident_after\": %zu}\n",
	    all, before, after);
	return 0;
}

/* ------------------------------------------------- rrdcached, by hand */

/*
 * A connection of our own to the daemon at addr ("unix:/path" or
 * "host:port"), for the commands the library does not export.
 */
static FILE *
daemon_open(const char *addr)
{
	int fd = -1;

	if (strncmp(addr, "unix:", 5) == 0) {
		struct sockaddr_un sun = {.sun_family = AF_UNIX};

		snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", addr + 5);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (fd >= 0 &&
		    connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
			close(fd);
			fd = -1;
		}
	} else {
		char host[256], *colon;
		struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai;

		snprintf(host, sizeof(host), "%s", addr);
		if ((colon = strrchr(host, ':')) == NULL)
			return NULL;
		*colon = '\0';
		if (getaddrinfo(host, colon + 1, &hints, &ai) != 0)
			return NULL;
		fd = socket(ai->ai_family, SOCK_STREAM, 0);
		if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
			close(fd);
			fd = -1;
		}
		freeaddrinfo(ai);
	}
	return fd >= 0 ? fdopen(fd, "r+") : NULL;
}

struct dstats {
	unsigned long long queue, received, written_sets, written_files;
};

/*
 * Sends STATS and reads the counters; -1 on a broken answer.  The answer
 * is "<n> Statistics follow" and n lines "Name: value".
 */
static int
daemon_stats(FILE *f, struct dstats *s)
{
	char line[512], name[128];
	unsigned long long v;
	int lines;

	memset(s, 0, sizeof(*s));
	if (fputs("STATS\n", f) == EOF || fflush(f) != 0 ||
	    fgets(line, sizeof(line), f) == NULL ||
	    sscanf(line, "%d", &lines) != 1 || lines < 0)
		return -1;
	for (int i = 0; i < lines; i++) {
		if (fgets(line, sizeof(line), f) == NULL)
			return -1;
		if (sscanf(line, "%127[^:]: %llu", name, &v) != 2)
			continue;
		if (strcmp(name, "QueueLength") == 0)
			s->queue = v;
		else if (strcmp(name, "UpdatesReceived") == 0)
			s->received = v;
		else if (strcmp(name, "DataSetsWritten") == 0)
			s->written_sets = v;
		else if (strcmp(name, "UpdatesWritten") == 0)
			s->written_files = v;
	}
	return 0;
}

/*
 * FLUSHALL, then STATS every 5 ms until `expect` more values than
 * `before` are written and nothing is queued.  FLUSHALL answers at once
 * ("Started flush"): it only moves every cached file to the write
 * threads' queue.  Returns the seconds taken, or -1.
 */
static double
daemon_flushall(FILE *f, const struct dstats *before, unsigned long long expect)
{
	char line[512];
	struct dstats s;
	double t0 = clock_now_mono();
	struct timespec pause = {0, 5000000};

	if (fputs("FLUSHALL\n", f) == EOF || fflush(f) != 0 ||
	    fgets(line, sizeof(line), f) == NULL || line[0] != '0') {
		fprintf(stderr, "FLUSHALL: %s", line);
		return -1;
	}
	for (;;) {
		if (daemon_stats(f, &s) != 0)
			return -1;
		if (s.written_sets - before->written_sets >= expect &&
		    s.queue == 0)
			return clock_now_mono() - t0;
		if (clock_now_mono() - t0 > FLUSH_TIMEOUT) {
			fprintf(stderr, "flush: %llu of %llu written\n",
			    s.written_sets - before->written_sets, expect);
			return -1;
		}
		nanosleep(&pause, NULL);
	}
}

/* ------------------------------------------------------------ update */

enum method { M_LIBRRD, M_STORE, M_CLIENT, M_STORE_CLIENT, M_SPAWN };

static const char *const method_names[] = {
    "librrd", "store", "client", "store-client", "spawn"};

struct update_run {
	enum method method;
	const char *dir, *prefix, *addr, *rrdtool;
	long n;
	int year;
	time_t start, end; /* the year written */
	long failed;
	char first_err[512];
};

/* Counts a failed file; the first failure's message is kept. */
static void __attribute__((format(printf, 2, 3)))
run_failed(struct update_run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->failed++ != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(r->first_err, sizeof(r->first_err), fmt, ap);
	va_end(ap);
}

/* The name the daemon gets: absolute on a unix socket, else relative. */
static const char *
client_name(const struct update_run *r, const char *path)
{
	if (strncmp(r->addr, "unix:", 5) == 0)
		return path;
	return path + strlen(r->dir) + 1;
}

static void
update_one_spawn(struct update_run *r, const char *path, const char *arg)
{
	char *argv[] = {"rrdtool", "update", (char *)path, (char *)arg, NULL};
	pid_t pid;
	int status, e;

	if ((e = posix_spawn(&pid, r->rrdtool, NULL, NULL, argv, environ)) !=
	    0) {
		run_failed(r, "spawn %s: %s", r->rrdtool, strerror(e));
		return;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		run_failed(r, "rrdtool update %s %s: failed", path, arg);
}

static void
update_one(struct update_run *r, long i, struct obs_list *obs)
{
	char path[PATHLEN], arg[64], err[512];
	const char *argv[1] = {arg};
	double v = value_of(i, r->year);
	time_t last = r->start;
	size_t written = 0;

	file_path(path, r->dir, r->prefix, i);
	snprintf(arg, sizeof(arg), "%lld:%.17g", (long long)r->end, v);
	rrd_clear_error();
	switch (r->method) {
	case M_LIBRRD:
		if (rrd_update_r(path, NULL, 1, argv) != 0)
			run_failed(r, "%s: %s", path, rrd_get_error());
		break;
	case M_CLIENT:
		if (rrdc_update(client_name(r, path), 1, argv) != 0)
			run_failed(r, "%s: %s", path, rrd_get_error());
		break;
	case M_STORE:
	case M_STORE_CLIENT:
		obs->v[0].value = v;
		if (store_update_from(path, FREQ_ANNUAL, obs, &last, &written,
			err, sizeof(err)) != 0 ||
		    written != 1)
			run_failed(r, "%s: %s", path, err);
		break;
	case M_SPAWN:
		update_one_spawn(r, path, arg);
		break;
	}
}

/* Files whose last update, read from disk, is the year written. */
static long
update_check(const struct update_run *r)
{
	char path[PATHLEN];
	long ok = 0;

	for (long i = 0; i < r->n; i++) {
		file_path(path, r->dir, r->prefix, i);
		rrd_clear_error();
		if (rrd_last_r(path) == r->end)
			ok++;
	}
	return ok;
}

static int
update_connect(struct update_run *r, FILE **ctl, struct dstats *before)
{
	if (r->addr == NULL)
		return 0;
	if (r->method == M_STORE_CLIENT &&
	    store_set_daemon(r->addr, r->dir) != 0)
		return -1;
	/* Connected before the clock starts, as a running daemon is. */
	rrd_clear_error();
	if (rrdc_connect(r->addr) != 0) {
		fprintf(stderr, "connect %s: %s\n", r->addr, rrd_get_error());
		return -1;
	}
	if ((*ctl = daemon_open(r->addr)) == NULL ||
	    daemon_stats(*ctl, before) != 0) {
		fprintf(stderr, "%s: no STATS answer\n", r->addr);
		return -1;
	}
	return 0;
}

static int
cmd_update(struct update_run *r, pid_t daemon_pid)
{
	struct obs_list obs = {0};
	struct period p = {FREQ_ANNUAL, r->year, 0};
	struct dstats before = {0};
	FILE *ctl = NULL;
	double t0, t1, c0, c1, d0, d1, flush = 0, d2;
	int who = r->method == M_SPAWN ? RUSAGE_CHILDREN : RUSAGE_SELF;

	r->start = period_start(&p);
	r->end = period_end(&p);
	if (obs_list_add(&obs, &p, 0) != 0 ||
	    update_connect(r, &ctl, &before) != 0)
		return 1;
	d0 = cpu_of(daemon_pid);
	c0 = cpu_self(who);
	t0 = clock_now_mono();
	for (long i = 0; i < r->n; i++)
		update_one(r, i, &obs);
	t1 = clock_now_mono();
	c1 = cpu_self(who);
	d1 = cpu_of(daemon_pid);
	if (ctl != NULL &&
	    (flush = daemon_flushall(
		 ctl, &before, (unsigned long long)(r->n - r->failed))) < 0)
		return 1;
	d2 = cpu_of(daemon_pid);
	printf("{\"method\": \"%s\", \"files\": %ld, \"failed\": %ld, "
	       "\"wall\": %.6f, \"cpu\": %.3f, \"daemon_cpu\": %.3f, "
	       "\"flush\": %.6f, \"flush_daemon_cpu\": %.3f, \"checked\": %ld, "
	       "\"error\": ",
	    method_names[r->method], r->n, r->failed, t1 - t0, c1 - c0, d1 - d0,
	    flush, d2 - d1, update_check(r));
	json_str(r->first_err);
	printf("}\n");
	if (ctl != NULL)
		fclose(ctl);
	rrdc_disconnect();
	obs_list_clear(&obs);
	return 0;
}

/* -------------------------------------------------------------- main */

static int
usage(void)
{
	fprintf(stderr,
	    "usage: storebench create DIR PREFIX N START\n"
	    "       storebench update METHOD DIR PREFIX N YEAR [-a ADDR] "
	    "[-p PID] [-m M] [-r RRDTOOL]\n"
	    "       storebench evict|warm DIR PREFIX N\n"
	    "       storebench rebuild DIR RUNS [-a ADDR]\n"
	    "METHOD: librrd store client store-client spawn\n");
	return 2;
}

static int
main_update(int argc, char **argv)
{
	struct update_run r = {.rrdtool = "/usr/bin/rrdtool"};
	pid_t pid = 0;
	int m = -1, c;

	if (argc < 6)
		return usage();
	for (size_t k = 0; k < sizeof(method_names) / sizeof(*method_names);
	     k++)
		if (strcmp(argv[1], method_names[k]) == 0)
			m = (int)k;
	r.method = (enum method)m;
	r.dir = argv[2];
	r.prefix = argv[3];
	r.n = atol(argv[4]);
	r.year = atoi(argv[5]);
	optind = 6;
	while ((c = getopt(argc, argv, "a:p:m:r:")) != -1) {
		if (c == 'a')
			r.addr = optarg;
		else if (c == 'p')
			pid = (pid_t)atol(optarg);
		else if (c == 'm')
			r.n = atol(optarg) < r.n ? atol(optarg) : r.n;
		else if (c == 'r')
			r.rrdtool = optarg;
		else
			return usage();
	}
	if (m < 0 || r.n <= 0 ||
	    ((m == M_CLIENT || m == M_STORE_CLIENT) != (r.addr != NULL)))
		return usage();
	return cmd_update(&r, pid);
}

int
main(int argc, char **argv)
{
	if (argc >= 6 && strcmp(argv[1], "create") == 0)
		return cmd_create(
		    argv[2], argv[3], atol(argv[4]), (time_t)atoll(argv[5]));
	if (argc == 5 &&
	    (strcmp(argv[1], "evict") == 0 || strcmp(argv[1], "warm") == 0))
		return cmd_cache(argv[2], argv[3], atol(argv[4]),
		    strcmp(argv[1], "evict") == 0);
	if (argc >= 2 && strcmp(argv[1], "update") == 0)
		return main_update(argc - 1, argv + 1);
	if (argc >= 4 && strcmp(argv[1], "rebuild") == 0) {
		const char *addr = NULL;

		if (argc == 6 && strcmp(argv[4], "-a") == 0)
			addr = argv[5];
		else if (argc != 4)
			return usage();
		return cmd_rebuild(argv[2], atoi(argv[3]), addr);
	}
	return usage();
}
