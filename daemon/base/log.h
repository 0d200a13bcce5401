/*
 * log: the one place planwatch writes diagnostics.  Lines go to stderr as
 * "planwatch: LEVEL: message"; the level is set from the configuration.
 * Every other module logs through these functions, once, where the context
 * is known (see STYLE.md, convention 3).
 */
#ifndef PLANWATCH_LOG_H
#define PLANWATCH_LOG_H

#include <stdbool.h>
#include <stddef.h>

enum log_level {
	LOG_LEVEL_ERROR,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG,
};

/*
 * From now on lines go to syslog (ident "planwatch", facility daemon,
 * the level as priority) instead of stderr: a --daemon has no stderr.
 */
void log_to_syslog(void);
/* Sets the most verbose level that is still written. */
void log_set_level(enum log_level level);
/* True when messages of level are written. */
bool log_enabled(enum log_level level);
/* Parses "error", "warn", "info" or "debug"; returns -1 on anything else. */
int log_level_parse(const char *name, enum log_level *level);
/* Returns the lowercase name of a level. */
const char *log_level_name(enum log_level level);

/*
 * "text" (default): "planwatch: info: message"; "kv": every line as
 * key=value pairs, "ts=2026-11-27T00:20:00Z level=info msg=\"...\"", for
 * log collectors.  Returns -1 for another name.
 */
int log_set_format(const char *name);
/*
 * An event in key=value form: "event=<event> " then fields, which the
 * caller writes as key=value pairs (values quoted with log_quote when
 * they may hold blanks), e.g. log_event(LOG_LEVEL_INFO, "fetch",
 * "collector=%s outcome=%s", id, outcome).
 */
void log_event(enum log_level level, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * s as a key=value value: as it is when it has no blank, quote or
 * control character, else in double quotes with \" and \\ escaped and
 * control characters as spaces.  Writes into buf (len bytes).
 */
const char *log_quote(const char *s, char *buf, size_t len);

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Logs at error level and exits: start-up failures and broken invariants. */
void fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#endif
