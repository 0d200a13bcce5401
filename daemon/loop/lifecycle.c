/*
 * lifecycle: sd_notify is a no-op without $NOTIFY_SOCKET, so the same
 * calls serve systemd, a plain shell and the tests.  The readiness of a
 * --daemon child reaches its parent through a pipe: one byte when ready,
 * end of file (the child died or gave up) otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <event2/event.h>
#include <systemd/sd-daemon.h>

#include "fsutil.h"
#include "lifecycle.h"
#include "log.h"

static int ready_fd = -1; /* --daemon: the pipe to the waiting parent */
static char *pidfile; /* written by us, removed at the end */
static struct event *watchdog;

/* The parent: waits for the child's word, then exits with it. */
static void __attribute__((noreturn)) wait_for_child(int fd)
{
	char byte;
	ssize_t n;

	while ((n = read(fd, &byte, 1)) < 0 && errno == EINTR)
		;
	if (n == 1)
		_exit(0);
	fprintf(stderr,
	    "planwatch: the daemon did not start; its reasons "
	    "are in the system log (journalctl -t planwatch)\n");
	_exit(1);
}

int
lifecycle_daemonize(char *err, size_t errlen)
{
	int fds[2], null;
	pid_t pid;

	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid > 0) {
		close(fds[1]);
		wait_for_child(fds[0]);
	}
	close(fds[0]);
	setsid();
	/* A second fork: the daemon is no session leader and can never
	 * take a controlling terminal back. */
	if ((pid = fork()) < 0)
		_exit(1);
	if (pid > 0)
		_exit(0); /* the pipe's write end lives on in the grandchild */
	ready_fd = fds[1];
	if ((null = open("/dev/null", O_RDWR)) >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	log_to_syslog();
	return 0;
}

int
lifecycle_pidfile(const char *path, char *err, size_t errlen)
{
	char text[32];

	snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	if (fsutil_write_atomic(path, text, strlen(text), err, errlen) != 0)
		return -1;
	free(pidfile);
	pidfile = strdup(path);
	return 0;
}

int
lifecycle_drop_privileges(const char *user, const char *group,
    const char *const *dirs, char *err, size_t errlen)
{
	struct passwd *pw;
	struct group *gr = NULL;
	gid_t gid;

	if (user == NULL)
		return 0;
	if (geteuid() != 0) {
		log_info("not started as root: user %s not taken", user);
		return 0;
	}
	if ((pw = getpwnam(user)) == NULL) {
		snprintf(err, errlen, "user %s: no such user", user);
		return -1;
	}
	if (group != NULL && (gr = getgrnam(group)) == NULL) {
		snprintf(err, errlen, "group %s: no such group", group);
		return -1;
	}
	gid = gr != NULL ? gr->gr_gid : pw->pw_gid;
	/* Groups first: once the user is dropped, they cannot change. */
	if (setgroups(0, NULL) != 0 || setgid(gid) != 0 ||
	    setuid(pw->pw_uid) != 0) {
		snprintf(
		    err, errlen, "cannot become %s: %s", user, strerror(errno));
		return -1;
	}
	if (setuid(0) == 0) {
		snprintf(err, errlen, "became %s, but root came back", user);
		return -1;
	}
	for (size_t i = 0; dirs != NULL && dirs[i] != NULL; i++) {
		if (access(dirs[i], W_OK) != 0 && errno != ENOENT) {
			snprintf(err, errlen,
			    "%s is not writable by user %s (%s); run chown -R "
			    "%s %s",
			    dirs[i], user, strerror(errno), user, dirs[i]);
			return -1;
		}
	}
	log_info("running as user %s (uid %ld), group %ld", user,
	    (long)pw->pw_uid, (long)gid);
	return 0;
}

uid_t
lifecycle_run_uid(const char *user)
{
	struct passwd *pw;

	/* An unknown user: the drop itself says so later. */
	if (user == NULL || geteuid() != 0 || (pw = getpwnam(user)) == NULL)
		return geteuid();
	return pw->pw_uid;
}

/*
 * Soft to hard: the soft limit is often 1,024 for the sake of programs
 * that use select(), which planwatch does not (libevent's epoll, libcurl
 * through its socket callback).  The hard limit needs no privilege.
 */
void
lifecycle_raise_nofile(void)
{
	struct rlimit rl;
	rlim_t was;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
		log_warn(
		    "open files: the limit is unknown: %s", strerror(errno));
		return;
	}
	was = rl.rlim_cur;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
			log_warn("open files: cannot raise the limit from %llu "
				 "to %llu: %s",
			    (unsigned long long)was,
			    (unsigned long long)rl.rlim_max, strerror(errno));
			return;
		}
		log_info("open files: at most %llu (raised from %llu)",
		    (unsigned long long)rl.rlim_cur, (unsigned long long)was);
		return;
	}
	log_info("open files: at most %llu", (unsigned long long)rl.rlim_cur);
}

static void
watchdog_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	sd_notify(0, "WATCHDOG=1");
}

void
lifecycle_ready(struct event_base *base, const char *status)
{
	uint64_t usec = 0;

	sd_notifyf(0, "READY=1\nSTATUS=%s", status);
	if (ready_fd >= 0) {
		if (write(ready_fd, "1", 1) != 1)
			log_error("cannot tell the parent process we are "
				  "ready: %s",
			    strerror(errno));
		close(ready_fd);
		ready_fd = -1;
	}
	/* Half the interval, from the loop: a loop that stalls longer
	 * than the interval gets the daemon restarted. */
	if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0 && base != NULL &&
	    (watchdog = event_new(base, -1, EV_PERSIST, watchdog_cb, NULL)) !=
		NULL) {
		struct timeval tv = {(time_t)(usec / 2000000),
		    (suseconds_t)((usec / 2) % 1000000)};

		event_add(watchdog, &tv);
		log_info("systemd watchdog: every %.1f s", (double)usec / 2e6);
	}
}

void
lifecycle_stopping(void)
{
	sd_notify(0, "STOPPING=1");
}

void
lifecycle_end(void)
{
	if (watchdog != NULL) {
		event_free(watchdog);
		watchdog = NULL;
	}
	if (pidfile != NULL) {
		unlink(pidfile);
		free(pidfile);
		pidfile = NULL;
	}
	if (ready_fd >= 0)
		close(ready_fd); /* never ready: the parent reports failure */
	ready_fd = -1;
}
