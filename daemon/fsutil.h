/*
 * fsutil: the few file operations that storage and state code need to be
 * crash-safe: creating directories, replacing a file atomically, appending
 * durably, and reading a whole file under a size cap.  Errors name the path
 * and the system's reason in err.  Blocking calls: use them from start-up,
 * a worker, or for small state files.
 */
#ifndef PLANWATCH_FSUTIL_H
#define PLANWATCH_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Creates path and its missing parents (mode 0755), like mkdir -p. */
int fsutil_mkdirs(const char *path, char *err, size_t errlen);
/*
 * Replaces path with data: writes path.tmp.<pid>, fsyncs it, renames it
 * over path and fsyncs the directory.  On failure before the rename the
 * temporary file is removed and path is untouched; a failure of the final
 * directory fsync is reported although path already holds the new data.
 */
int fsutil_write_atomic(
    const char *path, const void *data, size_t len, char *err, size_t errlen);
/*
 * Appends data to path (created with mode 0644 if missing); with sync,
 * fsyncs it, and its directory when the file was created (without, the
 * caller makes it durable, e.g. with one syncfs for many files).  On a
 * failed write the file is truncated back to its previous length, so no
 * partial record remains.
 */
int fsutil_append(const char *path, const void *data, size_t len, bool sync,
    char *err, size_t errlen);
/*
 * Takes an exclusive lock on dir/.planwatch.lock, or, for a named
 * instance (may be NULL), dir/.planwatch-<instance>.lock (created; the
 * process id written in it) for as long as the returned descriptor stays
 * open.  -1 with err when another process holds it (naming its id) or on
 * failure.
 */
int fsutil_lock_dir(
    const char *dir, const char *instance, char *err, size_t errlen);
/*
 * A secret's file (a password, a token, a key) must be private: 0 when it
 * exists and neither its group nor others may read or write it; -1 with
 * err naming what (the configuration key), the path and the fix
 * ("run chmod 600 PATH").
 */
int fsutil_check_private(
    const char *what, const char *path, char *err, size_t errlen);
/* Opens path (a file or a directory) and fsyncs it: for files written by
 * a library (librrd), and directories after a rename. */
int fsutil_sync_path(const char *path, char *err, size_t errlen);
/* Fsyncs the directory that holds path. */
int fsutil_sync_parent(const char *path, char *err, size_t errlen);
/*
 * Reads all of path into a new NUL-terminated *buf (free() it) of *len
 * bytes; a file longer than max is an error.  On -1 errno is kept, so a
 * missing file can be told apart by errno == ENOENT.
 */
int fsutil_read_capped(const char *path, size_t max, char **buf, size_t *len,
    char *err, size_t errlen);

#endif
