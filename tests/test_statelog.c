/*
 * test_statelog: a state file kept as a snapshot and a log of changed
 * records (store/statelog.h).  Nothing on disk reads as no records; the
 * log's later lines win over the snapshot and over earlier lines; a torn
 * last line, a line that is not a record and a damaged snapshot are each
 * left out and the rest kept; appends grow only the log until it
 * outgrows the snapshot, then it is folded into the snapshot and emptied,
 * with the same records read back; a snapshot that is a symbolic link is
 * refused, and the file it points to is left alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "statelog.h"

struct env {
	char dir[256];
	char path[300]; /* the snapshot */
	char log[310];
};

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static off_t
size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : -1;
}

/* The etag of record key as read back, or NULL. */
static const char *
etag(json_t *o, const char *key)
{
	return json_string_value(
	    json_object_get(json_object_get(o, key), "etag"));
}

static json_t *
read_all(const struct env *e)
{
	char err[512] = "";
	json_t *o = NULL;

	assert_int_equal(
	    statelog_read(e->path, 1 << 20, &o, err, sizeof(err)), 0);
	assert_non_null(o);
	return o;
}

static void
nothing_on_disk_is_no_record(void **state)
{
	json_t *o = read_all(*state);

	assert_int_equal(json_object_size(o), 0);
	json_decref(o);
}

static void
later_lines_win(void **state)
{
	struct env *e = *state;
	json_t *o;

	put(e->path, "{\"a\": {\"etag\": \"1\"}, \"b\": {\"etag\": \"1\"}}");
	put(e->log,
	    "{\"k\":\"a\",\"v\":{\"etag\":\"2\"}}\n"
	    "{\"k\":\"c\",\"v\":{\"etag\":\"1\"}}\n"
	    "{\"k\":\"a\",\"v\":{\"etag\":\"3\"}}\n");
	o = read_all(e);
	assert_string_equal(etag(o, "a"), "3");
	assert_string_equal(etag(o, "b"), "1");
	assert_string_equal(etag(o, "c"), "1");
	assert_int_equal(json_object_size(o), 3);
	json_decref(o);
}

static void
bad_lines_left_out(void **state)
{
	struct env *e = *state;
	json_t *o;

	put(e->path, "{\"a\": {\"etag\": \"1\"}}");
	put(e->log,
	    "not json\n"
	    "{\"k\":\"a\"}\n"
	    "{\"k\":\"b\",\"v\":\"not an object\"}\n"
	    "{\"k\":7,\"v\":{}}\n"
	    "{\"k\":\"d\",\"v\":{\"etag\":\"1\"},\"x\":1}\n"
	    "{\"k\":\"a\",\"v\":{\"etag\":\"2\"}}\n"
	    "{\"k\":\"e\",\"v\":{\"etag\":\"torn");
	o = read_all(e);
	assert_string_equal(etag(o, "a"), "2");
	assert_null(json_object_get(o, "b"));
	assert_null(json_object_get(o, "d"));
	assert_null(json_object_get(o, "e")); /* torn: a crash mid-append */
	assert_int_equal(json_object_size(o), 1);
	json_decref(o);
}

static void
damaged_snapshot_keeps_the_log(void **state)
{
	struct env *e = *state;
	json_t *o;

	put(e->path, "{\"a\": {\"etag\": ");
	put(e->log, "{\"k\":\"b\",\"v\":{\"etag\":\"1\"}}\n");
	o = read_all(e);
	assert_null(json_object_get(o, "a"));
	assert_string_equal(etag(o, "b"), "1");
	json_decref(o);
	put(e->path, "[1, 2]"); /* JSON, but not records */
	o = read_all(e);
	assert_int_equal(json_object_size(o), 1);
	json_decref(o);
}

static void
lines_built_and_appended(void **state)
{
	struct env *e = *state;
	struct buf b;
	char err[512] = "";
	json_t *rec = json_pack("{s:s}", "etag", "\"v1\"\r\nX: y");
	json_t *o;
	const char *lines;
	size_t len;

	buf_init(&b, 1 << 20);

	assert_int_equal(statelog_line(&b, "a", rec), 0);
	assert_int_equal(statelog_line(&b, "b\n", rec), 0);
	json_decref(rec);
	lines = buf_str(&b);
	len = buf_len(&b);
	assert_int_equal(len, strlen(lines));
	/* One record per line, whatever the texts hold. */
	assert_non_null(strchr(lines, '\n'));
	assert_ptr_equal(
	    strchr(strchr(lines, '\n') + 1, '\n'), lines + len - 1);
	assert_int_equal(statelog_append(e->path, lines, len, 1 << 20, 1 << 20,
			     err, sizeof(err)),
	    0);
	buf_free(&b);
	assert_int_equal(size_of(e->path), -1); /* small: no fold yet */
	assert_int_equal(size_of(e->log), (off_t)len);
	o = read_all(e);
	assert_string_equal(etag(o, "a"), "\"v1\"\r\nX: y");
	assert_string_equal(etag(o, "b\n"), "\"v1\"\r\nX: y");
	json_decref(o);
}

static void
log_folded_once_larger_than_snapshot(void **state)
{
	struct env *e = *state;
	char err[512] = "", key[16];
	struct buf b;
	json_t *o, *rec = json_pack("{s:s}", "etag", "x");
	off_t snap;

	buf_init(&b, 1 << 20);

	put(e->path, "{\"a\": {\"etag\": \"1\"}, \"b\": {\"etag\": \"1\"}}");
	snap = size_of(e->path);
	assert_int_equal(statelog_line(&b, "a", rec), 0);
	/* Smaller than the snapshot: appended only. */
	assert_int_equal(statelog_append(e->path, buf_str(&b), buf_len(&b),
			     1 << 20, 1, err, sizeof(err)),
	    0);
	assert_int_equal(size_of(e->path), snap);
	assert_int_equal(size_of(e->log), (off_t)buf_len(&b));
	buf_reset(&b);
	for (int i = 0; i < 5; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		assert_int_equal(statelog_line(&b, key, rec), 0);
	}
	/* Now larger than the snapshot: folded, and the log emptied. */
	assert_int_equal(statelog_append(e->path, buf_str(&b), buf_len(&b),
			     1 << 20, 1, err, sizeof(err)),
	    0);
	buf_free(&b);
	json_decref(rec);
	assert_int_equal(size_of(e->log), 0);
	o = read_all(e);
	assert_string_equal(etag(o, "a"), "x");
	assert_string_equal(etag(o, "b"), "1");
	assert_string_equal(etag(o, "k4"), "x");
	assert_int_equal(json_object_size(o), 7);
	json_decref(o);
	/* fold_over 0 folds at once, even with nothing to add. */
	put(e->log, "{\"k\":\"b\",\"v\":{\"etag\":\"2\"}}\n");
	assert_int_equal(
	    statelog_append(e->path, NULL, 0, 1 << 20, 0, err, sizeof(err)), 0);
	assert_int_equal(size_of(e->log), 0);
	o = read_all(e);
	assert_string_equal(etag(o, "b"), "2");
	json_decref(o);
}

static void
write_all_empties_the_log(void **state)
{
	struct env *e = *state;
	char err[512] = "";
	json_t *o;

	put(e->log, "{\"k\":\"old\",\"v\":{\"etag\":\"1\"}}\n");
	assert_int_equal(
	    statelog_write_all(e->path, "{\"new\": {}}", 11, err, sizeof(err)),
	    0);
	assert_int_equal(size_of(e->log), 0);
	o = read_all(e);
	assert_non_null(json_object_get(o, "new"));
	assert_null(json_object_get(o, "old"));
	json_decref(o);
}

static void
snapshot_link_refused(void **state)
{
	struct env *e = *state;
	char target[320], err[512] = "";
	json_t *o = NULL;

	snprintf(target, sizeof(target), "%s/secret", e->dir);
	put(target, "root:x:0:0");
	assert_int_equal(symlink(target, e->path), 0);
	assert_int_equal(
	    statelog_read(e->path, 1 << 20, &o, err, sizeof(err)), -1);
	assert_null(o);
	assert_non_null(strstr(err, "symbolic link"));
	assert_int_equal(
	    statelog_append(e->path, NULL, 0, 1 << 20, 0, err, sizeof(err)),
	    -1);
	assert_int_equal(size_of(target), 10);
	unlink(target);
}

static void
over_the_cap_refused(void **state)
{
	struct env *e = *state;
	char err[512] = "";
	json_t *o = NULL;

	put(e->path, "{\"a\": {\"etag\": \"1\"}}");
	assert_int_equal(statelog_read(e->path, 8, &o, err, sizeof(err)), -1);
	assert_null(o);
	assert_true(statelog_cap(100000) > statelog_cap(1000));
}

static int
setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	const char *tmp = getenv("TMPDIR");

	if (e == NULL)
		return -1;
	snprintf(e->dir, sizeof(e->dir), "%s/test_statelog.XXXXXX",
	    tmp != NULL ? tmp : "/tmp");
	if (mkdtemp(e->dir) == NULL)
		return -1;
	snprintf(e->path, sizeof(e->path), "%s/state.json", e->dir);
	statelog_log_path(e->path, e->log, sizeof(e->log));
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	unlink(e->path);
	unlink(e->log);
	rmdir(e->dir);
	free(e);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		nothing_on_disk_is_no_record, setup, teardown),
	    cmocka_unit_test_setup_teardown(later_lines_win, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		bad_lines_left_out, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		damaged_snapshot_keeps_the_log, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		lines_built_and_appended, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		log_folded_once_larger_than_snapshot, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		write_all_empties_the_log, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		snapshot_link_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		over_the_cap_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
