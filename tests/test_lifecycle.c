/*
 * test_lifecycle: `planwatch run` as a supervisor sees it.  SIGTERM lets
 * a transfer under way finish (its data journaled) and exits 0; a
 * transfer that outlasts stop_timeout is abandoned, still exit 0; a
 * second signal stops at once.  systemd hears READY=1, WATCHDOG=1 (when
 * asked) and STOPPING=1 on $NOTIFY_SOCKET.  --daemon returns once the
 * daemon is ready (or failed: exit 1), with its pid in the pidfile, which
 * goes when it stops.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <event2/thread.h>

#include "clock.h"
#include "integration/feed_server.h"
#include "integration/harness.h"

struct env {
	char dir[256], conf[600], log[600];
	struct feed_server *fs;
	pid_t pid; /* a daemon started by the test, killed by teardown */
};

static const char feed[] = "{\"data\": [{\"year\": \"2024\", \"value\": 81},"
			   " {\"year\": \"2025\", \"value\": 79}]}";

/*
 * One collector on the feed server at path; listen and stop_timeout as
 * given, and extra (top-level lines) added.
 */
static void
write_conf_at(struct env *e, const char *path, const char *listen,
    const char *stop_timeout, const char *extra)
{
	char text[2048];

	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "graphs: false\nlog_level: info\ngroup_wait: 0s\n"
	    "listen: \"%s\"\nstop_timeout: %s\n%s"
	    "collectors:\n  - {id: f, url: \"http://127.0.0.1:%d/f.json\", "
	    "format: json, timeout: 60s}\n"
	    "indicators:\n  - {id: a, name: A, unit: \"%%\", frequency: "
	    "annual, collector: f, stale_after: 3650d, selector: "
	    "{observations: /data, period: /year, value: /value}}\n",
	    listen, stop_timeout, extra, feed_server_port(e->fs));
	harness_write(path, text);
}

/* write_conf_at the test's configuration, nothing extra. */
static void
write_conf(struct env *e, const char *listen, const char *stop_timeout)
{
	write_conf_at(e, e->conf, listen, stop_timeout, "");
}

static int
setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));

	assert_non_null(e);
	evthread_use_pthreads();
	assert_non_null(e->fs = feed_server_start());
	feed_server_set(e->fs, "/f.json", 200, feed, strlen(feed));
	assert_int_equal(harness_temp_dir(e->dir, sizeof(e->dir), "life"), 0);
	snprintf(e->conf, sizeof(e->conf), "%s/planwatch.yaml", e->dir);
	snprintf(e->log, sizeof(e->log), "%s/run.log", e->dir);
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	harness_kill(e->pid);
	feed_server_stop(e->fs);
	harness_remove_dir(e->dir);
	free(e);
	return 0;
}

/* Waits up to seconds until the log holds what. */
static void
wait_log_for(const struct env *e, const char *what, double seconds)
{
	double end = clock_now_mono() + seconds;

	while (clock_now_mono() < end) {
		char *log = harness_read(e->log, NULL);
		bool found = log != NULL && strstr(log, what) != NULL;

		free(log);
		if (found)
			return;
		usleep(50000);
	}
	harness_log_has(e->log, what); /* fails, printing the log */
}

/* Waits (10 s at most) until the log holds what. */
static void
wait_log(const struct env *e, const char *what)
{
	wait_log_for(e, what, 10);
}

/* The exit status of pid, waiting at most seconds; -1 if it lives on. */
static int
wait_exit(pid_t pid, double seconds)
{
	double end = clock_now_mono() + seconds;
	int status;

	while (clock_now_mono() < end) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status)
						 : 128 + WTERMSIG(status);
		usleep(20000);
	}
	return -1;
}

static void
test_sigterm_lets_the_transfer_finish(void **state)
{
	struct env *e = *state;
	pid_t pid;

	write_conf(e, "off", "10s");
	feed_server_delay(e->fs, 1500);
	pid = e->pid = harness_start(e->log, e->conf);
	wait_log(e, "running with 1 collectors");
	usleep(300000); /* the fetch is under way, its answer delayed */
	kill(pid, SIGTERM);
	assert_int_equal(wait_exit(pid, 10), 0);
	harness_log_clean(e->log);
	harness_log_has(e->log, "stopping; work under way has 10 s to end");
	harness_log_has(e->log, "indicator a: 2 new or revised observations");
	harness_log_has(e->log, "stopping: all work ended");
	assert_true(harness_exists(e->dir, "data/a.journal"));
}

static void
test_stop_timeout_bounds_the_wait(void **state)
{
	struct env *e = *state;
	double start;
	pid_t pid;

	write_conf(e, "off", "1s");
	feed_server_delay(e->fs, 30000);
	pid = e->pid = harness_start(e->log, e->conf);
	wait_log(e, "running with 1 collectors");
	usleep(300000);
	start = clock_now_mono();
	kill(pid, SIGTERM);
	assert_int_equal(wait_exit(pid, 10), 0);
	/* The bound, not the 30 s answer (generous for a loaded CI). */
	assert_true(clock_now_mono() - start < 8);
	harness_log_clean(e->log);
	harness_log_has(e->log,
	    "1 transfer(s) and 0 job(s) still under way "
	    "after 1 s: abandoned");
	assert_false(harness_exists(e->dir, "data/a.journal"));
}

static void
test_second_signal_stops_at_once(void **state)
{
	struct env *e = *state;
	double start;
	pid_t pid;

	write_conf(e, "off", "60s");
	feed_server_delay(e->fs, 30000);
	pid = e->pid = harness_start(e->log, e->conf);
	wait_log(e, "running with 1 collectors");
	usleep(300000);
	kill(pid, SIGTERM);
	wait_log(e, "stopping; work under way has 60 s to end");
	start = clock_now_mono();
	kill(pid, SIGINT);
	assert_int_equal(wait_exit(pid, 10), 0);
	assert_true(clock_now_mono() - start < 8);
	harness_log_clean(e->log);
	harness_log_has(e->log, "stopping now");
}

/* A datagram socket standing in for systemd's $NOTIFY_SOCKET. */
static int
notify_socket(const struct env *e, char *path, size_t len)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	snprintf(path, len, "%s/notify", e->dir);
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	return fd;
}

/* Reads notifications until one contains what (within seconds). */
static bool
heard(int fd, const char *what, double seconds)
{
	double end = clock_now_mono() + seconds;
	char buf[1024];

	while (clock_now_mono() < end) {
		ssize_t n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);

		if (n > 0) {
			buf[n] = '\0';
			if (strstr(buf, what) != NULL)
				return true;
		} else {
			usleep(20000);
		}
	}
	return false;
}

static void
test_systemd_hears_ready_watchdog_stopping(void **state)
{
	struct env *e = *state;
	char path[600];
	int fd = notify_socket(e, path, sizeof(path));
	pid_t pid;

	write_conf(e, "off", "5s");
	setenv("NOTIFY_SOCKET", path, 1);
	setenv("WATCHDOG_USEC", "400000", 1);
	pid = e->pid = harness_start(e->log, e->conf);
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	assert_true(heard(fd, "READY=1", 10));
	assert_true(heard(fd, "WATCHDOG=1", 5));
	kill(pid, SIGTERM);
	assert_true(heard(fd, "STOPPING=1", 5));
	assert_int_equal(wait_exit(pid, 10), 0);
	harness_log_clean(e->log);
	close(fd);
}

static void
test_daemon_mode_and_pidfile(void **state)
{
	struct env *e = *state;
	char listen[64], pidfile[600], *text;
	const char *const args[] = {
	    "run", "--daemon", "--pidfile", pidfile, NULL};
	pid_t pid;
	int port = harness_closed_port();

	snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
	snprintf(pidfile, sizeof(pidfile), "%s/planwatch.pid", e->dir);
	write_conf(e, listen, "5s");
	/* The parent returns once the daemon is ready. */
	assert_int_equal(harness_run_args(e->log, e->conf, args), 0);
	assert_non_null(text = harness_read(pidfile, NULL));
	pid = (pid_t)atol(text);
	free(text);
	assert_true(pid > 1);
	assert_int_equal(kill(pid, 0), 0);
	/* A second one on the same data_dir is refused: exit 1. */
	assert_int_equal(harness_run_args(e->log, e->conf, args), 1);
	harness_log_has(e->log, "did not start");
	kill(pid, SIGTERM);
	for (int i = 0; i < 200 && kill(pid, 0) == 0; i++)
		usleep(50000);
	assert_int_equal(kill(pid, 0), -1);
	assert_int_equal(errno, ESRCH);
	assert_false(harness_exists(e->dir, "planwatch.pid"));
}

/* The Uid line of /proc/<pid>/status: real, effective, saved, fs. */
static bool
runs_as(pid_t pid, uid_t uid)
{
	char path[64], line[256], want[64];
	bool ok = false;
	FILE *f;

	/* /proc files have no size: read line by line. */
	snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	snprintf(want, sizeof(want), "Uid:\t%u\t%u\t%u\t%u\n", (unsigned)uid,
	    (unsigned)uid, (unsigned)uid, (unsigned)uid);
	while (fgets(line, sizeof(line), f) != NULL)
		ok |= strcmp(line, want) == 0;
	fclose(f);
	return ok;
}

/*
 * Started as root with user: nobody, the daemon drops to it once the
 * port is bound, and what it writes is nobody's; a directory nobody may
 * not write is refused with the chown that fixes it.
 */
static void
test_privileges_dropped_after_binding(void **state)
{
	struct env *e = *state;
	char cmd[600], text[2048], journal[600], saved[512], *conf;
	const char *asan;
	struct passwd *pw = getpwnam("nobody");
	struct stat st;
	pid_t pid;

	if (geteuid() != 0 || pw == NULL) {
		print_message("not root, or no user nobody: skipped\n");
		skip();
	}
	write_conf(e, "127.0.0.1:0", "5s");
	conf = harness_read(e->conf, NULL);
	snprintf(text, sizeof(text), "user: nobody\n%s", conf);
	free(conf);
	harness_write(e->conf, text);
	/* Not writable by nobody yet: refused, with the fix. */
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/data %s/graphs %s/state",
	    e->dir, e->dir, e->dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(harness_run(e->log, e->conf, "run"), 1);
	harness_log_has(e->log, "is not writable by user nobody");
	harness_log_has(e->log, "run chown -R nobody ");

	snprintf(cmd, sizeof(cmd), "chown -R nobody %s", e->dir);
	assert_int_equal(system(cmd), 0);
	/* A process that gave up root is not dumpable, and LeakSanitizer,
	 * which must trace it, cannot run there: off for this child only
	 * (the same code runs with it in every other test). */
	asan = getenv("ASAN_OPTIONS");
	snprintf(saved, sizeof(saved), "%s", asan ? asan : "");
	snprintf(
	    cmd, sizeof(cmd), "%s%sdetect_leaks=0", saved, *saved ? ":" : "");
	setenv("ASAN_OPTIONS", cmd, 1);
	pid = e->pid = harness_start(e->log, e->conf);
	if (asan != NULL)
		setenv("ASAN_OPTIONS", saved, 1);
	else
		unsetenv("ASAN_OPTIONS");
	wait_log(e, "running with 1 collectors");
	harness_log_has(e->log, "running as user nobody");
	assert_true(runs_as(pid, pw->pw_uid));
	snprintf(journal, sizeof(journal), "%s/data/a.journal", e->dir);
	for (int i = 0; i < 100 && stat(journal, &st) != 0; i++)
		usleep(50000);
	assert_int_equal(stat(journal, &st), 0);
	assert_int_equal(st.st_uid, pw->pw_uid);
	/* umask 027: nothing for others. */
	assert_int_equal(st.st_mode & 07, 0);
	kill(pid, SIGTERM);
	assert_int_equal(wait_exit(pid, 10), 0);
	harness_log_clean(e->log);
}

/* A configuration of the collectors named in ids (path /<id>.json). */
static void
write_collectors(struct env *e, const char *const *ids, const char *url_g)
{
	char text[4096];
	size_t off;
	int p = feed_server_port(e->fs);

	off = (size_t)snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "graphs: false\nlog_level: info\ngroup_wait: 0s\n"
	    "listen: \"off\"\ncollectors:\n");
	for (size_t i = 0; ids[i] != NULL; i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off,
		    "  - {id: %s, url: \"http://127.0.0.1:%d/%s.json\", "
		    "format: json, interval: 1h}\n",
		    ids[i], p,
		    strcmp(ids[i], "g") == 0 && url_g ? url_g : ids[i]);
	off +=
	    (size_t)snprintf(text + off, sizeof(text) - off, "indicators:\n");
	for (size_t i = 0; ids[i] != NULL; i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off,
		    "  - {id: i_%s, name: I, unit: \"%%\", frequency: annual, "
		    "collector: %s, stale_after: 3650d, selector: "
		    "{observations: /data, period: /year, value: /value}}\n",
		    ids[i], ids[i]);
	harness_write(e->conf, text);
}

/*
 * SIGHUP applies the difference: an unchanged collector keeps its
 * schedule and validators (not fetched again), a changed one restarts, a
 * new one starts, a removed one goes; a configuration with an error
 * leaves the running one in place.
 */
static void
test_reload_applies_only_the_difference(void **state)
{
	struct env *e = *state;
	const char *const before[] = {"f", "g", "k", NULL};
	const char *const after[] = {"f", "g", "h", NULL};
	pid_t pid;

	feed_server_set(e->fs, "/g.json", 200, feed, strlen(feed));
	feed_server_set(e->fs, "/g2.json", 200, feed, strlen(feed));
	feed_server_set(e->fs, "/h.json", 200, feed, strlen(feed));
	feed_server_set(e->fs, "/k.json", 200, feed, strlen(feed));
	write_collectors(e, before, NULL);
	pid = e->pid = harness_start(e->log, e->conf);
	wait_log(e, "indicator i_f: 2 new or revised");
	wait_log(e, "indicator i_g: 2 new or revised");
	wait_log(e, "indicator i_k: 2 new or revised");

	write_collectors(e, after, "g2");
	kill(pid, SIGHUP);
	wait_log(e,
	    "reload: collectors: 1 unchanged (schedules and validators "
	    "kept), 1 changed, 1 added, 1 removed");
	wait_log(e, "indicator i_h: 2 new or revised");
	for (int i = 0; i < 100 && feed_server_hits(e->fs, "/g2.json") == 0;
	     i++)
		usleep(50000);
	assert_int_equal(feed_server_hits(e->fs, "/f.json"), 1);
	assert_int_equal(feed_server_hits(e->fs, "/g2.json"), 1);
	assert_int_equal(feed_server_hits(e->fs, "/h.json"), 1);

	/* A configuration with an error: the running one stays. */
	harness_write(e->conf, "collectors: [\n");
	kill(pid, SIGHUP);
	wait_log(e, "has errors; the running configuration stays");
	assert_int_equal(kill(pid, 0), 0);
	kill(pid, SIGTERM);
	assert_int_equal(wait_exit(pid, 10), 0);
	harness_log_clean(e->log);
}

/*
 * Collectors a and b (and c when three) on 1 s intervals against a feed
 * that answers after 1.2 s: each is busy all the time but for an instant,
 * so the daemon is never idle of itself.  a's indicator misses its floor.
 */
static void
write_busy(struct env *e, bool three)
{
	char text[4096];
	size_t off;
	int p = feed_server_port(e->fs);

	off = (size_t)snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "graphs: false\nlog_level: info\ngroup_wait: 1s\n"
	    "listen: \"off\"\ncollectors:\n");
	for (int i = 0; i < (three ? 3 : 2); i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off,
		    "  - {id: %c, url: \"http://127.0.0.1:%d/f.json?%d\", "
		    "format: json, interval: 1s, jitter: 0.5s, timeout: "
		    "30s}\n",
		    'a' + i, p, i);
	off +=
	    (size_t)snprintf(text + off, sizeof(text) - off, "indicators:\n");
	for (int i = 0; i < (three ? 3 : 2); i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off,
		    "  - {id: i_%c, name: I, unit: \"%%\", frequency: annual, "
		    "collector: %c, stale_after: 3650d, selector: "
		    "{observations: /data, period: /year, value: /value}%s}\n",
		    'a' + i, 'a' + i,
		    i == 0 ? ", targets: [{id: floor, kind: floor, value: 90}]"
			   : "");
	harness_write(e->conf, text);
}

/*
 * While a reload is wanted, collectors that come due wait, so the reload
 * comes as soon as the transfers under way end; likewise an evaluation
 * that waited more than twice group_wait (at least 10 s) for a quiet
 * moment.  Without that, a busy daemon would never apply either.
 */
static void
test_reload_and_evaluation_come_on_a_busy_daemon(void **state)
{
	struct env *e = *state;
	pid_t pid;

	feed_server_delay(e->fs, 1200);
	write_busy(e, false);
	pid = e->pid = harness_start(e->log, e->conf);
	/* group_wait is 1 s: the evaluation holds fetches after 10 s. */
	wait_log_for(e, "alert: i_a/floor none -> ", 25);

	write_busy(e, true);
	kill(pid, SIGHUP);
	wait_log_for(e, "reload: collectors: 2 unchanged", 10);
	wait_log_for(e, "indicator i_c: 2 new or revised", 10);
	kill(pid, SIGTERM);
	assert_int_equal(wait_exit(pid, 15), 0);
	harness_log_clean(e->log);
}

/* How many times the log holds what. */
static int
log_count(const struct env *e, const char *what)
{
	char *log = harness_read(e->log, NULL);
	int n = 0;

	for (const char *p = log; p != NULL && (p = strstr(p, what)) != NULL;
	     p += strlen(what))
		n++;
	free(log);
	return n;
}

/*
 * planwatch reload checks the configuration, asks the daemon (admin
 * endpoint with the token, or SIGHUP to the pid of --pidfile) and waits
 * for its answer: applied (exit 0) or refused (exit 1).  A file with
 * errors is never sent; without a token or a pidfile it says what to do.
 */
static void
test_reload_command(void **state)
{
	struct env *e = *state;
	char listen[64], out[600], other[600], pidfile[600], pid_text[32];
	char tok[600];
	const char *const by_pid[] = {"reload", "--pidfile", pidfile, NULL};
	const char *token = "admin_token_file: token\n";
	pid_t pid;

	snprintf(listen, sizeof(listen), "127.0.0.1:%d", harness_closed_port());
	snprintf(out, sizeof(out), "%s/reload.out", e->dir);
	snprintf(other, sizeof(other), "%s/other.yaml", e->dir);
	snprintf(pidfile, sizeof(pidfile), "%s/pid", e->dir);
	snprintf(tok, sizeof(tok), "%s/token", e->dir);
	harness_write(tok, "0123456789abcdef-reload\n");
	assert_int_equal(chmod(tok, 0600), 0);
	write_conf_at(e, e->conf, listen, "10s", token);
	pid = e->pid = harness_start(e->log, e->conf);
	wait_log(e, "indicator a: 2 new or revised observations");

	assert_int_equal(harness_run(out, e->conf, "reload"), 0);
	harness_log_has(out, "planwatch: configuration reloaded");
	harness_log_has(e->log, "http: reload requested");
	assert_int_equal(log_count(e, "reload: collectors: 1 unchanged"), 1);

	snprintf(pid_text, sizeof(pid_text), "%d\n", (int)pid);
	harness_write(pidfile, pid_text);
	assert_int_equal(harness_run_args(out, e->conf, by_pid), 0);
	harness_log_has(out, "planwatch: configuration reloaded");
	harness_log_has(e->log, "SIGHUP: reload requested");
	assert_int_equal(log_count(e, "reload: collectors: 1 unchanged"), 2);

	/* The daemon's file has an error; a good one elsewhere asks it. */
	write_conf_at(e, other, listen, "10s", token);
	harness_write(e->conf, "collectors: [\n");
	assert_int_equal(harness_run(out, other, "reload"), 1);
	harness_log_has(out, "the daemon refused its configuration");
	/* A file with errors is not sent. */
	assert_int_equal(harness_run(out, e->conf, "reload"), 1);
	assert_int_equal(log_count(e, "reload requested"), 3);
	/* No token, no pidfile: what to do instead. */
	write_conf_at(e, other, listen, "10s", "");
	assert_int_equal(harness_run(out, other, "reload"), 1);
	harness_log_has(out, "admin endpoints are off (no admin_token_file");
	harness_write(pidfile, "one\n");
	assert_int_equal(harness_run_args(out, other, by_pid), 1);
	harness_log_has(out, "/pid: not a process id");
	assert_int_equal(log_count(e, "reload requested"), 3);
	assert_int_equal(harness_run(out, other, "status"), 0);
	harness_log_has(out, "reloads: 2 applied, 1 refused since the start");

	kill(pid, SIGTERM);
	assert_int_equal(wait_exit(pid, 10), 0);
	harness_log_clean(e->log);
}

/* planwatch status asks the daemon: collectors, queues, outbox. */
static void
test_status_asks_the_daemon(void **state)
{
	struct env *e = *state;
	char listen[64], out[600];
	pid_t pid;

	snprintf(listen, sizeof(listen), "127.0.0.1:%d", harness_closed_port());
	snprintf(out, sizeof(out), "%s/status.out", e->dir);
	write_conf(e, listen, "5s");
	/* Nobody there yet. */
	assert_int_equal(harness_run(out, e->conf, "status"), 1);
	harness_log_has(out, "no daemon answers at http://");
	pid = e->pid = harness_start(e->log, e->conf);
	wait_log(e, "indicator a: 2 new or revised observations");
	assert_int_equal(harness_run(out, e->conf, "status"), 0);
	harness_log_has(out, "planwatch: up 0h00m (since ");
	harness_log_has(out, "outbox: 0 queued, 0 sending, 0 failed");
	harness_log_has(out, "archives behind: 0");
	harness_log_has(out, "reloads: 0 applied, 0 refused since the start");
	harness_log_has(out, "collector                status ");
	harness_log_has(out, "\nf                        ok     ");
	kill(pid, SIGTERM);
	assert_int_equal(wait_exit(pid, 10), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_sigterm_lets_the_transfer_finish, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_stop_timeout_bounds_the_wait, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_second_signal_stops_at_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_systemd_hears_ready_watchdog_stopping, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_daemon_mode_and_pidfile, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_privileges_dropped_after_binding, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_status_asks_the_daemon, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_reload_command, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_reload_and_evaluation_come_on_a_busy_daemon, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_reload_applies_only_the_difference, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
