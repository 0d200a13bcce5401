/*
 * exec_mail: posix_spawn with the read end of a pipe as stdin and
 * /dev/null as stdout; the message is written through poll() with the
 * deadline, then the child is waited for, polling, until the deadline,
 * after which it is killed.  A program that stops reading early is not an
 * error by itself: its exit status says.
 */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "exec_mail.h"

#define EXEC_ARGS_MAX 64

extern char **environ;

/* Writes msg to fd until done, the reader leaves, or the deadline. */
static int
feed(int fd, const char *msg, size_t len, double deadline)
{
	size_t off = 0;

	while (off < len) {
		struct pollfd p = {fd, POLLOUT, 0};
		int ms = (int)((deadline - clock_now_mono()) * 1000);
		ssize_t n;

		if (ms <= 0 || poll(&p, 1, ms) <= 0)
			return -1;
		n = write(fd, msg + off, len - off);
		if (n < 0 && errno == EPIPE)
			return 0; /* it stopped reading: its status decides */
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
		if (n > 0)
			off += (size_t)n;
	}
	return 0;
}

int
exec_deliver(char *const *args, size_t nargs, const char *msg, size_t len,
    double timeout, char *err, size_t errlen)
{
	char *argv[EXEC_ARGS_MAX + 1];
	posix_spawn_file_actions_t fa;
	double deadline = clock_now_mono() + timeout;
	int p[2], status = 0, rc;
	pid_t pid, done = 0;

	if (nargs == 0 || nargs > EXEC_ARGS_MAX) {
		snprintf(err, errlen, "exec: 1 to %d arguments", EXEC_ARGS_MAX);
		return -1;
	}
	memcpy(argv, args, nargs * sizeof(*argv));
	argv[nargs] = NULL; /* the configuration's list has no end mark */
	if (pipe2(p, O_CLOEXEC) != 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[0], 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[0]);
	if (rc != 0) {
		close(p[1]);
		snprintf(err, errlen, "%s: %s", argv[0], strerror(rc));
		return -1;
	}
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	rc = feed(p[1], msg, len, deadline);
	close(p[1]);
	while ((done = waitpid(pid, &status, WNOHANG)) == 0 &&
	    clock_now_mono() < deadline)
		usleep(10000);
	if (done == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		snprintf(err, errlen, "%s: no answer within %.0f s, killed",
		    argv[0], timeout);
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && rc == 0)
		return 0;
	if (WIFEXITED(status))
		snprintf(err, errlen, "%s exited with status %d", argv[0],
		    WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(err, errlen, "%s was killed by signal %d", argv[0],
		    WTERMSIG(status));
	else
		snprintf(err, errlen, "%s: the message could not be written",
		    argv[0]);
	return -1;
}
