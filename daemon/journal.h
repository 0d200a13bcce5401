/*
 * journal: the per-indicator observation journal, the record of truth.
 * One file per indicator, <data_dir>/<id>.journal, one JSON object per
 * line:
 *   {"period":"2023","value":1048.97,"fetched":1732600000,
 *    "collector":"gdp_feed","replaced":1065}
 * Appended and fsynced before anything else happens with an observation.
 * The RRD archives are rebuilt from it; its own contents are checked on
 * load like any other outside input.
 */
#ifndef PLANWATCH_JOURNAL_H
#define PLANWATCH_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "obs.h"

/* Largest journal file loaded (64 MiB): past it, loading fails. */
#define JOURNAL_MAX_BYTES (64u << 20)

struct journal_entry {
	struct period period;
	double value;
	time_t fetched;
	const char *collector;
	bool has_replaced; /* a revision: the period had another value */
	double replaced;
};

/* Writes the journal path of indicator id under dir into buf. */
void journal_path(const char *dir, const char *id, char *buf, size_t len);
/* Appends entries in one write and fsyncs; 0 or -1 with err. */
int journal_append(const char *path, const struct journal_entry *e, size_t n,
    char *err, size_t errlen);
/*
 * journal_append without the fsync: the entries are written, not yet
 * durable; the caller syncs the filesystem (worker_sync) before it acts
 * on them.
 */
int journal_append_nosync(const char *path, const struct journal_entry *e,
    size_t n, char *err, size_t errlen);
/*
 * Reads path and appends to current the latest value of each period,
 * sorted; a missing file is an empty journal.  Lines of another
 * frequency, or malformed lines, fail the load with "path:line: reason",
 * except a last line cut short by a crash, which is skipped and counted in
 * *torn (may be NULL).  Returns the number of entries read, or -1; on -1
 * current may hold the lines read before the bad one.
 */
long journal_load(const char *path, enum freq freq, struct obs_list *current,
    int *torn, char *err, size_t errlen);

/* journal_load that also appends every revision line to revs. */
long journal_load_revisions(const char *path, enum freq freq,
    struct obs_list *current, struct obs_revisions *revs, int *torn, char *err,
    size_t errlen);

#endif
