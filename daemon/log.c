/*
 * log: leveled diagnostics on stderr.  Kept tiny on purpose, like the
 * log.c every OpenBSD daemon carries: one prefix, one line per call.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "log.h"

static enum log_level log_max = LOG_LEVEL_INFO;
static bool use_syslog;

void
log_to_syslog(void)
{
	openlog("planwatch", LOG_PID, LOG_DAEMON);
	use_syslog = true;
}

static const char *const level_names[] = {
    [LOG_LEVEL_ERROR] = "error",
    [LOG_LEVEL_WARN] = "warn",
    [LOG_LEVEL_INFO] = "info",
    [LOG_LEVEL_DEBUG] = "debug",
};

void
log_set_level(enum log_level level)
{
	log_max = level;
}

bool
log_enabled(enum log_level level)
{
	return level <= log_max;
}

int
log_level_parse(const char *name, enum log_level *level)
{
	for (size_t i = 0; i < sizeof(level_names) / sizeof(level_names[0]);
	     i++) {
		if (strcmp(name, level_names[i]) == 0) {
			*level = (enum log_level)i;
			return 0;
		}
	}
	return -1;
}

const char *
log_level_name(enum log_level level)
{
	return level_names[level];
}

static void __attribute__((format(printf, 2, 0)))
log_vwrite(enum log_level level, const char *fmt, va_list ap)
{
	char line[2048];

	if (level > log_max)
		return;
	/* One fprintf per line so that concurrent writers do not interleave. */
	vsnprintf(line, sizeof(line), fmt, ap);
	if (use_syslog) {
		static const int priority[] = {
		    [LOG_LEVEL_ERROR] = LOG_ERR,
		    [LOG_LEVEL_WARN] = LOG_WARNING,
		    [LOG_LEVEL_INFO] = LOG_INFO,
		    [LOG_LEVEL_DEBUG] = LOG_DEBUG,
		};

		syslog(priority[level], "%s: %s", level_names[level], line);
		return;
	}
	fprintf(stderr, "planwatch: %s: %s\n", level_names[level], line);
}

#define LOG_FUNC(fn, level)                                                    \
	void fn(const char *fmt, ...)                                          \
	{                                                                      \
		va_list ap;                                                    \
		va_start(ap, fmt);                                             \
		log_vwrite(level, fmt, ap);                                    \
		va_end(ap);                                                    \
	}

LOG_FUNC(log_error, LOG_LEVEL_ERROR)
LOG_FUNC(log_warn, LOG_LEVEL_WARN)
LOG_FUNC(log_info, LOG_LEVEL_INFO)
LOG_FUNC(log_debug, LOG_LEVEL_DEBUG)

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(LOG_LEVEL_ERROR, fmt, ap);
	va_end(ap);
	exit(1);
}
