/*
 * test_fsutil: the file helpers that keep planwatch's own files from
 * being reached through a symbolic link planted in data_dir, state_dir or
 * graph_dir, and that give new files one mode.  A replaced file is never
 * written through a link at its name or at its temporary name; an append,
 * an own-file read and an own directory refuse a link, naming the path;
 * a FIFO in a file's place does not hang an open; every new file (written
 * whole, appended, reserved for librrd, adopted from it) gets 0644 less
 * the umask; a secret's file must be owned by root or the user planwatch
 * runs as (checked as root with a file given to nobody; skipped when the
 * test is not root).  Every test works in its own mkdtemp directory.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsutil.h"
#include "integration/harness.h"

#define NOBODY 65534

struct fixture {
	char dir[96];
	char path[128]; /* the file a test writes, in dir */
	char victim[128]; /* what a planted link points at, in dir/outside */
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char outside[112];

	if (f == NULL)
		return -1;
	if (harness_temp_dir(f->dir, sizeof(f->dir), "fsutil") != 0) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/state.json", f->dir);
	snprintf(outside, sizeof(outside), "%s/outside", f->dir);
	snprintf(f->victim, sizeof(f->victim), "%s/victim", outside);
	if (mkdir(outside, 0700) != 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	harness_remove_dir(f->dir);
	free(f);
	return 0;
}

static void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_true(fputs(text, fp) >= 0);
	assert_int_equal(fclose(fp), 0);
}

/* Fails unless path holds exactly text. */
static void
assert_holds(const char *path, const char *text)
{
	char buf[256] = "";
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	if (strcmp(buf, text) != 0)
		fail_msg("%s holds \"%s\", not \"%s\"", path, buf, text);
}

static void
assert_refused_link(const char *err, const char *path)
{
	char want[200];

	snprintf(want, sizeof(want), "%s: is a symbolic link, refused", path);
	if (strcmp(err, want) != 0)
		fail_msg("err \"%s\", not \"%s\"", err, want);
}

static mode_t
mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode & 07777;
}

static bool
is_link(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/* Entries in dir (the outside directory counted), dot files aside. */
static int
entries(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

/* ---- replacing a file ------------------------------------------------ */

/*
 * The old temporary name, <path>.tmp.<pid>, was opened with O_CREAT |
 * O_TRUNC and no O_NOFOLLOW: a link planted there had the new contents
 * written into its target, then was renamed over path.
 */
static void
test_write_atomic_passes_planted_tmp(void **state)
{
	struct fixture *f = *state;
	char tmp[160], err[256] = "";

	write_text(f->victim, "root's\n");
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", f->path, (long)getpid());
	assert_int_equal(symlink(f->victim, tmp), 0);
	if (fsutil_write_atomic(f->path, "{}\n", 3, err, sizeof(err)) != 0)
		fail_msg("fsutil_write_atomic: %s", err);
	assert_holds(f->victim, "root's\n");
	assert_false(is_link(f->path));
	assert_holds(f->path, "{}\n");
	assert_int_equal(entries(f->dir), 3); /* path, the link, outside */
}

/* A link at path itself is refused (a rename would only replace it). */
static void
test_write_atomic_refuses_link(void **state)
{
	struct fixture *f = *state;
	char err[256] = "";

	write_text(f->victim, "root's\n");
	assert_int_equal(symlink(f->victim, f->path), 0);
	assert_int_equal(
	    fsutil_write_atomic(f->path, "{}\n", 3, err, sizeof(err)), -1);
	assert_refused_link(err, f->path);
	assert_true(is_link(f->path));
	assert_holds(f->victim, "root's\n");
	assert_int_equal(entries(f->dir), 2);
}

/* Written whole: 0644 less the umask, like an appended journal. */
static void
test_write_atomic_mode(void **state)
{
	struct fixture *f = *state;
	static const mode_t masks[] = {027, 022, 077};
	static const mode_t want[] = {0640, 0644, 0600};
	char err[256] = "";

	for (size_t i = 0; i < 3; i++) {
		mode_t old = umask(masks[i]);
		int rc = fsutil_write_atomic(f->path, "x", 1, err, sizeof(err));

		umask(old);
		if (rc != 0)
			fail_msg("fsutil_write_atomic: %s", err);
		if (mode_of(f->path) != want[i])
			fail_msg("umask %03o: mode %03o, not %03o",
			    (unsigned)masks[i], (unsigned)mode_of(f->path),
			    (unsigned)want[i]);
	}
}

/* ---- appending, truncating, reading ---------------------------------- */

static void
test_append_refuses_link(void **state)
{
	struct fixture *f = *state;
	char err[256] = "", dangling[160];

	write_text(f->victim, "");
	assert_int_equal(symlink(f->victim, f->path), 0);
	assert_int_equal(
	    fsutil_append(f->path, "rec\n", 4, true, err, sizeof(err)), -1);
	assert_refused_link(err, f->path);
	assert_holds(f->victim, "");
	assert_int_equal(fsutil_truncate(f->path, 0, err, sizeof(err)), -1);
	assert_refused_link(err, f->path);

	/* A link to a file that does not exist yet: not created there. */
	snprintf(dangling, sizeof(dangling), "%s/other", f->dir);
	assert_int_equal(unlink(f->victim), 0);
	assert_int_equal(symlink(f->victim, dangling), 0);
	assert_int_equal(
	    fsutil_append(dangling, "rec\n", 4, true, err, sizeof(err)), -1);
	assert_refused_link(err, dangling);
	assert_int_equal(access(f->victim, F_OK), -1);
}

/* A new file appended to: the same mode as one written whole. */
static void
test_append_mode(void **state)
{
	struct fixture *f = *state;
	mode_t old = umask(027);
	char err[256] = "";
	int rc = fsutil_append(f->path, "rec\n", 4, true, err, sizeof(err));

	umask(old);
	if (rc != 0)
		fail_msg("fsutil_append: %s", err);
	assert_int_equal(mode_of(f->path), 0640);
}

/*
 * An own file is read only when it is no link; an operator's file
 * (configuration, a secret, an import) may be one.
 */
static void
test_read_own_refuses_link(void **state)
{
	struct fixture *f = *state;
	char err[256] = "", *buf = NULL;
	size_t len;

	write_text(f->victim, "secret\n");
	assert_int_equal(symlink(f->victim, f->path), 0);
	assert_int_equal(
	    fsutil_read_own(f->path, 100, &buf, &len, err, sizeof(err)), -1);
	assert_refused_link(err, f->path);
	assert_int_equal(errno, ELOOP);
	assert_null(buf);
	assert_int_equal(
	    fsutil_read_capped(f->path, 100, &buf, &len, err, sizeof(err)), 0);
	assert_string_equal(buf, "secret\n");
	free(buf);
	assert_int_equal(unlink(f->path), 0);
	assert_int_equal(
	    fsutil_read_own(f->path, 100, &buf, &len, err, sizeof(err)), -1);
	assert_int_equal(errno, ENOENT);
}

/* A FIFO planted in a file's place would block open(2) for ever. */
static void
test_open_own_refuses_fifo(void **state)
{
	struct fixture *f = *state;
	char err[256] = "";

	assert_int_equal(mkfifo(f->path, 0600), 0);
	assert_int_equal(
	    fsutil_open_own(f->path, O_WRONLY | O_APPEND, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "not a regular file, refused"));
	assert_int_equal(
	    fsutil_append(f->path, "rec\n", 4, false, err, sizeof(err)), -1);
	assert_non_null(strstr(err, f->path));
}

static void
test_opendir_own_refuses_link(void **state)
{
	struct fixture *f = *state;
	char err[256] = "", outside[128];
	DIR *d;

	snprintf(outside, sizeof(outside), "%s/outside", f->dir);
	assert_int_equal(symlink(outside, f->path), 0);
	assert_null(fsutil_opendir_own(f->path, err, sizeof(err)));
	assert_refused_link(err, f->path);
	assert_non_null(d = fsutil_opendir_own(outside, err, sizeof(err)));
	closedir(d);
	assert_int_equal(fsutil_refuse_symlink(f->path, err, sizeof(err)), -1);
	assert_refused_link(err, f->path);
	assert_int_equal(fsutil_refuse_symlink(outside, err, sizeof(err)), 0);
	assert_int_equal(fsutil_refuse_symlink(f->victim, err, sizeof(err)), 0);
}

/* ---- files a library writes by name ----------------------------------- */

/*
 * The reserved name is new, unforeseeable and ours; adopting a file
 * librrd chmodded to 0644 gives it the umask's mode; a link is refused.
 */
static void
test_reserve_and_adopt(void **state)
{
	struct fixture *f = *state;
	char a[160], b[160], prefix[160], err[256] = "";
	mode_t old = umask(027);

	assert_int_equal(
	    fsutil_reserve_tmp(f->path, a, sizeof(a), err, sizeof(err)), 0);
	assert_int_equal(
	    fsutil_reserve_tmp(f->path, b, sizeof(b), err, sizeof(err)), 0);
	snprintf(prefix, sizeof(prefix), "%s.new.", f->path);
	assert_int_equal(strncmp(a, prefix, strlen(prefix)), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(mode_of(a), 0640);
	assert_int_equal(chmod(a, 0644), 0);
	assert_int_equal(fsutil_adopt_file(a, err, sizeof(err)), 0);
	assert_int_equal(mode_of(a), 0640);
	umask(old);
	assert_int_equal(unlink(b), 0);
	assert_int_equal(symlink(a, b), 0);
	assert_int_equal(fsutil_adopt_file(b, err, sizeof(err)), -1);
	assert_refused_link(err, b);
	assert_int_equal(
	    fsutil_reserve_tmp(f->path, a, 10, err, sizeof(err)), -1);
	assert_int_equal(entries(f->dir), 3); /* a, b, outside */
}

/* ---- secrets ----------------------------------------------------------- */

/*
 * Whoever owns a secret's file may open it up again or put another
 * secret in it: only root's and the user's own are taken.  Needs root to
 * give the file away (chown); skipped otherwise.
 */
static void
test_check_private_owner(void **state)
{
	struct fixture *f = *state;
	char err[512] = "", want[300];

	if (geteuid() != 0) {
		print_message("not root: cannot chown a file to test owners\n");
		skip();
	}
	write_text(f->path, "s3cret\n");
	assert_int_equal(chmod(f->path, 0600), 0);
	assert_int_equal(
	    fsutil_check_private("auth_file", f->path, 0, err, sizeof(err)), 0);
	assert_int_equal(
	    fsutil_check_private("auth_file", f->path, 1000, err, sizeof(err)),
	    0); /* root's */
	assert_int_equal(chown(f->path, NOBODY, NOBODY), 0);
	assert_int_equal(fsutil_check_private(
			     "auth_file", f->path, NOBODY, err, sizeof(err)),
	    0); /* the user's own */
	assert_int_equal(
	    fsutil_check_private("auth_file", f->path, 0, err, sizeof(err)),
	    -1);
	snprintf(want, sizeof(want), "auth_file %s: owned by ", f->path);
	assert_int_equal(strncmp(err, want, strlen(want)), 0);
	assert_non_null(strstr(err, "(uid 65534), not by root;"));
	snprintf(want, sizeof(want), "run chown root %s", f->path);
	assert_non_null(strstr(err, want));
	assert_int_equal(
	    fsutil_check_private("auth_file", f->path, 1000, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "not by root or "));
	assert_non_null(strstr(err, "(uid 1000), the user planwatch runs as"));
	/* The mode is still checked for an owner that is fine. */
	assert_int_equal(chown(f->path, 0, 0), 0);
	assert_int_equal(chmod(f->path, 0640), 0);
	assert_int_equal(
	    fsutil_check_private("auth_file", f->path, 0, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "readable by others (mode 640)"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_write_atomic_passes_planted_tmp, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_write_atomic_refuses_link, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_write_atomic_mode, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_append_refuses_link, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_append_mode, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_read_own_refuses_link, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_open_own_refuses_fifo, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_opendir_own_refuses_link, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_reserve_and_adopt, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_check_private_owner, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
