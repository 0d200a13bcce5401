/*
 * log: leveled diagnostics on stderr.  Kept tiny on purpose, like the
 * log.c every OpenBSD daemon carries: one prefix, one line per call.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "log.h"

static enum log_level log_max = LOG_LEVEL_INFO;
static bool use_syslog;
static bool use_kv; /* log_format: kv */

int
log_set_format(const char *name)
{
	if (strcmp(name, "text") != 0 && strcmp(name, "kv") != 0)
		return -1;
	use_kv = strcmp(name, "kv") == 0;
	return 0;
}

const char *
log_quote(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	if (s == NULL)
		s = "";
	if (*s != '\0' && strpbrk(s, " \t\"\\=\r\n") == NULL) {
		snprintf(buf, len, "%s", s);
		return buf;
	}
	if (len < 3)
		return "\"\"";
	buf[o++] = '"';
	for (; *s && o + 3 < len; s++) {
		if (*s == '"' || *s == '\\')
			buf[o++] = '\\';
		buf[o++] = (unsigned char)*s < 0x20 ? ' ' : *s;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

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

/* Writes one finished line at level: stderr or syslog. */
static void
log_line(enum log_level level, const char *line)
{
	if (use_syslog) {
		static const int priority[] = {
		    [LOG_LEVEL_ERROR] = LOG_ERR,
		    [LOG_LEVEL_WARN] = LOG_WARNING,
		    [LOG_LEVEL_INFO] = LOG_INFO,
		    [LOG_LEVEL_DEBUG] = LOG_DEBUG,
		};

		syslog(priority[level], "%s", line);
		return;
	}
	/* One fprintf per line so that concurrent writers do not
	 * interleave. */
	fprintf(stderr, "%s\n", line);
}

/* "ts=... level=..." for kv lines; "" otherwise. */
static void
kv_head(enum log_level level, char *buf, size_t len)
{
	char ts[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(buf, len, "ts=%s level=%s", ts, level_names[level]);
}

static void __attribute__((format(printf, 2, 0)))
log_vwrite(enum log_level level, const char *fmt, va_list ap)
{
	char msg[2048], line[2600], head[64], quoted[2200];

	if (level > log_max)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (use_kv) {
		kv_head(level, head, sizeof(head));
		snprintf(line, sizeof(line), "%s msg=%s", head,
		    log_quote(msg, quoted, sizeof(quoted)));
	} else if (use_syslog) {
		snprintf(line, sizeof(line), "%s: %s", level_names[level], msg);
	} else {
		snprintf(line, sizeof(line), "planwatch: %s: %s",
		    level_names[level], msg);
	}
	log_line(level, line);
}

void
log_event(enum log_level level, const char *event, const char *fmt, ...)
{
	char fields[2048], line[2600], head[64];
	va_list ap;

	if (level > log_max)
		return;
	va_start(ap, fmt);
	vsnprintf(fields, sizeof(fields), fmt, ap);
	va_end(ap);
	if (use_kv) {
		kv_head(level, head, sizeof(head));
		snprintf(
		    line, sizeof(line), "%s event=%s %s", head, event, fields);
	} else {
		snprintf(line, sizeof(line), "%s%s: event=%s %s",
		    use_syslog ? "" : "planwatch: ", level_names[level], event,
		    fields);
	}
	log_line(level, line);
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
