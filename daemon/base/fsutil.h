/*
 * fsutil: the few file operations that storage and state code need to be
 * crash-safe: creating directories, replacing a file atomically, appending
 * durably, and reading a whole file under a size cap.  Errors name the path
 * and the system's reason in err.  Blocking calls: use them from start-up,
 * a worker, or for small state files.
 *
 * The files planwatch keeps (in data_dir, state_dir and graph_dir) are
 * never reached through a symbolic link: whoever can plant one there
 * must not make planwatch, often root, write or read elsewhere.  Such a
 * link is refused with "PATH: is a symbolic link, refused".  New files get
 * the mode open(2) gives 0644 under the process's umask.
 */
#ifndef PLANWATCH_FSUTIL_H
#define PLANWATCH_FSUTIL_H

#include <sys/types.h>

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * A file as planwatch last left it: which file (device, inode) and its
 * size.  An append that finds the file still so need not read its tail
 * again to know that it ends with a whole record.
 */
struct fsutil_mark {
	dev_t dev;
	ino_t ino;
	off_t size;
	bool known;
};
/* Whether path is still the regular file m records, of m's size. */
bool fsutil_mark_holds(const char *path, const struct fsutil_mark *m);
/* Records what path is now (m->known false when it cannot be read). */
void fsutil_mark_take(const char *path, struct fsutil_mark *m);
/* Creates path and its missing parents (mode 0755), like mkdir -p. */
int fsutil_mkdirs(const char *path, char *err, size_t errlen);
/*
 * Replaces path with data: writes a new file path.tmp.XXXXXX (a name no
 * one can guess, created exclusively), fsyncs it, renames it over path
 * and fsyncs the directory.  A symbolic link at path is refused.  On
 * failure before the rename the temporary file is removed and path is
 * untouched; a failure of the final directory fsync is reported although
 * path already holds the new data.
 */
int fsutil_write_atomic(
    const char *path, const void *data, size_t len, char *err, size_t errlen);
/*
 * fsutil_write_atomic, with sync false neither the file nor its directory
 * fsynced: for many files made durable together by one fsutil_syncfs
 * (export), where a file lost in a crash is written again next time.
 */
int fsutil_write_replace(const char *path, const void *data, size_t len,
    bool sync, char *err, size_t errlen);
/* syncfs(2) of the file system holding dir: every write to it durable. */
int fsutil_syncfs(const char *dir, char *err, size_t errlen);
/*
 * Appends data to path (created with mode 0644 less the umask if
 * missing); with sync, fsyncs it, and its directory when the file was
 * created (without, the caller makes it durable, e.g. with one syncfs for
 * many files).  On a failed write the file is truncated back to its
 * previous length, so no partial record remains.  A symbolic link or
 * anything but a regular file at path is refused.
 */
int fsutil_append(const char *path, const void *data, size_t len, bool sync,
    char *err, size_t errlen);
/* Cuts the regular file path (not a link) back to len bytes; -1 with err. */
int fsutil_truncate(const char *path, off_t len, char *err, size_t errlen);
/*
 * Opens a file planwatch keeps with open(2)'s flags (O_CREAT creates it
 * with mode 0644 less the umask), never through a symbolic link, and only
 * a regular file (a FIFO planted there cannot hold the open up); the
 * descriptor is close-on-exec.  -1 with err, errno kept (ENOENT: no such
 * file; ELOOP: a link).
 */
int fsutil_open_own(const char *path, int flags, char *err, size_t errlen);
/*
 * Opens for reading a directory planwatch made inside one of its own
 * (state_dir/outbox, outbox/sent), never through a symbolic link.  NULL
 * with err, errno kept (ENOENT: none yet).
 */
DIR *fsutil_opendir_own(const char *path, char *err, size_t errlen);
/*
 * 0 when path is not a symbolic link (a missing path is fine), else -1
 * with "PATH: is a symbolic link, refused".  For files a library opens
 * by name (librrd): it narrows, but cannot close, the time in which a
 * link could be swapped in.
 */
int fsutil_refuse_symlink(const char *path, char *err, size_t errlen);
/*
 * Reserves a fresh name beside path for a library to write by name:
 * creates path.new.XXXXXX (unpredictable, exclusively, empty, mode 0644
 * less the umask) and writes its name to tmp.  -1 with err.
 */
int fsutil_reserve_tmp(
    const char *path, char *tmp, size_t tmplen, char *err, size_t errlen);
/*
 * Takes over a file a library wrote by name (librrd): opens it without
 * following a link, checks it is a regular file, gives it the mode of
 * planwatch's own files when it is ours (librrd 1.7.2 makes archives
 * 0644 whatever the umask) and fsyncs it.  -1 with err.
 */
int fsutil_adopt_file(const char *path, char *err, size_t errlen);
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
 * exists, is owned by root or by user (the user planwatch runs as), and
 * neither its group nor others may read or write it; -1 with err naming
 * what (the configuration key), the path, its owner or mode, and the fix
 * ("run chown USER PATH", "run chmod 600 PATH").
 */
int fsutil_check_private(
    const char *what, const char *path, uid_t user, char *err, size_t errlen);
/* Opens the directory path and fsyncs it: after a rename in it. */
int fsutil_sync_path(const char *path, char *err, size_t errlen);
/* Fsyncs the directory that holds path. */
int fsutil_sync_parent(const char *path, char *err, size_t errlen);
/*
 * Reads all of path into a new NUL-terminated *buf (free() it) of *len
 * bytes; a file longer than max is an error.  On -1 errno is kept, so a
 * missing file can be told apart by errno == ENOENT.  Follows links: for
 * the files an operator names (configuration, secrets, input).
 */
int fsutil_read_capped(const char *path, size_t max, char **buf, size_t *len,
    char *err, size_t errlen);
/*
 * fsutil_read_capped for a file planwatch keeps (a journal, a state file,
 * a chart): opened as fsutil_open_own does, so a link is refused.
 */
int fsutil_read_own(const char *path, size_t max, char **buf, size_t *len,
    char *err, size_t errlen);

#endif
