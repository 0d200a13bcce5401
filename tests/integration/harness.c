/*
 * harness: small helpers for the integration tests.  The planwatch binary
 * is named by PW_BINARY (set by ctest); sanitizer reports of the child go
 * to its log, which the tests check for them.
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

char *
harness_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

char *
harness_read_state(const char *path)
{
	char log[700];
	char *snap = harness_read(path, NULL), *lines, *both;
	size_t n;

	snprintf(log, sizeof(log), "%s.log", path);
	if (snap == NULL || (lines = harness_read(log, NULL)) == NULL)
		return snap;
	n = strlen(snap) + strlen(lines) + 2;
	if ((both = malloc(n)) != NULL)
		snprintf(both, n, "%s\n%s", snap, lines);
	free(snap);
	free(lines);
	return both;
}

void
harness_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

bool
harness_exists(const char *dir, const char *name)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

int
harness_closed_port(void)
{
	struct sockaddr_in sin = {.sin_family = AF_INET};
	socklen_t len = sizeof(sin);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&sin, sizeof(sin));
	getsockname(fd, (struct sockaddr *)&sin, &len);
	port = ntohs(sin.sin_port);
	close(fd);
	return port;
}

const char *
harness_rrdcached_mode(void)
{
	const char *m = getenv("PW_TEST_RRDCACHED");

	return m != NULL && (strcmp(m, "unix") == 0 || strcmp(m, "tcp") == 0)
	    ? m
	    : NULL;
}

/* Whether rrdcached answers at d->addr yet. */
static bool
rrdcached_up(const struct harness_rrdcached *d)
{
	int fd = -1, ok = 0;

	if (strncmp(d->addr, "unix:", 5) == 0) {
		struct sockaddr_un sun = {.sun_family = AF_UNIX};

		snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", d->addr + 5);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		ok = connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0;
	} else {
		struct sockaddr_in sin = {.sin_family = AF_INET};

		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sin.sin_port = htons((uint16_t)atoi(strchr(d->addr, ':') + 1));
		fd = socket(AF_INET, SOCK_STREAM, 0);
		ok = connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0;
	}
	if (fd >= 0)
		close(fd);
	return ok;
}

int
harness_rrdcached_start(
    struct harness_rrdcached *d, const char *dir, const char *base)
{
	bool tcp = base != NULL;
	char pidfile[600], journal[600], listen[320];

	if (tcp)
		snprintf(d->addr, sizeof(d->addr), "127.0.0.1:%d",
		    harness_closed_port());
	else
		snprintf(
		    d->addr, sizeof(d->addr), "unix:%s/rrdcached.sock", dir);
	snprintf(listen, sizeof(listen), "%s", d->addr);
	snprintf(pidfile, sizeof(pidfile), "%s/rrdcached.pid", dir);
	snprintf(journal, sizeof(journal), "%s/rrdcached.journal", dir);
	mkdir(journal, 0700);
	if ((d->pid = fork()) == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		/* -w 3600: nothing is written on a timer, so a read that did
		 * not flush would see old data; -F: all is written at exit;
		 * -z must be positive. */
		if (tcp)
			execl("/usr/bin/rrdcached", "rrdcached", "-g", "-F",
			    "-w", "3600", "-z", "1", "-l", listen, "-p",
			    pidfile, "-j", journal, "-b", base, "-B",
			    (char *)NULL);
		else
			execl("/usr/bin/rrdcached", "rrdcached", "-g", "-F",
			    "-w", "3600", "-z", "1", "-l", listen, "-p",
			    pidfile, "-j", journal, (char *)NULL);
		_exit(127);
	}
	if (d->pid < 0)
		return -1;
	for (int i = 0; i < 100; i++) {
		if (rrdcached_up(d))
			return 0;
		usleep(50000);
	}
	harness_rrdcached_stop(d);
	return -1;
}

void
harness_rrdcached_stop(struct harness_rrdcached *d)
{
	int status;

	if (d->pid <= 0)
		return;
	kill(d->pid, SIGTERM);
	for (int i = 0; i < 100; i++) {
		if (waitpid(d->pid, &status, WNOHANG) == d->pid) {
			d->pid = 0;
			return;
		}
		usleep(50000);
	}
	kill(d->pid, SIGKILL);
	waitpid(d->pid, &status, 0);
	d->pid = 0;
}

/*
 * Runs planwatch -c config args...; stdout and stderr to log.  With
 * nofile set, its limit on open files is that first (soft and hard).
 */
static pid_t
spawn_limited(const char *log, const char *config, const char *const *args,
    const struct rlimit *nofile)
{
	pid_t pid = fork();

	if (pid == 0) {
		const char *argv[16] = {"planwatch", "-c", config};
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		size_t n = 3;

		for (size_t i = 0; args[i] != NULL && n < 15; i++)
			argv[n++] = args[i];
		argv[n] = NULL;
		dup2(fd, 1);
		dup2(fd, 2);
		if (nofile != NULL && setrlimit(RLIMIT_NOFILE, nofile) != 0)
			_exit(126);
		execv(getenv("PW_BINARY"), (char *const *)argv);
		_exit(127);
	}
	return pid;
}

static pid_t
spawn_argv(const char *log, const char *config, const char *const *args)
{
	return spawn_limited(log, config, args, NULL);
}

/* Runs planwatch -c config command [arg]; arg may be NULL. */
static pid_t
spawn(const char *log, const char *config, const char *command, const char *arg)
{
	const char *args[] = {command, arg, NULL};

	return spawn_argv(log, config, args);
}

int
harness_run_args(const char *log, const char *config, const char *const *args)
{
	int status;

	waitpid(spawn_argv(log, config, args), &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int
harness_run(const char *log, const char *config, const char *command)
{
	int status;

	waitpid(spawn(log, config, command, NULL), &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int
harness_run_arg(
    const char *log, const char *config, const char *command, const char *arg)
{
	int status;

	waitpid(spawn(log, config, command, arg), &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

pid_t
harness_start(const char *log, const char *config)
{
	return spawn(log, config, "run", NULL);
}

pid_t
harness_start_nofile(const char *log, const char *config, long soft, long hard)
{
	const char *args[] = {"run", NULL};
	struct rlimit rl = {(rlim_t)soft, (rlim_t)hard};

	return spawn_limited(log, config, args, &rl);
}

int
harness_stop(pid_t pid)
{
	int status;

	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void
harness_kill(pid_t pid)
{
	if (pid > 0 && kill(pid, 0) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

static void
log_check(const char *log, const char *what, bool want)
{
	char *text = harness_read(log, NULL);
	bool ok;

	assert_non_null(text);
	ok = (strstr(text, what) != NULL) == want;
	if (!ok)
		fprintf(stderr, "log %s \"%s\":\n%s", want ? "lacks" : "has",
		    what, text);
	free(text);
	assert_true(ok);
}

void
harness_log_has(const char *log, const char *what)
{
	log_check(log, what, true);
}

void
harness_log_lacks(const char *log, const char *what)
{
	log_check(log, what, false);
}

void
harness_log_clean(const char *log)
{
	harness_log_lacks(log, "Sanitizer");
	harness_log_lacks(log, "runtime error");
}

int
harness_smtp_start(struct harness_smtp *s, const char *outdir, int refuse_first)
{
	int in[2], out[2];
	char line[64] = "", refuse[16];
	FILE *f;

	if (getenv("PW_SMTP_SINK") == NULL || pipe(in) != 0 || pipe(out) != 0)
		return -1;
	snprintf(refuse, sizeof(refuse), "%d", refuse_first);
	if ((s->pid = fork()) == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		setenv("SINK_REFUSE_FIRST", refuse, 1);
		execl("/usr/bin/python3", "python3", getenv("PW_SMTP_SINK"),
		    outdir, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	s->stdin_fd = in[1];
	f = fdopen(out[0], "r");
	if (f == NULL || fgets(line, sizeof(line), f) == NULL ||
	    sscanf(line, "PORT %d", &s->port) != 1) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

void
harness_smtp_stop(struct harness_smtp *s)
{
	close(s->stdin_fd);
	kill(s->pid, SIGTERM);
	/* aiosmtpd may wait on a session; it gets 3 s, then SIGKILL. */
	for (int i = 0; i < 30; i++) {
		if (waitpid(s->pid, NULL, WNOHANG) == s->pid)
			return;
		usleep(100000);
	}
	kill(s->pid, SIGKILL);
	waitpid(s->pid, NULL, 0);
}

void
harness_remove_dir(const char *dir)
{
	char cmd[1024];

	if (getenv("PW_KEEP") != NULL)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int
harness_temp_dir(char *buf, size_t len, const char *name)
{
	/* mkdtemp replaces the six X of its template. */
	snprintf(buf, len, "/tmp/planwatch-%s.XXXXXX", name);
	return mkdtemp(buf) != NULL ? 0 : -1;
}
