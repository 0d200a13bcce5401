/*
 * test_route_locale: a locale per route (issue 19, item 6).  One feed
 * breaks its floor; `once` delivers into a Maildir one message to the
 * leadership route (the configuration's locale, zh-CN) naming the
 * indicator, its bureau and the plan in Chinese, and one to a visitor's
 * route with locale: en naming them in English, with no Chinese
 * character anywhere in it.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "integration/harness.h"

struct env {
	char dir[256], conf[600], log[600];
};

static const char below_floor[] =
    "{\"data\": [{\"year\": \"2024\", \"value\": 83}]}";

static void
write_conf(const struct env *e)
{
	char text[4096];

	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "graphs: false\nlog_level: info\ngroup_wait: 0s\n"
	    "locale: zh-CN\n"
	    "plan:\n  name: {zh-CN: 测试区规划, en: Test District Plan}\n"
	    "chapters:\n  社会民生: {en: Social welfare}\n"
	    "bureaus:\n  区卫健委: {en: District Health Commission}\n"
	    "smtp:\n  transport: maildir\n  maildir: mail\n"
	    "  from: planwatch@cangshan.example\n"
	    "routes:\n  - to: [leadership@cangshan.example]\n"
	    "  - to: [visitor@example.org]\n    locale: en\n"
	    "collectors:\n"
	    "  - {id: fa, url: \"file://%s/a.json\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n"
	    "  - {id: a, name: {zh-CN: 甲指标, en: Indicator A}, unit: "
	    "{zh-CN: 张床位, en: beds}, frequency: annual, group: 社会民生, "
	    "owner: 区卫健委, collector: fa, stale_after: 3650d, selector: "
	    "{observations: /data, period: /year, value: /value}, targets: "
	    "[{id: floor_90, kind: floor, value: 90}]}\n",
	    e->dir);
	harness_write(e->conf, text);
}

static int
setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	char path[700];

	assert_non_null(e);
	assert_int_equal(harness_temp_dir(e->dir, sizeof(e->dir), "rloc"), 0);
	snprintf(e->conf, sizeof(e->conf), "%s/planwatch.yaml", e->dir);
	snprintf(e->log, sizeof(e->log), "%s/run.log", e->dir);
	snprintf(path, sizeof(path), "%s/a.json", e->dir);
	harness_write(path, below_floor);
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	harness_remove_dir(e->dir);
	free(e);
	return 0;
}

/* The text of the one message delivered to rcpt; fails unless one was. */
static char *
mail_to(const struct env *e, const char *rcpt)
{
	char dir[700], file[1000], to[300], *found = NULL, *text;
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof(dir), "%s/mail/new", e->dir);
	snprintf(to, sizeof(to), "\nTo: %s\r\n", rcpt);
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "%s/%s", dir, de->d_name);
		text = harness_read(file, NULL);
		assert_non_null(text);
		if (strstr(text, to) != NULL) {
			n++;
			free(found);
			found = text;
		} else
			free(text);
	}
	closedir(d);
	if (n != 1)
		fail_msg("%d messages to %s", n, rcpt);
	return found;
}

static void
has(const char *text, const char *what)
{
	if (strstr(text, what) == NULL)
		fail_msg("no \"%s\" in:\n%s", what, text);
}

/* Fails, showing the first, if text holds a CJK character (U+3000 to
 * U+9FFF, U+FF00 to U+FFEF: ideographs and their punctuation). */
static void
no_cjk(const char *text)
{
	const unsigned char *u = (const unsigned char *)text;

	for (size_t i = 0; u[i] != '\0'; i++) {
		unsigned cp;

		if (u[i] < 0xe0 || u[i] >= 0xf0 || u[i + 1] == '\0' ||
		    u[i + 2] == '\0')
			continue;
		cp = (u[i] & 0x0fu) << 12 | (u[i + 1] & 0x3fu) << 6 |
		    (u[i + 2] & 0x3fu);
		if ((cp >= 0x3000 && cp <= 0x9fff) ||
		    (cp >= 0xff00 && cp <= 0xffef))
			fail_msg("a CJK character at \"%.40s\" in:\n%s",
			    text + i, text);
	}
}

static void
test_each_route_in_its_locale(void **state)
{
	struct env *e = *state;
	char *lead, *visitor;

	write_conf(e);
	assert_int_equal(harness_run(e->log, e->conf, "check-config"), 0);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_clean(e->log);

	lead = mail_to(e, "leadership@cangshan.example");
	has(lead, "* 甲指标");
	has(lead, "责任单位：区卫健委");
	has(lead, "《测试区规划》");
	has(lead, "张床位");
	free(lead);

	visitor = mail_to(e, "visitor@example.org");
	has(visitor, "* Indicator A");
	has(visitor, "responsible bureau: District Health Commission");
	has(visitor, "Test District Plan");
	has(visitor, "beds");
	no_cjk(visitor);
	free(visitor);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_each_route_in_its_locale, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
