/*
 * test_config_errors: broken configurations.  Each broken fixture in
 * tests/fixtures/config (found through PW_FIXTURES, unit/config_case.c)
 * must produce exactly the expected "file:line:column: message" lines,
 * compared by suffix so that the absolute fixture directory does not
 * matter; also a missing file, includes too deep, an include of a text
 * file (nothing of it quoted) and nesting past the cap.
 */
#include <limits.h>
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

#include "config.h"
#include "unit/config_case.h"

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* One broken fixture and every message it must produce, in order. */
struct error_case {
	const char *file;
	const char *const *want;
	size_t n;
};

static void
test_errors(void **state)
{
	const struct error_case *c = *state;
	char path[PATH_MAX], dir[PATH_MAX];

	expect_errors(fixture(c->file, path, sizeof(path)),
	    fixture("", dir, sizeof(dir)), c->want, c->n);
}

static void
test_missing_file(void **state)
{
	static const char *const want[] = {
	    "nope.yaml: cannot read: No such file or directory"};
	char path[PATH_MAX], dir[PATH_MAX];

	(void)state;
	expect_errors(fixture("nope.yaml", path, sizeof(path)),
	    fixture("", dir, sizeof(dir)), want, 1);
}

/* Writes d0.yaml ... d<n-1>.yaml in dir, each including the next. */
static void
write_chain(const char *dir, int n)
{
	char path[PATH_MAX];
	FILE *fp;

	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/d%d.yaml", dir, i);
		assert_non_null(fp = fopen(path, "w"));
		if (i + 1 < n)
			fprintf(fp, "include: d%d.yaml\n", i + 1);
		else
			fprintf(fp, "collectors: []\n");
		fclose(fp);
	}
}

static void
remove_chain(const char *dir, int n)
{
	char path[PATH_MAX];

	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/d%d.yaml", dir, i);
		unlink(path);
	}
	rmdir(dir);
}

static void
test_include_depth(void **state)
{
	static const char *const want[] = {
	    "d8.yaml:1:10: includes are nested more than 8 deep"};
	char dir[] = "/tmp/test_config.XXXXXX", path[PATH_MAX];
	char prefix[PATH_MAX];
	struct config *conf;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/d0.yaml", dir);
	write_chain(dir, 9); /* eight levels below the main file */
	conf = config_load(path, NULL);
	assert_non_null(conf);
	config_free(conf);
	write_chain(dir, 10);
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	expect_errors(path, prefix, want, 1);
	remove_chain(dir, 10);
}

/* Writes text to dir/name. */
static void
write_in(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

/*
 * An included file that is not a configuration (a text file, a password
 * file) is named, not quoted: nothing of its lines comes back.
 */
static void
test_include_of_a_text_file(void **state)
{
	static const char *const want[] = {
	    "notes.txt:1:1: not a planwatch configuration file (its top "
	    "level is not a mapping of keys)",
	    "passwd:1:1: not a planwatch configuration file (its top level "
	    "is not a mapping of keys)"};
	char dir[] = "/tmp/test_config.XXXXXX", path[PATH_MAX];
	char prefix[PATH_MAX];

	(void)state;
	assert_non_null(mkdtemp(dir));
	write_in(dir, "main.yaml",
	    "data_dir: d\nstate_dir: s\ngraph_dir: g\n"
	    "include: [notes.txt, passwd]\n");
	write_in(dir, "notes.txt", "Secret plan notes, line one\nline two\n");
	write_in(dir, "passwd", "root:x:0:0:root:/root:/bin/bash\n");
	snprintf(path, sizeof(path), "%s/main.yaml", dir);
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	expect_errors(path, prefix, want, 2);
	snprintf(path, sizeof(path), "%s/main.yaml", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/passwd", dir);
	unlink(path);
	rmdir(dir);
}

/*
 * 100,000 nested flow sequences: refused at the cap with its place, read
 * no further (libyaml's scanner costs the square of the depth).
 */
static void
test_nesting_capped(void **state)
{
	static const char *const want[] = {
	    "deep.yaml:1:67: nested more than 64 levels deep"};
	char dir[] = "/tmp/test_config.XXXXXX", path[PATH_MAX];
	char prefix[PATH_MAX];
	size_t n = 100000;
	char *text = malloc(2 * n + 8);

	(void)state;
	assert_non_null(text);
	assert_non_null(mkdtemp(dir));
	memcpy(text, "a: ", 3);
	memset(text + 3, '[', n);
	memset(text + 3 + n, ']', n);
	strcpy(text + 3 + 2 * n, "\n");
	write_in(dir, "deep.yaml", text);
	free(text);
	snprintf(path, sizeof(path), "%s/deep.yaml", dir);
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	expect_errors(path, prefix, want, 1);
	unlink(path);
	rmdir(dir);
}

static const char *const three_errors[] = {
    "three_errors.yaml:6:5: unknown key 'intervall' "
    "(did you mean 'interval'?)",
    "three_errors.yaml:11:16: expected annual, quarterly, monthly, "
    "daily, semiannual, weekly, four_monthly, ytd_monthly or "
    "ytd_quarterly, got \"yearly\"",
    "three_errors.yaml:16:41: expected a number, got \"abc\"",
};

static const char *const unknown_key[] = {
    "unknown_key.yaml:6:5: unknown key 'intreval' "
    "(did you mean 'interval'?)",
    "unknown_key.yaml:7:5: unknown key 'colour'",
    "unknown_key.yaml:14:52: unknown key 'valeu' "
    "(did you mean 'value'?)",
    "unknown_key.yaml:15:1: unknown key 'loglevel' "
    "(did you mean 'log_level'?)",
};

static const char *const wrong_types[] = {
    "wrong_types.yaml:2:11: expected a string, got a list",
    "wrong_types.yaml:4:3: expected a list, got a mapping",
    "wrong_types.yaml:7:12: unknown locale \"zh\" (expected zh-CN or en)",
    /* The collectors list was not a list, so "feed" is unknown. */
    "wrong_types.yaml:10:16: unknown collector 'feed'",
    "wrong_types.yaml:11:15: expected a mapping, got \"/data\"",
    "wrong_types.yaml:13:43: expected a number, got \"abc\"",
    "wrong_types.yaml:14:41: expected a number, got a list",
    "wrong_types.yaml:15:16: expected a tolerance from 0 to below 1, "
    "such as 0.1 or 10%, got \"1.5\"",
    "wrong_types.yaml:16:5: expected a mapping, got \"just a string\"",
    "wrong_types.yaml:18:9: expected an address or a list of "
    "addresses, got a mapping",
    "wrong_types.yaml:19:15: expected info, warning or critical, "
    "got \"urgent\"",
    "wrong_types.yaml:21:16: expected true or false, got \"maybe\"",
    "wrong_types.yaml:22:12: expected a duration such as 90s, 5m, "
    "1.5h or 1d, got \"soon\"",
};

static const char *const dup_ids[] = {
    "dup_ids.yaml:6:5: duplicate key 'format' "
    "(first at line 5, column 5)",
    "dup_ids.d/more.yaml:2:9: duplicate collector id 'feed' "
    "(first defined at dup_ids.yaml:3:5)",
    "dup_ids.d/more.yaml:6:9: duplicate indicator id 'gdp' "
    "(first defined at dup_ids.yaml:8:5)",
};

static const char *const missing_collector[] = {
    "missing_collector.yaml:11:16: unknown collector 'gdp_fed' "
    "(did you mean 'gdp_feed'?)",
    "missing_collector.yaml:17:16: unknown collector 'prices'",
};

static const char *const bad_period[] = {
    "bad_period.yaml:14:28: bad period: \"2020-13\": month 13 out "
    "of range",
};

static const char *const wrong_freq[] = {
    "wrong_freq.yaml:14:28: period \"2020-Q4\" is quarterly, but "
    "the indicator is annual",
    "wrong_freq.yaml:24:52: period \"2024-Q2\" is quarterly, but "
    "the indicator is ytd_monthly",
};

static const char *const file_url[] = {
    "file_url.yaml:4:10: file: URLs are off for this collector: "
    "set allow_file: true to read local files",
    "file_url.yaml:7:10: file: URLs are off for this collector: "
    "set allow_file: true to read local files",
    "file_url.yaml:11:10: unsupported URL "
    "\"ftp://example.org/gdp.json\": use http://, https:// or file:",
    "file_url.yaml:14:10: a file URL is file:///absolute/path or "
    "file:relative/path",
};

static const char *const password[] = {
    "password.yaml:7:3: 'password' is not allowed: write the "
    "password in a file of its own and name that file with password_file",
};

static const char *const syntax[] = {
    "syntax.yaml:5:11: did not find expected ',' or ']' "
    "(while parsing a flow sequence at line 4, column 10)",
};

static const char *const empty[] = {
    "empty.yaml:1:1: the file is empty",
};

static const char *const loop[] = {
    "loop_b.yaml:1:11: include loop: loop_a.yaml is already being read",
};

static const char *const main_only[] = {
    "main_only.d/settings.yaml:1:1: 'data_dir' is only allowed in "
    "the main configuration file",
    "main_only.d/settings.yaml:2:1: 'smtp' is only allowed in the "
    "main configuration file",
    "main_only.d/settings.yaml:6:1: 'timezone' is only allowed in the "
    "main configuration file",
    "main_only.d/settings.yaml:7:1: 'plan' is only allowed in the "
    "main configuration file",
};

static const char *const shards[] = {
    "shards.yaml:5:14: expected a shard name of 1 to 64 characters a-z, "
    "0-9, _ or -, got \"East\"",
    "shards.yaml:6:29: expected unix:/path/to/socket or host:port such as "
    "127.0.0.1:42217, got \"127.0.0.1\"",
    "shards.yaml:7:14: duplicate shard name 'east' (first at line 4, "
    "column 14)",
    "shards.yaml:8:30: duplicate shard address '127.0.0.1:42217' (shard "
    "'east' has it)",
    "shards.yaml:9:7: missing required key 'name'",
    "shards.yaml:10:7: expected a mapping, got \"just a string\"",
    "shards.yaml:11:50: unknown key 'port'",
};

static const char *const shards_empty[] = {
    "shards_empty.yaml:3:14: expected 1 to 64 shards ({name, address}), "
    "got 0",
};

static const char *const tz_unknown[] = {
    "timezone.yaml:4:11: unknown time zone 'Asia/Shangai': "
    "/usr/share/zoneinfo/Asia/Shangai: No such file or directory "
    "(Debian: apt-get install tzdata)",
};

static const char *const tz_outside[] = {
    "timezone_b.yaml:2:11: time zone name '../../etc/passwd': expected a "
    "name such as Asia/Shanghai (letters, digits, '_', '+', '-' and '/')",
};

static const char *const targets[] = {
    "targets.yaml:14:9: missing required key 'basis'",
    "targets.yaml:17:20: direction down contradicts the values: the "
    "target (1325.7) is above the baseline (902.27)",
    "targets.yaml:22:26: the target period must be after the "
    "baseline period",
    "targets.yaml:25:41: the target value equals the baseline value "
    "(5)",
    "targets.yaml:26:21: on_track (0.5) must be above at_risk (0.6), "
    "and at_risk 0 or more",
    "targets.yaml:29:9: duplicate target id 'reach' (first defined "
    "at targets.yaml:27:9): give each target an id",
    "targets.yaml:32:15: unknown target kind \"maximum\" "
    "(expected reach, growth, floor, ceiling, decline or rise)",
};

static const char *const values[] = {
    "values.yaml:5:13: expected json, csv, sdmx-csv, sdmx-json, "
    "json-stat, worldbank or nbs, got \"xml\"",
    "values.yaml:7:13: jitter (3600s) must be shorter than the "
    "interval (600s)",
    "values.yaml:8:14: duration \"0s\" must be more than 0",
    "values.yaml:9:16: expected a size above 0 such as 65536, 512k "
    "or 8M, got \"0\"",
    "values.yaml:10:9: invalid id \"Feed-2\": use lowercase "
    "letters, digits and _, at most 64",
    "values.yaml:13:15: expected a duration such as 90s, 5m, 1.5h "
    "or 1d, got \"1.5\"",
    "values.yaml:14:16: expected a size above 0 such as 65536, 512k "
    "or 8M, got \"8G\"",
    /* "data" (not a JSON Pointer) is checked against the collector's
     * format only once the selector has no mistake of its own. */
    "values.yaml:21:58: JSON pointer \"/a~2\": '~' must be followed "
    "by 0 or 1",
    "values.yaml:23:3: transport maildir needs a maildir",
    "values.yaml:24:9: expected an e-mail address such as "
    "name@example.org, got \"not an address\"",
    "values.yaml:26:9: expected at least one address",
    "values.yaml:27:9: expected an e-mail address such as "
    "name@example.org, got \"bad@\"",
    "values.yaml:28:15: expected at least one of info, warning or "
    "critical",
    "values.yaml:29:5: missing required key 'to'",
    "values.yaml:30:23: expected a whole number from 1 to 100000, got "
    "\"0\"",
    "values.yaml:31:22: expected a duration from 1s to 1h, got \"0.5s\"",
    "values.yaml:32:15: expected a whole number from 10 to 3600, got \"5\"",
    "values.yaml:33:20: expected a whole number from 0 to 86400, got "
    "\"-1\"",
};

static const char *const target_kinds[] = {
    "target_kinds.yaml:15:9: key 'rate' does not apply to a reach target",
    "target_kinds.yaml:23:34: the target value of a cagr target follows "
    "from baseline and rate",
    "target_kinds.yaml:24:9: missing required key 'rate'",
    "target_kinds.yaml:29:16: expected yoy or cagr, got \"average\"",
    "target_kinds.yaml:34:15: expected a growth rate such as 8% or 0.08, "
    "got \"abc\"",
    "target_kinds.yaml:40:13: the to period must not be before the from "
    "period",
    "target_kinds.yaml:44:15: a growth rate must be above -100%, got "
    "\"-100%\"",
    "target_kinds.yaml:45:9: key 'baseline' does not apply to a growth "
    "target with basis yoy",
    "target_kinds.yaml:49:9: trend_periods applies only with projection: "
    "trend",
    "target_kinds.yaml:54:24: expected a whole number of periods from 2 "
    "to 50, got \"1\"",
    "target_kinds.yaml:55:9: missing required key 'value'",
    "target_kinds.yaml:61:9: key 'basis' does not apply to a ceiling "
    "target",
    "target_kinds.yaml:66:25: unknown indicator 'gdp_grwth' (did you "
    "mean 'gdp_growth'?)",
    "target_kinds.yaml:71:25: indicator 'cpi' is monthly, but 'gdp' is "
    "annual: they must have the same frequency",
    "target_kinds.yaml:73:9: key 'rate' does not apply to a decline target",
    "target_kinds.yaml:78:25: rate_indicator 'gdp' is this indicator "
    "itself",
};

static const char *const derived[] = {
    "derived.yaml:25:5: a derived indicator has no collector",
    "derived.yaml:26:5: a derived indicator has no selector",
    "derived.yaml:31:14: unknown indicator 'frims' (did you mean "
    "'firms'?)",
    "derived.yaml:36:14: derived indicator 'itself' refers to itself",
    "derived.yaml:41:14: indicator 'firms_monthly' is monthly, but "
    "'other_freq' is annual: they must have the same frequency",
    "derived.yaml:46:14: empty item in the expression \"100,2,*,,\"",
    "derived.yaml:46:14: the expression \"100,2,*,,\" uses no indicator",
    "derived.yaml:47:5: missing required key 'collector'",
    "derived.yaml:47:5: missing required key 'selector'",
    "derived.yaml:55:14: the items of the expression \"firms, 2, *\" are "
    "separated by commas only, without blanks",
};

static const char *const derived_cycle[] = {
    "derived_cycle.yaml:7:14: derived indicators form a cycle: "
    "a -> b -> a",
    "derived_cycle.yaml:17:14: derived indicators form a cycle: "
    "d -> e -> f -> d",
};

static const char *const alerting[] = {
    "alerting.yaml:2:16: expected an http:// or https:// URL such as "
    "https://planwatch.cangshan.example, got \"ftp://planwatch.example.org\"",
    "alerting.yaml:5:8: transport webhook needs an http:// or https:// url",
    "alerting.yaml:9:21: expected never, day, week or month, got "
    "\"fortnight\"",
    "alerting.yaml:9:36: expected a local time of day such as \"09:00\", "
    "got \"9am\"",
    "alerting.yaml:11:13: missing required key 'every' or 'documents'",
    "alerting.yaml:11:18: expected a local time of day such as \"09:00\", "
    "got \"25:00\"",
    "alerting.yaml:13:27: expected decisions or operations, got "
    "\"leadership\"",
    "alerting.yaml:15:15: expected at least one of decisions or "
    "operations",
    "alerting.yaml:25:16: expected a whole number from 1 to 1000, got "
    "\"0\"",
};

static const char *const documents_errors[] = {
    "documents_errors.yaml:8:34: expected annual, midterm or final, got "
    "\"yearly\"",
    "documents_errors.yaml:10:42: document final named twice",
    "documents_errors.yaml:12:25: expected a list of annual, midterm or "
    "final, such as [annual, final]",
    "documents_errors.yaml:14:25: expected at least one of annual, "
    "midterm or final",
};

static const char *const verdicts_errors[] = {
    "verdicts_errors.yaml:17:21: expected a share of the planned change "
    "from 0 to below 1, such as 5% or 0.05, got \"1.5\"",
    "verdicts_errors.yaml:18:9: key 'holds' does not apply to a reach "
    "target",
    "verdicts_errors.yaml:23:21: expected percentage points of growth, 0 "
    "or more, such as 0.5, got \"0.5%\"",
    "verdicts_errors.yaml:24:16: expected every or final, got "
    "\"sometimes\"",
    "verdicts_errors.yaml:28:21: ahead (0.9) must be above on_track "
    "(0.95)",
    "verdicts_errors.yaml:30:15: expected unsd or plan, got \"sdg\"",
    "verdicts_errors.yaml:31:23: expected a share of the planned change "
    "from 0 to below 1, such as 5%, got \"100%\"",
    "verdicts_errors.yaml:31:37: expected a number, 0 or more, got \"-1\"",
    "verdicts_errors.yaml:31:41: unknown key 'bound'",
};

/* The keys the charts read: plan, quantity, figures and source. */
static const char *const chart_keys[] = {
    "chart_keys.yaml:5:3: unknown key 'years'",
    "chart_keys.yaml:15:15: expected amount, signed, count or rank, got "
    "\"percent\"",
    "chart_keys.yaml:16:14: expected published, illustrative or mixed, "
    "got \"estimated\"",
    "chart_keys.yaml:17:13: expected a string, got \"\"",
    "chart_keys.yaml:24:15: expected a string, got a list",
    /* The default's name is not a value to write. */
    "chart_keys.yaml:25:14: expected published, illustrative or mixed, "
    "got \"unstated\"",
    "chart_keys.yaml:26:13: expected a string, got a list",
    /* The indicator page's keys. */
    "chart_keys.yaml:29:17: expected an http:// or https:// URL of the "
    "published table, got \"ftp://stats.example.org/t1\"",
    "chart_keys.yaml:30:16: expected a whole number from 1 to 1000000, got "
    "\"0\"",
};

static const char *const plan_no_name[] = {
    "plan_no_name.yaml:3:3: unknown key 'title'",
    "plan_no_name.yaml:3:3: missing required key 'name'",
};

static const char *const plan_not_map[] = {
    "plan_not_map.yaml:2:7: expected a mapping, got "
    "\"某区“十四五”规划纲要\"",
};

/* Annual targets (年度目标) and the plan's mark (约束性 / 预期性). */
static const char *const annual_errors[] = {
    "annual_errors.yaml:11:13: expected binding or anticipatory, got "
    "\"mandatory\"",
    "annual_errors.yaml:18:18: year 2020 is outside the target's periods "
    "(2021 to 2025)",
    "annual_errors.yaml:18:35: expected a number, got \"lots\"",
    "annual_errors.yaml:18:52: year 2022 is given twice in annual",
    "annual_errors.yaml:18:63: year 2026 is outside the target's periods "
    "(2021 to 2025)",
    "annual_errors.yaml:18:74: expected a year such as 2021 as the key, got "
    "\"twenty\"",
    "annual_errors.yaml:24:28: year 2024 is outside the target's periods "
    "(2021 to 2023)",
    "annual_errors.yaml:27:9: key 'annual' does not apply to a decline "
    "target",
    "annual_errors.yaml:31:17: expected a mapping, got a list",
    /* The default's name is not a value to write. */
    "annual_errors.yaml:36:13: expected binding or anticipatory, got "
    "\"unstated\"",
    "annual_errors.yaml:43:17: annual targets need an annual indicator, "
    "this one is quarterly (a quarter's or a month's value is not the "
    "year's)",
};

/* Texts per locale (config_i18n.c): each mistake once. */
static const char *const i18n_errors[] = {
    "i18n_errors.yaml:4:9: name has no text in en, the configuration's "
    "locale",
    "i18n_errors.yaml:7:3: no indicator has group 经济发屏 (did you mean "
    "经济发展?)",
    "i18n_errors.yaml:8:3: no indicator has group 民生",
    "i18n_errors.yaml:8:7: expected a mapping of locale to text such as "
    "{en: ...}, got \"English\"",
    "i18n_errors.yaml:10:10: unknown locale \"fr\" (expected zh-CN or en)",
    "i18n_errors.yaml:17:31: expected a string, got \"\"",
    "i18n_errors.yaml:18:22: locale en is given twice",
    "i18n_errors.yaml:19:17: expected a text per locale, got an empty "
    "mapping",
    "i18n_errors.yaml:20:13: expected text, or a mapping of locale to text "
    "such as {zh-CN: ..., en: ...}, got a list",
    "i18n_errors.yaml:28:13: expected zh-CN or en, got \"fr\"",
};

static const char *const i18n_utf8[] = {
    "i18n_utf8.yaml:3:20: invalid leading UTF-8 octet",
};

static const char *const plans_errors[] = {
    "plans_errors.yaml:7:53: unknown key 'chair'",
    "plans_errors.yaml:8:47: to (2031) is before from (2035)",
    "plans_errors.yaml:9:30: years 2024-2027 overlap plan p14 (2021-2025)",
    "plans_errors.yaml:9:30: years 2024-2027 overlap plan p15 (2026-2030)",
    "plans_errors.yaml:10:10: duplicate plan id 'p14' (first defined at "
    "plans_errors.yaml:6:5)",
    "plans_errors.yaml:11:5: missing required key 'from'",
    "plans_errors.yaml:11:5: missing required key 'to'",
    "plans_errors.yaml:27:15: unknown plan p41 (did you mean p14?)",
    "plans_errors.yaml:28:9: target later of gdp: its deadline 2050 is in "
    "no plan of plans:; say which with plan:",
    "plans_errors.yaml:31:51: invalid id \"P-14\": use lowercase letters, "
    "digits and _, at most 64",
    "plans_errors.yaml:32:9: target bound of gdp has no deadline year to "
    "tell its plan; say which with plan:",
};

static const char *const plans_and_plan[] = {
    "plans_and_plan.yaml:6:5: plans: and plan: are both given: plan: is "
    "the form for one plan, keep plans:",
};

static const char *const plan_without_plans[] = {
    "plan_without_plans.yaml:19:15: plan p14 names no plan: there is no "
    "plans: list",
};

#define CASE(name, file)                                                       \
	static const struct error_case case_##name = {file, name, NITEMS(name)}
CASE(three_errors, "three_errors.yaml");
CASE(unknown_key, "unknown_key.yaml");
CASE(wrong_types, "wrong_types.yaml");
CASE(dup_ids, "dup_ids.yaml");
CASE(missing_collector, "missing_collector.yaml");
CASE(bad_period, "bad_period.yaml");
CASE(wrong_freq, "wrong_freq.yaml");
CASE(file_url, "file_url.yaml");
CASE(password, "password.yaml");
CASE(syntax, "syntax.yaml");
CASE(empty, "empty.yaml");
CASE(loop, "loop_a.yaml");
CASE(main_only, "main_only.yaml");
CASE(shards, "shards.yaml");
CASE(shards_empty, "shards_empty.yaml");
CASE(targets, "targets.yaml");
CASE(values, "values.yaml");
CASE(target_kinds, "target_kinds.yaml");
CASE(derived, "derived.yaml");
CASE(derived_cycle, "derived_cycle.yaml");
CASE(alerting, "alerting.yaml");
CASE(documents_errors, "documents_errors.yaml");
CASE(tz_unknown, "timezone.yaml");
CASE(tz_outside, "timezone_b.yaml");
CASE(verdicts_errors, "verdicts_errors.yaml");
CASE(chart_keys, "chart_keys.yaml");
CASE(plan_no_name, "plan_no_name.yaml");
CASE(plan_not_map, "plan_not_map.yaml");
CASE(annual_errors, "annual_errors.yaml");
CASE(i18n_errors, "i18n_errors.yaml");
CASE(i18n_utf8, "i18n_utf8.yaml");
CASE(plans_errors, "plans_errors.yaml");
CASE(plans_and_plan, "plans_and_plan.yaml");
CASE(plan_without_plans, "plan_without_plans.yaml");

#define ERROR_TEST(name)                                                       \
	{                                                                      \
		"errors_" #name, test_errors, NULL, NULL, (void *)&case_##name \
	}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_include_depth),
	    cmocka_unit_test(test_include_of_a_text_file),
	    cmocka_unit_test(test_nesting_capped),
	    ERROR_TEST(three_errors),
	    ERROR_TEST(unknown_key),
	    ERROR_TEST(wrong_types),
	    ERROR_TEST(dup_ids),
	    ERROR_TEST(missing_collector),
	    ERROR_TEST(bad_period),
	    ERROR_TEST(wrong_freq),
	    ERROR_TEST(file_url),
	    ERROR_TEST(password),
	    ERROR_TEST(syntax),
	    ERROR_TEST(empty),
	    ERROR_TEST(loop),
	    ERROR_TEST(main_only),
	    ERROR_TEST(shards),
	    ERROR_TEST(shards_empty),
	    ERROR_TEST(targets),
	    ERROR_TEST(values),
	    ERROR_TEST(target_kinds),
	    ERROR_TEST(derived),
	    ERROR_TEST(derived_cycle),
	    ERROR_TEST(alerting),
	    ERROR_TEST(documents_errors),
	    ERROR_TEST(tz_unknown),
	    ERROR_TEST(tz_outside),
	    ERROR_TEST(verdicts_errors),
	    ERROR_TEST(chart_keys),
	    ERROR_TEST(plan_no_name),
	    ERROR_TEST(plan_not_map),
	    ERROR_TEST(annual_errors),
	    ERROR_TEST(i18n_errors),
	    ERROR_TEST(i18n_utf8),
	    ERROR_TEST(plans_errors),
	    ERROR_TEST(plans_and_plan),
	    ERROR_TEST(plan_without_plans),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
