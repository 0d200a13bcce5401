/*
 * statelog: a state file of records (a JSON object, key -> record) kept
 * as a snapshot, <path>, and a log of the records changed since,
 * <path>.log, one JSON line {"k": key, "v": record} each.  A cycle that
 * changed ten records of 100,000 appends ten lines, not the whole file;
 * the log is folded into a new snapshot once it is as large as the
 * snapshot, so the rewrite is paid once per snapshot's worth of changes.
 *
 * The reader applies the log over the snapshot, later lines winning.
 * Both files are read like any outside input: a line that is not such a
 * record is skipped and said (file:line), a torn last line (a crash in an
 * append) is skipped, and a damaged snapshot leaves the log alone.
 */
#ifndef PLANWATCH_STATELOG_H
#define PLANWATCH_STATELOG_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/*
 * A cap on each file of a state of n records: generous for a record of a
 * few hundred bytes, and a bound on what a damaged file can cost.
 */
size_t statelog_cap(size_t nrecords);
/* The log's name beside path. */
void statelog_log_path(const char *path, char *buf, size_t len);
/*
 * The records of path and its log, in a new object (json_decref it): an
 * empty one when neither exists.  Each file is capped at max bytes.
 * -1 with err only when out of memory or when a file exists and cannot
 * be read; a bad line or a bad snapshot is logged and left out.
 */
int statelog_read(
    const char *path, size_t max, json_t **out, char *err, size_t errlen);
struct buf;
/* Appends one record's line to b; -1 when out of memory (b unchanged). */
int statelog_line(struct buf *b, const char *key, const json_t *record);
/*
 * Appends lines (whole records from statelog_line) to path's log and
 * syncs it; then, when the log has grown past both the snapshot's size
 * and fold_over bytes (fold_over 0: always), folds it: the records read back
 * (max as for statelog_read), written whole as the new snapshot, the log
 * emptied. A crash between the two leaves lines the snapshot already holds,
 * which apply again to the same effect.  -1 with err.
 */
int statelog_append(const char *path, const char *lines, size_t len, size_t max,
    size_t fold_over, char *err, size_t errlen);
/*
 * Replaces the snapshot with text (a JSON object: every record) and
 * empties the log, for a writer that has every record at hand (after a
 * reload dropped some keys).  -1 with err.
 */
int statelog_write_all(
    const char *path, const char *text, size_t len, char *err, size_t errlen);

#endif
