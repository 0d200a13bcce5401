/*
 * fsutil: crash-safe file helpers.  Durability follows the usual POSIX
 * recipe: data reaches the disk with fsync() on the file, and a new or
 * renamed directory entry only with fsync() on the directory, so both are
 * done whenever an entry changes.  Every loop copes with EINTR and short
 * reads and writes.  Error messages are "path: what: strerror".
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"

/* Writes "path: what: strerror(errno)" to err, keeping errno. */
static int
fs_error(const char *path, const char *what, char *err, size_t errlen)
{
	int saved = errno;

	snprintf(err, errlen, "%s: %s: %s", path, what, strerror(saved));
	errno = saved;
	return -1;
}

/* Copies the directory part of path into a new string ("." or "/"). */
static char *
fs_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n;
	char *dir;

	if (slash == NULL)
		return strdup(".");
	n = slash == path ? 1 : (size_t)(slash - path);
	if ((dir = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(dir, path, n);
	dir[n] = '\0';
	return dir;
}

/* Fsyncs the directory that holds path. */
static int
fs_sync_dir(const char *path, char *err, size_t errlen)
{
	char *dir;
	int fd, rc = 0;

	if ((dir = fs_dirname(path)) == NULL)
		return fs_error(path, "directory name", err, errlen);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		rc = fs_error(dir, "open", err, errlen);
	} else {
		if (fsync(fd) == -1)
			rc = fs_error(dir, "fsync", err, errlen);
		close(fd);
	}
	free(dir);
	return rc;
}

/* Writes all of data to fd, retrying on EINTR and short writes. */
static int
fs_write_full(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Creates one directory; an existing directory is fine.  Some systems
 * report EACCES or EROFS rather than EEXIST for a directory that exists,
 * so any failure is checked against what is really there.
 */
static int
fs_mkdir_one(const char *dir, char *err, size_t errlen)
{
	struct stat st;
	int saved;

	if (mkdir(dir, 0755) == 0)
		return 0;
	saved = errno;
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	errno = saved == EEXIST ? ENOTDIR : saved;
	return fs_error(dir, "mkdir", err, errlen);
}

int
fsutil_mkdirs(const char *path, char *err, size_t errlen)
{
	char *dir;
	int rc = 0;

	if (*path == '\0') {
		errno = ENOENT;
		return fs_error("\"\"", "mkdir", err, errlen);
	}
	if ((dir = strdup(path)) == NULL)
		return fs_error(path, "mkdir", err, errlen);
	for (char *p = dir + 1; rc == 0 && *p != '\0'; p++) {
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = '\0';
		rc = fs_mkdir_one(dir, err, errlen);
		*p = '/';
	}
	if (rc == 0)
		rc = fs_mkdir_one(dir, err, errlen);
	free(dir);
	return rc;
}

/* Writes and fsyncs the temporary file tmp; removes it on failure. */
static int
fs_write_tmp(
    const char *tmp, const void *data, size_t len, char *err, size_t errlen)
{
	int fd;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1)
		return fs_error(tmp, "open", err, errlen);
	if (fs_write_full(fd, data, len) == -1) {
		fs_error(tmp, "write", err, errlen);
		goto fail;
	}
	if (fsync(fd) == -1) {
		fs_error(tmp, "fsync", err, errlen);
		goto fail;
	}
	if (close(fd) == -1) {
		fd = -1;
		fs_error(tmp, "close", err, errlen);
		goto fail;
	}
	return 0;
fail:
	if (fd != -1)
		close(fd);
	unlink(tmp);
	return -1;
}

int
fsutil_write_atomic(
    const char *path, const void *data, size_t len, char *err, size_t errlen)
{
	char *tmp;
	int n;

	n = snprintf(NULL, 0, "%s.tmp.%ld", path, (long)getpid());
	if ((tmp = malloc((size_t)n + 1)) == NULL)
		return fs_error(path, "write", err, errlen);
	snprintf(tmp, (size_t)n + 1, "%s.tmp.%ld", path, (long)getpid());
	if (fs_write_tmp(tmp, data, len, err, errlen) == -1) {
		free(tmp);
		return -1;
	}
	if (rename(tmp, path) == -1) {
		fs_error(path, "rename", err, errlen);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return fs_sync_dir(path, err, errlen);
}

/* Opens path for appending; *created tells whether this call made it. */
static int
fs_open_append(const char *path, int *created)
{
	struct stat st;
	int fd;

	/* Bounded: a dangling symlink answers ENOENT to the first open and
	 * EEXIST to the second for ever. */
	for (int tries = 0; tries < 3; tries++) {
		fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
		if (fd != -1 || errno != ENOENT) {
			*created = 0;
			return fd;
		}
		fd = open(path,
		    O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd != -1 || errno != EEXIST) {
			*created = 1;
			return fd;
		}
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			break;
		/* Someone created it in between: open it as existing. */
	}
	errno = ENOENT;
	return -1;
}

/*
 * A failed or short write can leave part of a record at the end of the
 * file, which a journal reader would take for a corrupt tail; cutting the
 * file back to its old length keeps the file a whole number of records.
 */
int
fsutil_append(const char *path, const void *data, size_t len, bool sync,
    char *err, size_t errlen)
{
	int fd, created, rc = 0;
	off_t size;

	if ((fd = fs_open_append(path, &created)) == -1)
		return fs_error(path, "open", err, errlen);
	if ((size = lseek(fd, 0, SEEK_END)) == -1)
		rc = fs_error(path, "lseek", err, errlen);
	else if (fs_write_full(fd, data, len) == -1) {
		rc = fs_error(path, "write", err, errlen);
		/* Best effort: the write error is what is reported. */
		(void)!ftruncate(fd, size);
	} else if (sync && fsync(fd) == -1)
		rc = fs_error(path, "fsync", err, errlen);
	if (close(fd) == -1 && rc == 0)
		rc = fs_error(path, "close", err, errlen);
	if (rc == 0 && created && sync)
		rc = fs_sync_dir(path, err, errlen);
	return rc;
}

/* Reads fd to its end into a buffer of at most max bytes plus a NUL. */
static int
fs_read_all(int fd, size_t max, char **buf, size_t *len)
{
	size_t cap = 0, n = 0;
	char *b = NULL, *nb;
	ssize_t r;

	if (max > SIZE_MAX / 2)
		max = SIZE_MAX / 2;
	for (;;) {
		if (n == cap) {
			cap = cap == 0 ? 4096 : cap * 2;
			if (cap > max + 1)
				cap = max + 1;
			if ((nb = realloc(b, cap + 1)) == NULL)
				goto fail;
			b = nb;
		}
		if ((r = read(fd, b + n, cap - n)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			errno = EFBIG;
			goto fail;
		}
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
fail:
	free(b);
	return -1;
}

int
fsutil_read_capped(const char *path, size_t max, char **buf, size_t *len,
    char *err, size_t errlen)
{
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return fs_error(path, "open", err, errlen);
	if (fs_read_all(fd, max, buf, len) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		if (saved == EFBIG) {
			snprintf(err, errlen, "%s: larger than %zu bytes", path,
			    max);
			errno = EFBIG;
			return -1;
		}
		return fs_error(path, "read", err, errlen);
	}
	close(fd);
	return 0;
}

int
fsutil_sync_path(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fsync(fd) != 0) {
		snprintf(err, errlen, "fsync %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
fsutil_sync_parent(const char *path, char *err, size_t errlen)
{
	char dir[4096];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	return fsutil_sync_path(dir, err, errlen);
}

int
fsutil_check_private(
    const char *what, const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		snprintf(err, errlen, "%s %s: %s", what, path, strerror(errno));
		return -1;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		snprintf(err, errlen,
		    "%s %s: readable by others (mode %03o); run chmod 600 %s",
		    what, path, (unsigned)(st.st_mode & 0777), path);
		return -1;
	}
	return 0;
}

int
fsutil_lock_dir(const char *dir, const char *instance, char *err, size_t errlen)
{
	char path[4096], pid[32] = "";
	ssize_t n;
	int fd;

	if (instance != NULL)
		snprintf(
		    path, sizeof(path), "%s/.planwatch-%s.lock", dir, instance);
	else
		snprintf(path, sizeof(path), "%s/.planwatch.lock", dir);
	if (fsutil_mkdirs(dir, err, errlen) != 0)
		return -1;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	/* A data directory gone read-only (a filesystem remounted after
	 * errors) is still locked, so that planwatch runs, writes nothing,
	 * acknowledges nothing, and says why, rather than not starting. */
	if (fd < 0 && errno == EROFS)
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return fs_error(path, "open", err, errlen);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;

		n = read(fd, pid, sizeof(pid) - 1);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		close(fd);
		if (e == EWOULDBLOCK) {
			snprintf(err, errlen,
			    "%s%s%s%s is in use by another planwatch%s%s%s",
			    dir, instance ? " (instance " : "",
			    instance ? instance : "", instance ? ")" : "",
			    *pid ? " (process " : "", pid, *pid ? ")" : "");
			return -1;
		}
		errno = e;
		return fs_error(path, "flock", err, errlen);
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if ((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY)
		return fd; /* read-only: the pid stays unwritten */
	if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
		fs_error(path, "write", err, errlen);
		close(fd);
		return -1;
	}
	return fd;
}
