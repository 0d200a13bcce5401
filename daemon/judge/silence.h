/*
 * silence: planned quiet for an indicator, or one of its targets, until a
 * date: no notices while it lasts (alert_state.h says what happens when
 * it ends), and the dashboard shows the pair as silenced.  Kept in
 * state_dir/silences.json, written whole and renamed into place by the
 * `planwatch silence` commands; the daemon reads it again when its
 * modification time changes.
 */
#ifndef PLANWATCH_SILENCE_H
#define PLANWATCH_SILENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "config.h"

#define SILENCE_TEXT_MAX 512

struct silence {
	char id[17]; /* 16 hex digits */
	char *indicator;
	char *target; /* NULL: every target of the indicator */
	time_t until; /* the silence ends then */
	char *reason;
	char *by;
	time_t created;
};

struct silences {
	struct silence *v;
	size_t n;
	size_t cap; /* room in v (grow_array) */
};

/* state_dir/silences.json. */
void silences_path(const char *state_dir, char *buf, size_t len);
/*
 * Reads path (a missing file is no silence); every field is checked.
 * -1 with err naming the file and the entry.
 */
int silences_load(
    const char *path, struct silences *out, char *err, size_t errlen);
/*
 * Every silence as a JSON array, as the file holds it; with now > 0 each
 * also says whether it is "active" then.  NULL when out of memory.
 */
json_t *silences_json(const struct silences *s, time_t now);
/* Writes every silence to path atomically; -1 with err. */
int silences_save(
    const char *path, const struct silences *s, char *err, size_t errlen);
/* The silence that covers (indicator, target) at now, or NULL. */
const struct silence *silences_match(const struct silences *s,
    const char *indicator, const char *target, time_t now);
/* Adds one; its id is written to id (17 bytes).  -1 when out of memory. */
int silences_add(struct silences *s, const char *indicator, const char *target,
    time_t until, const char *reason, const char *by, time_t now, char id[17]);
/*
 * silences_add for what an administrator typed: pair is
 * "<indicator>[/<target>]", which must exist in c; until_day is
 * "YYYY-MM-DD", silent through that whole day (UTC), which must be ahead.
 * -1 with err saying what is wrong.
 */
int silences_add_checked(struct silences *s, const struct config *c,
    const char *pair, const char *until_day, const char *reason, const char *by,
    time_t now, char id[17], char *err, size_t errlen);
/*
 * Reads state_dir/silences.json, lets change edit it, writes it back, all
 * under a lock on state_dir/silences.lock (the CLI and the daemon's admin
 * endpoint may both change it); the lock is not waited for: "busy" then.
 * change returns 0 to write, else its own error (err filled).  0 or -1.
 */
int silences_update(const char *state_dir,
    int (*change)(struct silences *s, void *arg, char *err, size_t errlen),
    void *arg, char *err, size_t errlen);
/* Removes the one with id; -1 when there is none. */
int silences_remove(struct silences *s, const char *id);
void silences_clear(struct silences *s);

#endif
