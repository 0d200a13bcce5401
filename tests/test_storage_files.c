/*
 * test_storage_files: the archive and chart files themselves.  A missing
 * directory fails and leaves nothing behind; a new archive has the
 * journals' mode under the umask (librrd alone makes it 0644); an archive
 * or a chart that is a symbolic link is refused, and a link planted at
 * the temporary name a chart was once drawn to is passed by: no target
 * is ever written.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <rrd.h>

#include "obs.h"
#include "period.h"
#include "render.h"
#include "store.h"
#include "target.h"
#include "unit/file_case.h"
#include "unit/storage_case.h"

static void
test_store_missing_dir(void **state)
{
	struct fixture *f = *state;
	struct obs_list *l = &f->l;
	size_t written = 99;
	char err[512];

	snprintf(f->path, sizeof(f->path), "%s/no/such/dir/gdp.rrd", f->dir);
	annual_list(l);
	err[0] = '\0';
	assert_int_equal(
	    store_update(f->path, FREQ_ANNUAL, l, &written, err, sizeof(err)),
	    -1);
	if (strstr(err, f->path) == NULL)
		fail_msg("err \"%s\" does not name %s", err, f->path);
	assert_int_equal(written, 0);
	assert_false(exists(f->path));
	assert_no_tmp(f->path);
	obs_list_clear(l);
}

/* ---- modes and links ------------------------------------------------ */

/*
 * Under the daemon's umask 027 an archive is 0640, as its journal is:
 * librrd 1.7.2 chmods a new archive to 0644 whatever the umask.  Built
 * anew (a revision, rebuild) too.
 */
static void
test_store_archive_mode(void **state)
{
	struct fixture *f = *state;
	mode_t old = umask(027);
	size_t written;
	struct stat st;
	char err[512];
	int rc;

	new_path(f, "gdp", f->path, sizeof(f->path));
	annual_list(&f->l);
	rc = store_update(
	    f->path, FREQ_ANNUAL, &f->l, &written, err, sizeof(err));
	umask(old);
	if (rc != 0)
		fail_msg("store_update: %s", err);
	assert_int_equal(stat(f->path, &st), 0);
	if ((st.st_mode & 07777) != 0640)
		fail_msg("%s: mode %03o under umask 027, not 640", f->path,
		    (unsigned)(st.st_mode & 07777));
	umask(077);
	rc = store_rebuild(
	    f->path, FREQ_ANNUAL, &f->l, &written, err, sizeof(err));
	umask(old);
	if (rc != 0)
		fail_msg("store_rebuild: %s", err);
	assert_int_equal(stat(f->path, &st), 0);
	if ((st.st_mode & 07777) != 0600)
		fail_msg("%s: mode %03o under umask 077, not 600", f->path,
		    (unsigned)(st.st_mode & 07777));
	assert_no_tmp(f->path);
}

/*
 * An archive planted as a link to another archive (another instance's,
 * collectd's): librrd's rrd_update_r opens by name and would write into
 * it.  Refused, the target's bytes unchanged; so is a rebuild (which
 * would replace the link) and a chart drawn from it.
 */
static void
test_store_refuses_link(void **state)
{
	struct fixture *f = *state;
	char victim[128], err[512] = "", *before, *after;
	size_t written, len, len2;

	new_path(f, "victim", victim, sizeof(victim));
	annual_list(&f->l);
	f->l.n = 3; /* 2015, 2020, 2021: an update would add 2022 on */
	if (store_update(
		victim, FREQ_ANNUAL, &f->l, &written, err, sizeof(err)) != 0)
		fail_msg("store_update: %s", err);
	before = slurp(victim, &len);
	new_path(f, "gdp", f->path, sizeof(f->path));
	assert_int_equal(symlink(victim, f->path), 0);
	obs_list_clear(&f->l);
	annual_list(&f->l);

	assert_int_equal(store_update(f->path, FREQ_ANNUAL, &f->l, &written,
			     err, sizeof(err)),
	    -1);
	assert_refused_link(err, f->path);
	assert_false(store_error_is_corruption(err));
	err[0] = '\0';
	assert_int_equal(store_rebuild(f->path, FREQ_ANNUAL, &f->l, &written,
			     err, sizeof(err)),
	    -1);
	assert_refused_link(err, f->path);
	assert_true(is_link(f->path));
	after = slurp(victim, &len2);
	if (len != len2 || memcmp(before, after, len) != 0)
		fail_msg("%s was written through the link %s", victim, f->path);
	free(before);
	free(after);
	assert_no_tmp(f->path);
}

/* A chart spec for the archive rrd drawn to png. */
static struct graph_spec
chart_spec(struct fixture *f, const struct indicator_conf *ic,
    const struct judgement *j, const char *rrd, const char *png)
{
	return (struct graph_spec){.ind = ic,
	    .j = j,
	    .rrd_path = rrd,
	    .png_path = png,
	    .width = 400,
	    .height = 150,
	    .latest = &f->l.v[f->l.n - 1],
	    .data_start = period_start(&f->l.v[0].period),
	    .data_end = period_end(&f->l.v[f->l.n - 1].period)};
}

/*
 * A chart was drawn by librrd to <png>.tmp, a name anyone could foresee,
 * opened by fopen (following a link), then renamed: a link planted at
 * <png>.tmp had librrd write the PNG into its target.  Now the image is
 * drawn in memory and written under a random name: the link is passed
 * by.  A link at the chart's own name is refused.
 */
static void
test_render_links(void **state)
{
	struct fixture *f = *state;
	struct indicator_conf ic = {.id = "x", .name = "X", .unit = "%"};
	struct judgement j = {0};
	char rrd[128], png[160], tmp[170], victim[170], err[512] = "";
	struct graph_spec spec;
	size_t written, len;
	char *bytes;

	new_path(f, "x", rrd, sizeof(rrd));
	annual_list(&f->l);
	if (store_update(rrd, FREQ_ANNUAL, &f->l, &written, err, sizeof(err)) !=
	    0)
		fail_msg("store_update: %s", err);
	snprintf(png, sizeof(png), "%s/x.png", f->dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", png);
	snprintf(victim, sizeof(victim), "%s/victim", f->dir);
	write_text(victim, "keep\n");
	assert_int_equal(symlink(victim, tmp), 0);
	spec = chart_spec(f, &ic, &j, rrd, png);
	if (render_graph(&spec, err, sizeof(err)) != 0)
		fail_msg("render_graph: %s", err);
	bytes = slurp(victim, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(bytes, "keep\n", 5);
	free(bytes);
	assert_false(is_link(png));
	bytes = slurp(png, &len);
	assert_true(len > 8 && memcmp(bytes, "\x89PNG", 4) == 0);
	free(bytes);

	assert_int_equal(unlink(png), 0);
	assert_int_equal(symlink(victim, png), 0);
	assert_int_equal(render_graph(&spec, err, sizeof(err)), -1);
	assert_refused_link(err, png);
	bytes = slurp(victim, &len);
	assert_int_equal(len, 5);
	free(bytes);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_store_missing_dir, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_archive_mode, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_store_refuses_link, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_render_links, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
