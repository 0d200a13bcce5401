/*
 * fsutil: crash-safe file helpers.  Durability follows the usual POSIX
 * recipe: data reaches the disk with fsync() on the file, and a new or
 * renamed directory entry only with fsync() on the directory, so both are
 * done whenever an entry changes.  Every loop copes with EINTR and short
 * reads and writes.  Error messages are "path: what: strerror".
 *
 * Links: every file planwatch keeps is opened with O_NOFOLLOW, every
 * temporary file is made by mkostemp (O_CREAT | O_EXCL, a random name),
 * so a link planted in a data, state or graph directory is refused, never
 * followed.  The directories themselves may be links (an operator's
 * choice, in the configuration): only a path's last component is checked.
 */
#define _GNU_SOURCE /* mkostemp, syncfs */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
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

/*
 * After an open with O_NOFOLLOW failed: "path: is a symbolic link,
 * refused" (errno ELOOP) when a link is what stopped it (Linux says
 * ENOTDIR with O_DIRECTORY, and ELOOP also means a loop in the
 * directories above, so the path is looked at), else "path: what:
 * strerror", errno kept.
 */
static int
fs_open_error(const char *path, const char *what, char *err, size_t errlen)
{
	struct stat st;
	int saved = errno;

	if (saved != ENOENT && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		snprintf(err, errlen, "%s: is a symbolic link, refused", path);
		errno = ELOOP;
		return -1;
	}
	errno = saved;
	return fs_error(path, what, err, errlen);
}

/*
 * The mode open(path, O_CREAT, 0644) gives under the process's umask:
 * what journals get, and what temporary files (mkostemp makes them 0600)
 * and archives (librrd makes them 0644) are given.  umask(2) can only be
 * read by setting it, which would race with other threads' creates, so
 * Linux's /proc/self/status is read instead; without it, 0600: never
 * more open than meant.
 */
static mode_t
fs_file_mode(void)
{
	unsigned mask = 077;
	char line[128];
	FILE *f;

	if ((f = fopen("/proc/self/status", "re")) == NULL)
		return 0644 & ~(mode_t)mask;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "Umask: %o", &mask) == 1)
			break;
	fclose(f);
	return 0644 & ~(mode_t)mask;
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

int
fsutil_refuse_symlink(const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return 0;
	snprintf(err, errlen, "%s: is a symbolic link, refused", path);
	errno = ELOOP;
	return -1;
}

/*
 * Creates path<suffix>XXXXXX with mkostemp: O_CREAT | O_EXCL, so nothing
 * already there (a planted link) is opened, and a random name, so none
 * can be planted in advance.  Given the mode of planwatch's files.  The
 * name goes to a new *tmp; the descriptor is returned, or -1 with err.
 */
static int
fs_create_tmp(
    const char *path, const char *suffix, char **tmp, char *err, size_t errlen)
{
	size_t n = strlen(path) + strlen(suffix) + 7;
	int fd;

	if ((*tmp = malloc(n)) == NULL)
		return fs_error(path, "temporary name", err, errlen);
	snprintf(*tmp, n, "%s%sXXXXXX", path, suffix);
	if ((fd = mkostemp(*tmp, O_CLOEXEC)) == -1) {
		fs_error(*tmp, "mkostemp", err, errlen);
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	if (fchmod(fd, fs_file_mode()) != 0) {
		fs_error(*tmp, "fchmod", err, errlen);
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	return fd;
}

/* Writes, fsyncs (with sync) and closes fd, the temporary file tmp;
 * removes it on failure. */
static int
fs_write_tmp(int fd, const char *tmp, const void *data, size_t len, bool sync,
    char *err, size_t errlen)
{
	if (fs_write_full(fd, data, len) == -1) {
		fs_error(tmp, "write", err, errlen);
		goto fail;
	}
	if (sync && fsync(fd) == -1) {
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

/*
 * The rename would replace a link at path, not follow it; the link is
 * refused all the same, so that whoever planted it is noticed.
 */
int
fsutil_write_atomic(
    const char *path, const void *data, size_t len, char *err, size_t errlen)
{
	return fsutil_write_replace(path, data, len, true, err, errlen);
}

int
fsutil_write_replace(const char *path, const void *data, size_t len, bool sync,
    char *err, size_t errlen)
{
	char *tmp;
	int fd;

	if (fsutil_refuse_symlink(path, err, errlen) != 0)
		return -1;
	if ((fd = fs_create_tmp(path, ".tmp.", &tmp, err, errlen)) == -1)
		return -1;
	if (fs_write_tmp(fd, tmp, data, len, sync, err, errlen) == -1) {
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
	return sync ? fs_sync_dir(path, err, errlen) : 0;
}

int
fsutil_syncfs(const char *dir, char *err, size_t errlen)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd == -1)
		return fs_error(dir, "open", err, errlen);
	if (syncfs(fd) == -1)
		rc = fs_error(dir, "syncfs", err, errlen);
	close(fd);
	return rc;
}

/*
 * O_NONBLOCK only keeps a FIFO from blocking the open; it changes nothing
 * for the regular file accepted.
 */
int
fsutil_open_own(const char *path, int flags, char *err, size_t errlen)
{
	struct stat st;
	int fd;

	fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
	if (fd == -1 && errno == ENXIO) { /* a FIFO with no reader */
		snprintf(err, errlen, "%s: not a regular file, refused", path);
		errno = ENXIO;
		return -1;
	}
	if (fd == -1)
		return fs_open_error(path, "open", err, errlen);
	if (fstat(fd, &st) != 0) {
		fs_error(path, "fstat", err, errlen);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file, refused", path);
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

DIR *
fsutil_opendir_own(const char *path, char *err, size_t errlen)
{
	DIR *d;
	int fd;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1) {
		fs_open_error(path, "open", err, errlen);
		return NULL;
	}
	if ((d = fdopendir(fd)) == NULL) {
		fs_error(path, "fdopendir", err, errlen);
		close(fd);
	}
	return d;
}

/* Opens path for appending; *created tells whether this call made it. */
static int
fs_open_append(const char *path, int *created, char *err, size_t errlen)
{
	int fd;

	/* Bounded: two creators racing settle on the second try. */
	for (int tries = 0; tries < 3; tries++) {
		*created = 0;
		fd = fsutil_open_own(path, O_WRONLY | O_APPEND, err, errlen);
		if (fd != -1 || errno != ENOENT)
			return fd;
		*created = 1;
		fd = fsutil_open_own(
		    path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL, err, errlen);
		if (fd != -1 || errno != EEXIST)
			return fd;
		/* Someone created it in between: open it as existing. */
	}
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

	if ((fd = fs_open_append(path, &created, err, errlen)) == -1)
		return -1;
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

bool
fsutil_mark_holds(const char *path, const struct fsutil_mark *m)
{
	struct stat st;

	return m->known && lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_dev == m->dev && st.st_ino == m->ino && st.st_size == m->size;
}

void
fsutil_mark_take(const char *path, struct fsutil_mark *m)
{
	struct stat st;

	m->known = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
	m->dev = m->known ? st.st_dev : 0;
	m->ino = m->known ? st.st_ino : 0;
	m->size = m->known ? st.st_size : 0;
}

int
fsutil_truncate(const char *path, off_t len, char *err, size_t errlen)
{
	int fd, rc = 0;

	if ((fd = fsutil_open_own(path, O_WRONLY, err, errlen)) == -1)
		return -1;
	if (ftruncate(fd, len) != 0)
		rc = fs_error(path, "truncate", err, errlen);
	close(fd);
	return rc;
}

/* Reads fd to its end into a buffer of at most max bytes plus a NUL. */
static int
fs_read_all(int fd, size_t max, char **buf, size_t *len)
{
	char chunk[8192];
	struct buf b;
	ssize_t r;

	buf_init(&b, max);
	for (;;) {
		if ((r = read(fd, chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (r == 0)
			break;
		if (buf_add(&b, chunk, (size_t)r) != 0) {
			if (errno == E2BIG)
				errno = EFBIG;
			goto fail;
		}
	}
	*len = buf_len(&b);
	if ((*buf = buf_take(&b)) == NULL)
		goto fail;
	return 0;
fail:
	buf_free(&b);
	return -1;
}

/* Reads all of the open fd (path's) and closes it; -1 with err. */
static int
fs_read_fd(int fd, const char *path, size_t max, char **buf, size_t *len,
    char *err, size_t errlen)
{
	int saved;

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
fsutil_read_capped(const char *path, size_t max, char **buf, size_t *len,
    char *err, size_t errlen)
{
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return fs_error(path, "open", err, errlen);
	return fs_read_fd(fd, path, max, buf, len, err, errlen);
}

int
fsutil_read_own(const char *path, size_t max, char **buf, size_t *len,
    char *err, size_t errlen)
{
	int fd;

	if ((fd = fsutil_open_own(path, O_RDONLY, err, errlen)) == -1)
		return -1;
	return fs_read_fd(fd, path, max, buf, len, err, errlen);
}

int
fsutil_reserve_tmp(
    const char *path, char *tmp, size_t tmplen, char *err, size_t errlen)
{
	char *name;
	int fd;

	if ((fd = fs_create_tmp(path, ".new.", &name, err, errlen)) == -1)
		return -1;
	close(fd);
	if (strlen(name) >= tmplen) {
		unlink(name);
		free(name);
		snprintf(err, errlen, "%s: name too long", path);
		return -1;
	}
	memcpy(tmp, name, strlen(name) + 1);
	free(name);
	return 0;
}

/*
 * Another owner (rrdcached running as its own user wrote the file) keeps
 * its mode: only the owner may change it, and the file is that daemon's.
 */
int
fsutil_adopt_file(const char *path, char *err, size_t errlen)
{
	mode_t mode = fs_file_mode();
	struct stat st;
	int fd, rc = 0;

	if ((fd = fsutil_open_own(path, O_RDONLY, err, errlen)) == -1)
		return -1;
	if (fstat(fd, &st) != 0)
		rc = fs_error(path, "fstat", err, errlen);
	else if (st.st_uid == geteuid() && (st.st_mode & 07777) != mode &&
	    fchmod(fd, mode) != 0)
		rc = fs_error(path, "fchmod", err, errlen);
	else if (fsync(fd) != 0)
		rc = fs_error(path, "fsync", err, errlen);
	close(fd);
	return rc;
}

/* Directories only, and through a link: data_dir may be one on purpose. */
int
fsutil_sync_path(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

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

/* The name of user id uid, or its number when it has none. */
static void
fs_user_name(uid_t uid, char *buf, size_t len)
{
	struct passwd pw, *found = NULL;
	char text[1024];

	if (getpwuid_r(uid, &pw, text, sizeof(text), &found) == 0 &&
	    found != NULL)
		snprintf(buf, len, "%s", found->pw_name);
	else
		snprintf(buf, len, "%ld", (long)uid);
}

/*
 * The owner counts as much as the mode: whoever owns the file may chmod
 * it open again, or put another secret in it.  Root's files are fine (an
 * /etc/planwatch kept by the administrator), and so are the user's own.
 */
int
fsutil_check_private(
    const char *what, const char *path, uid_t user, char *err, size_t errlen)
{
	char owner[64], runs_as[64], or_user[128] = "";
	struct stat st;

	if (stat(path, &st) != 0) {
		snprintf(err, errlen, "%s %s: %s", what, path, strerror(errno));
		return -1;
	}
	if (st.st_uid != 0 && st.st_uid != user) {
		fs_user_name(st.st_uid, owner, sizeof(owner));
		fs_user_name(user, runs_as, sizeof(runs_as));
		if (user != 0)
			snprintf(or_user, sizeof(or_user),
			    " or %s (uid %ld), the user planwatch runs as",
			    runs_as, (long)user);
		snprintf(err, errlen,
		    "%s %s: owned by %s (uid %ld), not by root%s; run chown "
		    "%s %s",
		    what, path, owner, (long)st.st_uid, or_user, runs_as, path);
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
