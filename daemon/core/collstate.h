/*
 * collstate: what planwatch remembers of each collector across restarts,
 * in <state_dir>/collectors.json and its log (statelog.h): the validators of
 * its last good response (so the first fetch after a restart can be
 * conditional), failures in a row, the last fetch, success and error.  It is
 * also the collector status an administrator reads.  A cache: a missing or bad
 * file costs one unconditional fetch, never the start-up.
 */
#ifndef PLANWATCH_COLLSTATE_H
#define PLANWATCH_COLLSTATE_H

#include <stddef.h>

struct core;

/* Writes the state file's path into buf. */
void collstate_path(const char *state_dir, char *buf, size_t len);
/* Every collector's state as the file holds it (caller frees); NULL: ENOMEM. */
char *collstate_text(const struct core *core);
/*
 * The snapshot's text for every collector of core (caller frees), each
 * then counted as saved; NULL: out of memory.
 */
char *collstate_dump(struct core *core);
/*
 * At the end of cs's cycle: its line (statelog_line) added to
 * core->state_lines when what is saved of it changed, or its times moved
 * an hour or more; each cycle pays for its own collector, so no
 * evaluation walks them all.  Without memory, core->state_full is set.
 */
struct collector_state;
/* The lines gathered between two evaluations, at most. */
#define COLLSTATE_LINES_MAX ((size_t)1 << 30)
void collstate_note(struct core *core, struct collector_state *cs);

/*
 * The daemon's status for `planwatch status` (GET /api/v1/status): its
 * start, every collector (as in the file, and whether it is fetching, and
 * when it is next due), the queues and the outbox.  Caller json_decref()s.
 */
struct json_t *collstate_status(const struct core *core);
/* Restores what the file says of core's collectors; logs what it ignores. */
void collstate_load(struct core *core);

#endif
