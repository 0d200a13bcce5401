/*
 * test_export_stamps: `planwatch export` draws and writes only what
 * changed.  Three indicators (a, b, c), each its own file feed, in a
 * configuration with both languages.  An export again with nothing
 * changed draws no chart, writes no page and leaves the tree byte for
 * byte and inode for inode as it was; one new observation of a, a changed
 * target of b, a note on c, an English name of a and a garbled stamp of b
 * each make exactly that indicator's files (and the dashboard's pages,
 * whose rows show it, and the plan's documents, which judge it) written
 * again, every other file untouched.  Runs
 * are counted from the log and files compared by inode and time, never
 * timed.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ftw.h>
#include <unistd.h>

#include <cmocka.h>

#include "integration/harness.h"

#define MAX_FILES 512

/* One file of the export: its path below the site, identity, bytes. */
struct file {
	char path[300];
	ino_t ino;
	struct timespec mtime;
	char *bytes;
	size_t len;
};

struct tree {
	struct file v[MAX_FILES];
	size_t n;
};

struct env {
	char dir[256];
	char conf[300];
	char site[300];
	char log[300];
	struct tree before;
};

/* nftw has no argument: the tree being read and the site's prefix. */
static struct tree *walking;
static size_t walk_prefix;

static int
walk_cb(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	struct file *f;

	(void)ftw;
	if (type != FTW_F)
		return 0;
	if (walking->n == MAX_FILES)
		return -1;
	f = &walking->v[walking->n++];
	snprintf(f->path, sizeof(f->path), "%s", path + walk_prefix);
	f->ino = st->st_ino;
	f->mtime = st->st_mtim;
	f->bytes = harness_read(path, &f->len);
	return f->bytes != NULL ? 0 : -1;
}

static void
tree_free(struct tree *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].bytes);
	t->n = 0;
}

static void
tree_read(const struct env *e, struct tree *t)
{
	tree_free(t);
	walking = t;
	walk_prefix = strlen(e->site) + 1;
	assert_int_equal(nftw(e->site, walk_cb, 16, FTW_PHYS), 0);
}

static const struct file *
tree_find(const struct tree *t, const char *path)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].path, path) == 0)
			return &t->v[i];
	return NULL;
}

static bool
same_file(const struct file *a, const struct file *b)
{
	return a->ino == b->ino && a->mtime.tv_sec == b->mtime.tv_sec &&
	    a->mtime.tv_nsec == b->mtime.tv_nsec && a->len == b->len &&
	    memcmp(a->bytes, b->bytes, a->len) == 0;
}

/* Whether path is one of indicator id's files (charts, pages, CSV,
 * stamps) or, with site, one of the dashboard's pages. */
static bool
belongs(const char *path, const char *id)
{
	const char *base = strrchr(path, '/');
	size_t n = strlen(id);

	base = base != NULL ? base + 1 : path;
	if (strcmp(base, id) == 0 ||
	    (strncmp(base, id, n) == 0 && base[n] == '.'))
		return true;
	/* The dashboard's pages show every indicator's row; the plan's
	 * documents judge every indicator. */
	return strcmp(base, "index.html") == 0 ||
	    strncmp(path, "report/", 7) == 0 ||
	    strcmp(base, "wall.html") == 0 || strcmp(base, ".site") == 0 ||
	    strstr(path, "group/") != NULL || strstr(path, "owner/") != NULL;
}

/*
 * Compares the tree now with e->before: every file not of id (NULL: of
 * none) untouched, the same set of files, and of id at least its plan
 * chart, its page and its stamps written again.  Then the tree now
 * becomes e->before.
 */
static void
expect_only(struct env *e, const char *id, bool chart)
{
	struct tree *now = calloc(1, sizeof(*now));
	char path[300];

	assert_non_null(now);
	tree_read(e, now);
	assert_int_equal(now->n, e->before.n);
	for (size_t i = 0; i < now->n; i++) {
		const struct file *was = tree_find(&e->before, now->v[i].path);

		assert_non_null(was);
		if (id == NULL || !belongs(was->path, id)) {
			if (!same_file(was, &now->v[i]))
				fail_msg("%s was written again", was->path);
		}
	}
	if (id != NULL) {
		/* Before and after the id. */
		const char *mine[][2] = {{"graph/", ".svg"},
		    {"graph/.stamps/", ""}, {"indicator/", ".html"},
		    {"en/indicator/", ".html"}, {".stamps/", ""}};

		for (size_t k = 0; k < sizeof(mine) / sizeof(*mine); k++) {
			if (!chart && k < 2)
				continue;
			snprintf(path, sizeof(path), "%s%s%s", mine[k][0], id,
			    mine[k][1]);
			if (same_file(tree_find(&e->before, path),
				tree_find(now, path)))
				fail_msg("%s was not written again", path);
		}
	}
	tree_free(&e->before);
	e->before = *now;
	free(now);
}

/* The feed of indicator id with years 2020 up to last. */
static void
write_feed(const struct env *e, const char *id, int last)
{
	char path[400], text[1024];
	size_t n = 0;

	n += (size_t)snprintf(text + n, sizeof(text) - n, "{\"data\": [");
	for (int y = 2020; y <= last; y++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "%s{\"year\": \"%d\", \"value\": %d}", y > 2020 ? ", " : "",
		    y, 100 + 7 * (y - 2020));
	snprintf(text + n, sizeof(text) - n, "]}");
	snprintf(path, sizeof(path), "%s/%s.json", e->dir, id);
	harness_write(path, text);
}

/* The configuration: b's target value and a's English name vary. */
static void
write_conf(const struct env *e, int b_target, const char *a_en)
{
	char text[4096];
	size_t n;

	n = (size_t)snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "plan:\n  name: {zh-CN: 测试规划, en: Test plan}\n"
	    "collectors:\n");
	for (const char *id = "abc"; *id != '\0'; id++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "  - {id: f%c, url: \"file://%s/%c.json\", format: json, "
		    "allow_file: true}\n",
		    *id, e->dir, *id);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "indicators:\n");
	for (const char *id = "abc"; *id != '\0'; id++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "  - id: %c\n"
		    "    name: {zh-CN: 指标%c, en: %s}\n"
		    "    unit: {zh-CN: 亿元, en: 100 million yuan}\n"
		    "    frequency: annual\n    collector: f%c\n"
		    "    stale_after: 3650d\n"
		    "    group: %s\n    owner: 区统计局\n"
		    "    selector: {observations: /data, period: /year, "
		    "value: /value}\n"
		    "    targets:\n      - {id: t, kind: reach, path: "
		    "compound, baseline: {period: \"2020\", value: 100}, "
		    "target: {period: \"2030\", value: %d}}\n",
		    *id, *id, *id == 'a' ? a_en : "Indicator", *id,
		    *id == 'c' ? "社会民生" : "经济发展",
		    *id == 'b' ? b_target : 200);
	harness_write(e->conf, text);
}

static void
run_ok(struct env *e, const char *const *args)
{
	assert_int_equal(harness_run_args(e->log, e->conf, args), 0);
}

/* An export; its log must say what was drawn and written. */
static void
export_expect(struct env *e, const char *charts, const char *pages)
{
	unlink(e->log);
	assert_int_equal(
	    harness_run_arg(e->log, e->conf, "export", e->site), 0);
	harness_log_has(e->log, charts);
	harness_log_has(e->log, pages);
	harness_log_clean(e->log);
}

static int
group_setup(void **state)
{
	static struct env e;

	if (harness_temp_dir(e.dir, sizeof(e.dir), "export-stamps") != 0 ||
	    getenv("PW_BINARY") == NULL)
		return -1;
	snprintf(e.conf, sizeof(e.conf), "%s/planwatch.yaml", e.dir);
	snprintf(e.site, sizeof(e.site), "%s/site", e.dir);
	snprintf(e.log, sizeof(e.log), "%s/run.log", e.dir);
	*state = &e;
	return 0;
}

static int
group_teardown(void **state)
{
	struct env *e = *state;

	tree_free(&e->before);
	harness_remove_dir(e->dir);
	return 0;
}

static void
test_first_export_draws_everything(void **state)
{
	struct env *e = *state;

	for (const char *id = "abc"; *id != '\0'; id++) {
		char one[2] = {*id, '\0'};

		write_feed(e, one, 2023);
	}
	write_conf(e, 200, "Indicator A");
	run_ok(e, (const char *const[]){"once", NULL});
	export_expect(e, "charts of 3 indicators drawn, 0 as stamped",
	    "6 indicator pages written, 0 as stamped; the dashboard's pages "
	    "written");
	tree_read(e, &e->before);
	assert_true(harness_exists(e->site, "graph/.stamps/a"));
	assert_true(harness_exists(e->site, ".stamps/.site"));
}

static void
test_export_again_writes_nothing(void **state)
{
	struct env *e = *state;

	export_expect(e, "charts of 0 indicators drawn, 3 as stamped",
	    "0 indicator pages written, 6 as stamped; the dashboard's pages "
	    "as stamped");
	expect_only(e, NULL, false);
}

static void
test_new_observation_redraws_its_indicator_only(void **state)
{
	struct env *e = *state;

	write_feed(e, "a", 2024);
	run_ok(e, (const char *const[]){"once", NULL});
	export_expect(e, "charts of 1 indicators drawn, 2 as stamped",
	    "2 indicator pages written, 4 as stamped; the dashboard's pages "
	    "written");
	expect_only(e, "a", true);
}

static void
test_changed_target_redraws_its_indicator_only(void **state)
{
	struct env *e = *state;

	write_conf(e, 250, "Indicator A");
	export_expect(e, "charts of 1 indicators drawn, 2 as stamped",
	    "2 indicator pages written, 4 as stamped");
	expect_only(e, "b", true);
}

static void
test_note_redraws_its_indicator_only(void **state)
{
	struct env *e = *state;

	run_ok(e,
	    (const char *const[]){"note", "add", "c", "2022",
		"a new method of counting", "--by", "tester", NULL});
	export_expect(e, "charts of 1 indicators drawn, 2 as stamped",
	    "2 indicator pages written, 4 as stamped");
	expect_only(e, "c", true);
}

static void
test_other_language_text_redraws_its_indicator_only(void **state)
{
	struct env *e = *state;

	write_conf(e, 250, "Indicator A (renamed)");
	export_expect(e, "charts of 1 indicators drawn, 2 as stamped",
	    "2 indicator pages written, 4 as stamped");
	expect_only(e, "a", true);
}

static void
test_garbled_stamps_redraw_that_one(void **state)
{
	struct env *e = *state;
	char path[400];

	/* A stamp cut short, and one of another indicator's digest. */
	snprintf(path, sizeof(path), "%s/graph/.stamps/b", e->site);
	harness_write(path, "planwatch-stamp 12");
	snprintf(path, sizeof(path), "%s/.stamps/b", e->site);
	harness_write(path, "\xff\xfe garbage\n");
	tree_read(e, &e->before);
	export_expect(e, "charts of 1 indicators drawn, 2 as stamped",
	    "2 indicator pages written, 4 as stamped; the dashboard's pages "
	    "as stamped");
	expect_only(e, "b", true);
	/* And a missing chart file: drawn again, with its siblings. */
	snprintf(path, sizeof(path), "%s/graph/c.history.png", e->site);
	assert_int_equal(unlink(path), 0);
	tree_read(e, &e->before);
	export_expect(e, "charts of 1 indicators drawn, 2 as stamped",
	    "0 indicator pages written, 6 as stamped");
	assert_true(harness_exists(e->site, "graph/c.history.png"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_export_draws_everything),
	    cmocka_unit_test(test_export_again_writes_nothing),
	    cmocka_unit_test(test_new_observation_redraws_its_indicator_only),
	    cmocka_unit_test(test_changed_target_redraws_its_indicator_only),
	    cmocka_unit_test(test_note_redraws_its_indicator_only),
	    cmocka_unit_test(
		test_other_language_text_redraws_its_indicator_only),
	    cmocka_unit_test(test_garbled_stamps_redraw_that_one),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
