/*
 * lifecycle: how `planwatch run` meets its supervisor.  In the
 * foreground (systemd, containers) it tells systemd when it is ready, that
 * it lives (the watchdog, from the event loop, so a stalled loop is
 * noticed) and that it is stopping (sd_notify, libsystemd).  With
 * --daemon it forks into the background the old way: the parent exits
 * only once the child is ready (0) or failed to start (1), and the
 * child's pid goes to a pidfile, removed at exit.
 */
#ifndef PLANWATCH_LIFECYCLE_H
#define PLANWATCH_LIFECYCLE_H

#include <sys/types.h>

#include <stddef.h>

struct event_base;

/*
 * Forks into the background (a new session, stdin/stdout/stderr on
 * /dev/null, logs to syslog) before any thread exists.  Returns in the
 * child only; the parent exits with the child's start-up outcome.  -1
 * with err when the fork itself fails.
 */
int lifecycle_daemonize(char *err, size_t errlen);
/*
 * Writes the calling process's id to path (write, fsync, rename); -1
 * with err.  Removed by lifecycle_end.
 */
int lifecycle_pidfile(const char *path, char *err, size_t errlen);
/*
 * Started as root with a user configured: becomes that user (and group,
 * by default the user's), with no supplementary groups, for good.  Then
 * each of dirs (NULL-ended) must be writable, or the message says how
 * to fix it.  Not root: nothing changes (a note is logged when a user
 * was asked for).  -1 with err.
 */
int lifecycle_drop_privileges(const char *user, const char *group,
    const char *const *dirs, char *err, size_t errlen);
/*
 * The user id planwatch runs as: user's when started as root with a user
 * configured (what lifecycle_drop_privileges becomes), else the effective
 * one.  For checks made before the drop (a secret's owner).
 */
uid_t lifecycle_run_uid(const char *user);
/*
 * Raises the soft limit on open files to the hard one (systemd's
 * LimitNOFILE=, a shell's ulimit -Hn) and logs the limit in force: the
 * HTTP server's share of descriptors is counted from it.
 */
void lifecycle_raise_nofile(void);
/*
 * The daemon is ready (the port bound, the collectors scheduled): tells
 * systemd and a waiting parent, and starts the watchdog on base when
 * systemd asks for one.  status is a line for `systemctl status`.
 */
void lifecycle_ready(struct event_base *base, const char *status);
/* The daemon begins to stop (systemd shows "deactivating"). */
void lifecycle_stopping(void);
/* At exit: the watchdog stops, the pidfile goes. */
void lifecycle_end(void);

#endif
