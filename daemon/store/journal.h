/*
 * journal: the per-indicator observation journal, the record of truth.
 * One file per indicator, <data_dir>/<id>.journal: a header line naming
 * the format and its version, then one JSON record per line, each ending
 * in a CRC-32 of its own bytes (docs/journal.md):
 *   {"planwatch_journal":2}
 *   {"period":"2023","value":1048.97,"fetched":1732600000,
 *    "collector":"gdp_feed","replaced":1065,"mark":"published",
 *    "crc":"5c2f8e1a"}
 * "mark" (what the feed said of the value, obs_mark_name) is optional:
 * a record without it, every record before marks were kept, is
 * unstated.  "was" names the mark a record's period had before, when the
 * feed changed a stated mark (illustrative -> published): a record with
 * "was" and no "replaced" is a change of mark alone, no revision.  A
 * value a person entered (planwatch set, POST /api/v1/admin/values) has
 * the mark "entered", the collector "entered" and says who ("by"), from
 * what ("source") and, optionally, why ("note"): optional members too.
 * Appended and fsynced before anything else happens with an observation.
 * The RRD archives are rebuilt from it; its own contents are checked on
 * load like any other outside input.  Journals of version 1 (records
 * without header or checksum) are read, and rewritten as version 2 the
 * first time they are appended to.
 *
 * Writers (append, compact) must be one at a time per file: the daemon's
 * worker, or a command holding the data directory lock.  Loading never
 * changes the file, so it is safe alongside the writer.
 */
#ifndef PLANWATCH_JOURNAL_H
#define PLANWATCH_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "obs.h"

/* Largest journal file loaded (64 MiB): past it, loading fails. */
#define JOURNAL_MAX_BYTES (64u << 20)
/* Longest record line, newline excluded: a longer one is damage. */
#define JOURNAL_RECORD_MAX 4096
/* The format written; version 1 (no header) is still read. */
#define JOURNAL_VERSION 2
/* Below this size a journal is never worth compacting (1 MiB). */
#define JOURNAL_COMPACT_MIN_BYTES (1u << 20)

struct journal_entry {
	struct period period;
	double value;
	time_t fetched;
	const char *collector;
	bool has_replaced; /* a revision: the period had another value */
	double replaced;
	enum obs_mark mark; /* what the feed said of value */
	/* The period's stated mark before this record, when it changed */
	bool has_was;
	enum obs_mark was;
	/* A value a person entered (mark entered, collector "entered"):
	 * who, from what source, why; NULL when not given (every record of
	 * a feed, every record before values were entered). */
	const char *by, *source, *note;
};

/* Longest "by", "source" and "note" a record takes, in bytes: together
 * with the rest they stay well under JOURNAL_RECORD_MAX. */
#define JOURNAL_BY_MAX 64
#define JOURNAL_SOURCE_MAX 256
#define JOURNAL_NOTE_MAX 1024

/* What a load saw: for journal_needs_compaction and for diagnostics. */
struct journal_stats {
	int version; /* 2, 1 (no header), 0 (missing or empty) */
	size_t bytes; /* the file's size */
	size_t records; /* records read; a torn one is not counted */
	size_t revisions; /* records with "replaced" */
	size_t redundant; /* records journal_compact would drop */
	int torn; /* 1: a torn last record was dropped */
	size_t mark_changes; /* records with "was" and no "replaced" */
};

/* Damaged lines described by a salvaging load (the first ones). */
#define JOURNAL_DAMAGE_LISTED 16

/*
 * What journal_salvage and journal_repair found: the good records, and
 * every damaged line (a record failing its checksum, too long, not JSON,
 * without period or value, of another frequency) that is not the last.
 */
struct journal_damage {
	int version; /* as in journal_stats */
	size_t lines; /* lines in the file, the header included */
	size_t good; /* records read */
	size_t bad; /* damaged lines, a torn tail not counted */
	size_t torn_line; /* a torn last line (dropped, not damage), or 0 */
	size_t nlisted;
	struct journal_bad_line {
		size_t line; /* counted as the load counts, header = 1 */
		char why[128];
	} listed[JOURNAL_DAMAGE_LISTED]; /* the first bad lines, in order */
};

/* Writes the journal path of indicator id under dir into buf. */
void journal_path(const char *dir, const char *id, char *buf, size_t len);
/*
 * Appends entries in one write and fsyncs; 0 or -1 with err.  A torn last
 * record is cut off first, and a version 1 journal is rewritten as
 * version 2 (atomically) with the entries at its end.
 */
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
 * journal_append_nosync for the one writer of path, which keeps m (zeroed
 * at first): when the file is still the one it last appended to, of the
 * size it left (fsutil_mark_holds), its tail is known whole and is not
 * read again; otherwise it is, as journal_append_nosync does.  m records
 * the file after a successful append, and is forgotten after a failure.
 */
struct fsutil_mark;
int journal_append_marked(const char *path, const struct journal_entry *e,
    size_t n, struct fsutil_mark *m, char *err, size_t errlen);
/*
 * Reads path and appends to current the latest value of each period,
 * sorted; a missing file is an empty journal.  Records of another
 * frequency, malformed records and records failing their checksum fail
 * the load with "path:line: reason", except a torn last record (cut short
 * or failing its checksum), which is skipped and counted in *torn (may be
 * NULL).  Returns the number of records read, or -1; on -1 current may
 * hold the records read before the bad one.
 */
long journal_load(const char *path, enum freq freq, struct obs_list *current,
    int *torn, char *err, size_t errlen);

/*
 * Keeps in revs who entered e's period when e says ("by"), else forgets
 * it: a later value from a feed is no one's.  -1 when out of memory.
 */
int journal_entered(struct obs_revisions *revs, const struct journal_entry *e);

/*
 * What record e adds to an indicator's revision log, as a load and a
 * cycle's append alike put it there: a new value or a stated mark changed
 * alone, and who entered the period (journal_entered).  -1 when out of
 * memory.
 */
int journal_revision_log(
    struct obs_revisions *revs, const struct journal_entry *e);

/* journal_load that also appends every revision record to revs, and who
 * entered each period's current value (journal_entered). */
long journal_load_revisions(const char *path, enum freq freq,
    struct obs_list *current, struct obs_revisions *revs, int *torn, char *err,
    size_t errlen);

/*
 * journal_load_revisions (revs may be NULL) that also fills *st, counting
 * the redundant records on the way.
 */
long journal_load_stats(const char *path, enum freq freq,
    struct obs_list *current, struct obs_revisions *revs,
    struct journal_stats *st, char *err, size_t errlen);

/*
 * journal_load_revisions past damage: every good record, before and after
 * a damaged one, goes to current (and revs, which may be NULL); each
 * damaged line is counted and described in *d instead of failing the
 * load.  -1 with err only when nothing can be read (the file, a header of
 * another version, more periods than a list holds).  For an indicator
 * whose journal_load failed: what is known of it, to show.
 */
long journal_salvage(const char *path, enum freq freq, struct obs_list *current,
    struct obs_revisions *revs, struct journal_damage *d, char *err,
    size_t errlen);

/*
 * A journal as it stood at a time (journal_load_known).  "fetched" is a
 * record's arrival: the fetch for a feed, the import for planwatch
 * import, the computation for a derived indicator, 0 for a version 1
 * record without it (known since always).
 */
struct journal_known {
	time_t at; /* in: records fetched after it are left out */
	/* Out: the revisions that arrived after at, of periods known by
	 * then, in file order (the caller clears them). */
	struct obs_revisions later;
	time_t first; /* out: the earliest arrival of any record, when the
			 load read one (returned more than 0) */
};

/*
 * journal_load_revisions as the journal stood at k->at: only the records
 * fetched at or before it count, so each period has the value it had then
 * (later revisions not applied) and a period whose first value arrived
 * later is absent; revs gets the revisions of then (may be NULL).  With d
 * it salvages past damage as journal_salvage does, else a bad line fails
 * the load as in journal_load.  Returns the records read, every one
 * (those left out included), or -1 with err.
 */
long journal_load_known(const char *path, enum freq freq,
    struct journal_known *k, struct obs_list *current,
    struct obs_revisions *revs, struct journal_damage *d, char *err,
    size_t errlen);

/*
 * Repairs a damaged journal: the good records (every one, before and
 * after the damage, in their order; not compacted) are written as a new
 * version 2 journal, atomically, and the damaged file is kept as
 * path.damaged.<YYYYmmddTHHMMSSZ> (at now; its name in aside), never
 * deleted.  *d says what was kept and dropped.  A journal with no damaged
 * line is left as it is (aside ""; a torn tail is cut by the next
 * append).  -1 with err, and path unchanged, when it cannot be read or
 * written.  Only where appends run (the data_dir lock).
 */
int journal_repair(const char *path, enum freq freq, time_t now,
    struct journal_damage *d, char *aside, size_t asidelen, char *err,
    size_t errlen);

/*
 * Whether a journal so described is worth compacting: at least
 * JOURNAL_COMPACT_MIN_BYTES, and at least a quarter of its records
 * redundant.
 */
bool journal_needs_compaction(const struct journal_stats *st);

/*
 * Rewrites path as a version 2 journal holding the latest record of each
 * period and every revision record, in their order; superseded records
 * that are no revision, and a torn tail, are dropped.  Current values and
 * revisions read back the same.  Written beside path, fsynced, renamed
 * over it, the directory fsynced: on -1 (with err) path is untouched.  A
 * missing or empty journal is left alone.
 */
int journal_compact(const char *path, enum freq freq, char *err, size_t errlen);

#endif
