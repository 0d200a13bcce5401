/*
 * harness: what the integration tests share: files, a closed port, the
 * planwatch binary run as a child with its log captured, and checks on
 * that log.  cmocka's assertions are used, so include after <cmocka.h>.
 */
#ifndef PLANWATCH_HARNESS_H
#define PLANWATCH_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The whole file, NUL-terminated, or NULL; caller frees. */
char *harness_read(const char *path, size_t *len);
/*
 * A state file kept as a snapshot and a log (statelog.h): the snapshot's
 * text followed by its log's, or NULL when there is no snapshot; caller
 * frees.
 */
char *harness_read_state(const char *path);
/* Writes text to path (fails the test if it cannot). */
void harness_write(const char *path, const char *text);
/* True when dir/name exists. */
bool harness_exists(const char *dir, const char *name);
/*
 * Makes a new directory /tmp/planwatch-<name>.<6 random characters>
 * (mkdtemp) and writes its path to buf; 0, or -1 when it cannot.
 */
int harness_temp_dir(char *buf, size_t len, const char *name);
/* Removes dir and everything in it, unless PW_KEEP is set. */
void harness_remove_dir(const char *dir);
/* A port on 127.0.0.1 nothing listens on. */
int harness_closed_port(void);
/* Runs $PW_BINARY -c config command, stderr to log; its exit status. */
int harness_run(const char *log, const char *config, const char *command);
/* harness_run with one argument after the command (export DIR). */
int harness_run_arg(
    const char *log, const char *config, const char *command, const char *arg);
/* Runs $PW_BINARY -c config args... (NULL-ended), stdout and stderr to
 * log; its exit status. */
int harness_run_args(
    const char *log, const char *config, const char *const *args);
/* Starts $PW_BINARY -c config run in the background, stderr to log. */
pid_t harness_start(const char *log, const char *config);
/*
 * harness_start with the child's limit on open files set to soft and
 * hard first: a flood of connections exhausts it cheaply.
 */
pid_t harness_start_nofile(
    const char *log, const char *config, long soft, long hard);
/* Sends SIGTERM to pid and waits; its exit status. */
int harness_stop(pid_t pid);
/*
 * Kills pid (SIGKILL) and reaps it if it still runs; 0 or less is a
 * no-op.  For teardowns: a test that failed half-way leaves no daemon.
 */
void harness_kill(pid_t pid);
/* The aiosmtpd sink (tests/integration/smtp_sink.py) as a child. */
struct harness_smtp {
	pid_t pid;
	int stdin_fd; /* closing it stops the sink too */
	int port;
};

/*
 * Starts the sink writing <n>.eml files to outdir, refusing (451) the
 * first refuse_first messages; 0, or -1 (PW_SMTP_SINK unset, no start).
 */
int harness_smtp_start(
    struct harness_smtp *s, const char *outdir, int refuse_first);
/* Stops it: SIGTERM, 3 s, then SIGKILL. */
void harness_smtp_stop(struct harness_smtp *s);
/* A real rrdcached (Debian's package) as a child of the test. */
struct harness_rrdcached {
	pid_t pid;
	char addr[300]; /* "unix:<dir>/rrdcached.sock" or "127.0.0.1:<port>" */
};

/*
 * Starts rrdcached in the foreground listening on a unix socket in dir,
 * or, when base is not NULL, on 127.0.0.1 and a free port with base as
 * its base directory (-b base -B: a remote client names files relative
 * to it); updates are held (no timed writes) so that reads must flush.
 * 0 once it accepts connections, -1 otherwise.
 */
int harness_rrdcached_start(
    struct harness_rrdcached *d, const char *dir, const char *base);
/* Stops it (SIGTERM: it writes what it holds, then exits). */
void harness_rrdcached_stop(struct harness_rrdcached *d);
/*
 * "unix" or "tcp" from PW_TEST_RRDCACHED (the suite run through
 * rrdcached), or NULL.
 */
const char *harness_rrdcached_mode(void);

/* Fails the test, printing the log, unless it contains what. */
void harness_log_has(const char *log, const char *what);
/* Fails the test, printing the log, if it contains what. */
void harness_log_lacks(const char *log, const char *what);
/* Fails the test if a sanitizer reported into the log. */
void harness_log_clean(const char *log);

#endif
