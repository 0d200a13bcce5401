/*
 * test_config: the YAML configuration loader against the fixtures in
 * tests/fixtures/config (found through PW_FIXTURES).  A valid
 * configuration is checked field by field; each broken one must produce
 * exactly the expected "file:line:column: message" lines, compared by
 * suffix so that the absolute fixture directory does not matter.
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

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* One broken fixture and every message it must produce, in order. */
struct error_case {
	const char *file;
	const char *const *want;
	size_t n;
};

static const char *
fixture(const char *name, char *buf, size_t len)
{
	const char *dir = getenv("PW_FIXTURES");

	snprintf(buf, len, "%s/config/%s", dir ? dir : "tests/fixtures", name);
	return buf;
}

/* True when s ends with suffix at a path boundary. */
static bool
ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	if (lx > ls || strcmp(s + ls - lx, suffix) != 0)
		return false;
	return lx == ls || s[ls - lx - 1] == '/' || suffix[0] == '/';
}

/*
 * True when msg is want once every copy of dir (the fixture directory,
 * however it was given) is taken out of it.
 */
static bool
same_message(const char *msg, const char *want, const char *dir)
{
	size_t ld = strlen(dir), lw = strlen(want);

	while (*msg != '\0') {
		if (ld > 0 && strncmp(msg, dir, ld) == 0) {
			msg += ld;
			continue;
		}
		if (lw == 0 || *msg != *want)
			return false;
		msg++;
		want++;
		lw--;
	}
	return lw == 0;
}

static void
print_errors(const struct config_errors *e)
{
	for (size_t i = 0; i < e->n; i++)
		print_message("  %s\n", e->v[i]);
}

/* Loads a fixture that must be valid. */
static struct config *
load_ok(const char *name)
{
	struct config_errors e = {NULL, 0};
	struct config *conf;
	char path[PATH_MAX];

	conf = config_load(fixture(name, path, sizeof(path)), &e);
	if (e.n > 0)
		print_errors(&e);
	assert_int_equal(e.n, 0);
	assert_non_null(conf);
	config_errors_clear(&e);
	return conf;
}

/*
 * Loads path, which must fail with exactly the messages of want, where
 * the files are named relative to dir.
 */
static void
expect_errors(
    const char *path, const char *dir, const char *const *want, size_t n)
{
	struct config_errors e = {NULL, 0};
	struct config *conf;
	bool ok = true;

	conf = config_load(path, &e);
	assert_null(conf);
	if (e.n != n)
		ok = false;
	for (size_t i = 0; ok && i < n; i++)
		ok = same_message(e.v[i], want[i], dir);
	if (!ok) {
		print_message("%s: got:\n", path);
		print_errors(&e);
		print_message("wanted:\n");
		for (size_t i = 0; i < n; i++)
			print_message("  %s\n", want[i]);
	}
	assert_true(ok);
	config_errors_clear(&e);
	assert_int_equal(e.n, 0);
	assert_null(e.v);
}

static void
test_errors(void **state)
{
	const struct error_case *c = *state;
	char path[PATH_MAX], dir[PATH_MAX];

	expect_errors(fixture(c->file, path, sizeof(path)),
	    fixture("", dir, sizeof(dir)), c->want, c->n);
}

static void
test_full_globals(void **state)
{
	struct config *conf = load_ok("full.yaml");

	(void)state;
	assert_true(ends_with(conf->path, "config/full.yaml"));
	assert_int_equal(conf->data_dir[0], '/');
	assert_true(ends_with(conf->data_dir, "fixtures/var/data"));
	assert_true(ends_with(conf->graph_dir, "fixtures/var/graphs"));
	assert_true(ends_with(conf->state_dir, "fixtures/var/state"));
	assert_int_equal(conf->log_level, LOG_LEVEL_DEBUG);
	assert_string_equal(conf->locale, "en");
	assert_int_equal(conf->http_max_connections, 64);
	assert_true(conf->http_header_timeout == 5);
	/* Loaded: times people read are in it (test_tz). */
	assert_string_equal(conf->timezone, "Asia/Shanghai");
	assert_non_null(conf->tz);
	assert_string_equal(tz_name(conf->tz), "Asia/Shanghai");
	config_free(conf);
}

static void
test_full_collectors(void **state)
{
	struct config *conf = load_ok("full.yaml");
	const struct collector_conf *c;

	(void)state;
	/* The main file's two, then the included one (include is last). */
	assert_int_equal(conf->ncollectors, 3);
	c = &conf->collectors[0];
	assert_string_equal(c->id, "gdp_feed");
	assert_true(strncmp(c->url, "file:///", 8) == 0);
	assert_true(ends_with(c->url, "/fixtures/config/feeds/gdp.json"));
	assert_string_equal(c->format, "json");
	assert_true(c->interval == 86400 && c->jitter == 30);
	assert_true(c->timeout == 60);
	assert_int_equal(c->max_bytes, 512 * 1024);
	assert_true(c->allow_file);
	assert_true(ends_with(c->where.file, "config/full.yaml"));
	assert_int_equal(c->where.line, 9);
	assert_int_equal(c->where.column, 5);
	c = &conf->collectors[1];
	assert_string_equal(c->url, "https://stats.example.org/api/gdp.json");
	assert_true(c->interval == 5400 && c->jitter == 0);
	assert_int_equal(c->max_bytes, 2 * 1024 * 1024);
	/* Every default. */
	c = &conf->collectors[2];
	assert_string_equal(c->id, "energy_feed");
	assert_string_equal(c->url, "http://127.0.0.1:8080/energy.json");
	assert_true(c->interval == 3600 && c->jitter == 0 && c->timeout == 30);
	assert_int_equal(c->max_bytes, 8 * 1024 * 1024);
	assert_false(c->allow_file);
	assert_true(
	    ends_with(c->where.file, "config/full.d/10-collectors.yaml"));
	assert_int_equal(c->where.line, 3);
	config_free(conf);
}

static void
test_full_indicators(void **state)
{
	struct config *conf = load_ok("full.yaml");
	const struct indicator_conf *ind;

	(void)state;
	assert_int_equal(conf->nindicators, 3);
	ind = config_indicator(conf, "gdp");
	assert_ptr_equal(ind, &conf->indicators[0]);
	assert_string_equal(ind->name, "地区生产总值");
	assert_string_equal(ind->unit, "亿元");
	assert_string_equal(ind->group, "经济发展");
	assert_string_equal(ind->owner, "区统计局");
	assert_int_equal(ind->freq, FREQ_ANNUAL);
	assert_string_equal(ind->collector, "gdp_feed");
	assert_int_equal(ind->collector_index, 0);
	assert_string_equal(ind->selector.observations, "/data");
	assert_string_equal(ind->selector.period, "/year");
	assert_string_equal(ind->selector.value, "/value");
	assert_null(ind->derived);
	assert_true(ind->stale_after == 273 * 86400.0);
	assert_int_equal(ind->where.line, 23);
	/* From the included file, naming collectors of both files. */
	ind = config_indicator(conf, "energy_intensity");
	assert_non_null(ind);
	assert_int_equal(ind->freq, FREQ_QUARTERLY);
	assert_int_equal(ind->collector_index, 2);
	assert_string_equal(ind->selector.observations, "");
	assert_null(ind->group);
	assert_null(ind->owner);
	assert_true(ind->stale_after == 120 * 86400.0);
	ind = config_indicator(conf, "retail");
	assert_int_equal(ind->freq, FREQ_MONTHLY);
	assert_true(ind->stale_after == 60 * 86400.0);
	assert_int_equal(ind->collector_index, 1);
	assert_int_equal(ind->ntargets, 0);
	assert_null(config_indicator(conf, "nope"));
	config_free(conf);
}

static void
test_full_targets(void **state)
{
	struct config *conf = load_ok("full.yaml");
	const struct indicator_conf *ind = config_indicator(conf, "gdp");
	const struct target_conf *t;

	(void)state;
	assert_int_equal(ind->ntargets, 2);
	t = &ind->targets[0];
	assert_string_equal(t->id, "gdp_2025");
	assert_int_equal(t->kind, TARGET_REACH);
	assert_int_equal(t->path, PATH_COMPOUND);
	assert_int_equal(t->direction, DIRECTION_UP);
	assert_int_equal(t->baseline_period.freq, FREQ_ANNUAL);
	assert_int_equal(t->baseline_period.year, 2020);
	assert_true(t->baseline_value == 902.27);
	assert_int_equal(t->target_period.year, 2025);
	assert_true(t->target_value == 1325.7);
	assert_true(t->about == 0.1);
	assert_true(t->on_track_ratio == 0.9 && t->at_risk_ratio == 0.5);
	assert_false(t->baseline_observed);
	assert_null(t->rate_indicator);
	assert_int_equal(t->rate_indicator_index, (size_t)-1);
	assert_int_equal(t->method, METHOD_UNSD);
	assert_int_equal(t->projection, PROJECTION_GROWTH);
	assert_int_equal(t->trend_periods, 5);
	assert_false(t->has_from || t->has_to);
	t = &ind->targets[1];
	assert_int_equal(t->path, PATH_LINEAR);
	assert_true(t->baseline_value == 1325 && t->target_value == 2000);
	assert_true(t->about == 0.05);
	assert_true(t->on_track_ratio == 0.95 && t->at_risk_ratio == 0.6);
	/* Defaults: id is the kind, direction follows the values. */
	t = &config_indicator(conf, "energy_intensity")->targets[0];
	assert_string_equal(t->id, "reach");
	assert_int_equal(t->direction, DIRECTION_DOWN);
	assert_int_equal(t->baseline_period.freq, FREQ_QUARTERLY);
	assert_int_equal(t->baseline_period.sub, 4);
	assert_int_equal(t->target_period.year, 2025);
	assert_true(t->about == 0);
	config_free(conf);
}

static void
test_full_mail(void **state)
{
	struct config *conf = load_ok("full.yaml");
	const struct smtp_conf *m = &conf->smtp;
	const struct route_conf *r;

	(void)state;
	assert_int_equal(m->transport, MAIL_SMTP);
	assert_string_equal(m->url, "smtps://mail.example.org:465");
	assert_string_equal(m->from, "planwatch@example.org");
	assert_string_equal(m->from_name, "planwatch 监测");
	assert_string_equal(m->username, "planwatch");
	assert_true(ends_with(
	    m->password_file, "/fixtures/config/secret/smtp-password"));
	assert_true(m->require_tls);
	assert_true(m->timeout == 45);
	assert_true(ends_with(m->maildir, "/fixtures/var/mail"));
	assert_int_equal(conf->nroutes, 3);
	r = &conf->routes[0];
	assert_int_equal(r->nto, 1);
	assert_string_equal(r->to[0], "leader@example.org");
	assert_int_equal(r->ncc, 2);
	assert_string_equal(r->cc[1], "deputy@example.org");
	assert_int_equal(r->severities, 1u << SEVERITY_CRITICAL);
	assert_int_equal(r->nowners, 1);
	assert_string_equal(r->owners[0], "区统计局");
	r = &conf->routes[1];
	assert_int_equal(
	    r->severities, 1u << SEVERITY_WARNING | 1u << SEVERITY_CRITICAL);
	assert_int_equal(r->ncc + r->nowners, 0);
	assert_int_equal(conf->routes[2].severities, 1u << SEVERITY_INFO);
	assert_int_equal(conf->routes[0].report.every, REPORT_NEVER);
	assert_int_equal(conf->routes[1].report.every, REPORT_MONTHLY);
	assert_int_equal(conf->routes[1].report.hour, 8);
	assert_int_equal(conf->routes[1].report.minute, 30);
	/* The link base loses its trailing slash: links add "/indicator". */
	assert_string_equal(
	    conf->dashboard_url, "https://planwatch.example.org");
	assert_int_equal(conf->indicators[0].alert_for, 3);
	/* Keys read before storage survive it. */
	assert_string_equal(conf->instance, "north");
	assert_string_equal(conf->user, "planwatch");
	assert_string_equal(conf->group, "planwatch");
	assert_string_equal(conf->rrdcached, "unix:/run/rrdcached.sock");
	config_free(conf);
}

/* The periods of kinds.yaml's targets. */
static void
assert_period(const struct period *p, enum freq freq, int year, int sub)
{
	assert_int_equal(p->freq, freq);
	assert_int_equal(p->year, year);
	assert_int_equal(p->sub, sub);
}

static void
test_kinds_growth(void **state)
{
	struct config *conf = load_ok("kinds.yaml");
	const struct indicator_conf *ind = config_indicator(conf, "gdp");
	const struct target_conf *t;

	(void)state;
	assert_int_equal(ind->ntargets, 4);
	t = &ind->targets[0];
	assert_string_equal(t->id, "gdp_yoy");
	assert_int_equal(t->kind, TARGET_GROWTH);
	assert_int_equal(t->basis, BASIS_YOY);
	assert_true(t->rate == 0.08);
	assert_string_equal(t->rate_indicator, "gdp_growth");
	assert_ptr_equal(&conf->indicators[t->rate_indicator_index],
	    config_indicator(conf, "gdp_growth"));
	assert_true(t->has_from && t->has_to);
	assert_period(&t->from, FREQ_ANNUAL, 2021, 0);
	assert_period(&t->to, FREQ_ANNUAL, 2025, 0);
	assert_false(t->baseline_observed);
	assert_true(t->on_track_ratio == 0.95 && t->at_risk_ratio == 0.6);
	assert_int_equal(t->method, METHOD_UNSD);
	assert_int_equal(t->projection, PROJECTION_GROWTH);
	assert_int_equal(t->trend_periods, 5);
	/* cagr: the target value follows from baseline and rate. */
	t = &ind->targets[1];
	assert_string_equal(t->id, "growth");
	assert_int_equal(t->basis, BASIS_CAGR);
	assert_true(t->rate == 0.2);
	assert_null(t->rate_indicator);
	assert_int_equal(t->rate_indicator_index, (size_t)-1);
	assert_false(t->baseline_observed);
	assert_period(&t->baseline_period, FREQ_ANNUAL, 2020, 0);
	assert_true(t->baseline_value == 100);
	assert_period(&t->target_period, FREQ_ANNUAL, 2025, 0);
	assert_float_equal(t->target_value, 248.832, 1e-9);
	assert_int_equal(t->path, PATH_COMPOUND);
	assert_int_equal(t->direction, DIRECTION_UP);
	assert_int_equal(t->method, METHOD_OPENSDG);
	assert_int_equal(t->projection, PROJECTION_TREND);
	assert_int_equal(t->trend_periods, 4);
	assert_true(t->about == 0.05);
	assert_true(t->on_track_ratio == 0.9 && t->at_risk_ratio == 0.5);
	assert_false(t->has_from || t->has_to);
	/* A falling rate, and a baseline taken from the data. */
	t = &ind->targets[2];
	assert_string_equal(t->id, "shrink");
	assert_true(t->rate == -0.025);
	assert_true(t->baseline_observed);
	assert_true(t->target_value == 0);
	assert_int_equal(t->direction, DIRECTION_DOWN);
	assert_int_equal(t->path, PATH_COMPOUND);
	config_free(conf);
}

static void
test_kinds_reach(void **state)
{
	struct config *conf = load_ok("kinds.yaml");
	const struct indicator_conf *ind = config_indicator(conf, "gdp");
	const struct target_conf *t;

	(void)state;
	/* Without a baseline value the direction is up unless stated. */
	t = &ind->targets[3];
	assert_string_equal(t->id, "reach_observed");
	assert_int_equal(t->kind, TARGET_REACH);
	assert_true(t->baseline_observed);
	assert_period(&t->baseline_period, FREQ_ANNUAL, 2020, 0);
	assert_true(t->target_value == 1325.7);
	assert_int_equal(t->direction, DIRECTION_UP);
	assert_int_equal(t->path, PATH_LINEAR);
	assert_int_equal(t->projection, PROJECTION_TREND);
	assert_int_equal(t->trend_periods, 5);
	t = &config_indicator(conf, "energy_intensity")->targets[1];
	assert_string_equal(t->id, "down");
	assert_true(t->baseline_observed);
	assert_int_equal(t->direction, DIRECTION_DOWN);
	assert_period(&t->target_period, FREQ_QUARTERLY, 2025, 4);
	t = &config_indicator(conf, "hightech_share")->targets[1];
	assert_false(t->baseline_observed);
	assert_true(t->baseline_value == 30 && t->target_value == 40);
	assert_int_equal(t->direction, DIRECTION_UP);
	config_free(conf);
}

static void
test_kinds_rules(void **state)
{
	struct config *conf = load_ok("kinds.yaml");
	const struct indicator_conf *ind;
	const struct target_conf *t;

	(void)state;
	ind = config_indicator(conf, "gdp_growth");
	assert_int_equal(ind->ntargets, 2);
	t = &ind->targets[0];
	assert_string_equal(t->id, "floor");
	assert_int_equal(t->kind, TARGET_FLOOR);
	assert_true(t->bound == 8);
	assert_true(t->has_from);
	assert_period(&t->from, FREQ_ANNUAL, 2021, 0);
	assert_false(t->has_to);
	assert_false(t->baseline_observed);
	t = &ind->targets[1];
	assert_string_equal(t->id, "ceiling");
	assert_int_equal(t->kind, TARGET_CEILING);
	assert_true(t->bound == 15.5);
	assert_false(t->has_from);
	ind = config_indicator(conf, "energy_intensity");
	t = &ind->targets[0];
	assert_string_equal(t->id, "decline");
	assert_int_equal(t->kind, TARGET_DECLINE);
	assert_true(t->has_from);
	assert_period(&t->from, FREQ_QUARTERLY, 2021, 1);
	t = &config_indicator(conf, "hightech_share")->targets[0];
	assert_string_equal(t->id, "rise");
	assert_int_equal(t->kind, TARGET_RISE);
	assert_false(t->has_from);
	assert_true(t->on_track_ratio == 0.95 && t->at_risk_ratio == 0.6);
	assert_int_equal(t->trend_periods, 5);
	config_free(conf);
}

static void
test_kinds_indicators(void **state)
{
	struct config *conf = load_ok("kinds.yaml");
	const struct indicator_conf *ind;

	(void)state;
	assert_int_equal(conf->nindicators, 9);
	ind = config_indicator(conf, "gdp");
	assert_null(ind->derived);
	assert_string_equal(ind->collector, "stats");
	assert_int_equal(ind->collector_index, 0);
	assert_true(ind->stale_after == 273 * 86400.0);
	assert_true(
	    config_indicator(conf, "gdp_growth")->stale_after == 200 * 86400.0);
	assert_true(config_indicator(conf, "energy_intensity")->stale_after ==
	    120 * 86400.0);
	assert_true(
	    config_indicator(conf, "retail")->stale_after == 60 * 86400.0);
	assert_true(
	    config_indicator(conf, "air_quality")->stale_after == 7 * 86400.0);
	/* Derived: no collector, ids of the included file. */
	ind = config_indicator(conf, "hightech_share");
	assert_string_equal(
	    ind->derived, "hightech_firms,industrial_firms,/,100,*");
	assert_null(ind->collector);
	assert_int_equal(ind->collector_index, (size_t)-1);
	assert_null(ind->selector.observations);
	assert_int_equal(ind->freq, FREQ_ANNUAL);
	assert_true(ind->stale_after == 273 * 86400.0);
	assert_int_equal(ind->ntargets, 2);
	/* Derived from a derived indicator. */
	ind = config_indicator(conf, "hightech_share_pct");
	assert_string_equal(ind->derived, "hightech_share,100,*,FLOOR,100,/");
	assert_int_equal(ind->collector_index, (size_t)-1);
	assert_int_equal(ind->ntargets, 0);
	assert_true(ends_with(ind->where.file, "config/kinds.d/firms.yaml"));
	config_free(conf);
}

/* Year-to-date frequencies, a year column, targets read in context. */
static void
test_ytd(void **state)
{
	struct config *conf = load_ok("ytd.yaml");
	const struct indicator_conf *ind;
	const struct target_conf *t;
	char from[PERIOD_TEXT_MAX], to[PERIOD_TEXT_MAX];

	(void)state;
	ind = config_indicator(conf, "retail_ytd");
	assert_int_equal(ind->freq, FREQ_YTD_MONTHLY);
	assert_string_equal(ind->selector.year, "年份");
	assert_true(ind->stale_after == 60 * 86400.0);
	t = &ind->targets[0];
	period_format(&t->from, from, sizeof(from));
	period_format(&t->to, to, sizeof(to));
	assert_string_equal(from, "2024-M01-M03");
	assert_string_equal(to, "2025-M01-M12");
	ind = config_indicator(conf, "gdp_ytd");
	assert_int_equal(ind->freq, FREQ_YTD_QUARTERLY);
	assert_true(ind->stale_after == 120 * 86400.0);
	t = &ind->targets[0];
	period_format(&t->from, from, sizeof(from));
	period_format(&t->to, to, sizeof(to));
	assert_string_equal(from, "2024-Q1-Q2");
	assert_string_equal(to, "2025-Q1-Q4");
	config_free(conf);
}

/* The judgement section applies to the targets read before it. */
static void
test_verdict_keys(void **state)
{
	struct config *conf = load_ok("verdicts.yaml");
	const struct target_conf *t = config_indicator(conf, "gdp")->targets;

	(void)state;
	assert_int_equal(conf->judgement.vocabulary, VOCABULARY_PLAN);
	assert_true(conf->judgement.nearly_reach == 0.1);
	assert_true(conf->judgement.nearly_growth == 0.25);
	assert_true(conf->judgement.nearly_rule == 0);
	for (int i = 0; i < 7; i++)
		assert_int_equal(t[i].vocabulary, VOCABULARY_PLAN);
	assert_true(t[0].nearly_met == 0.1); /* reach: the section's */
	assert_true(t[1].nearly_met == 0.02); /* its own */
	assert_true(t[2].nearly_met == 0.25); /* growth: the section's */
	assert_int_equal(t[2].holds, HOLDS_EVERY);
	assert_true(t[3].nearly_met == 1);
	assert_true(t[4].has_to);
	assert_period(&t[4].to, FREQ_ANNUAL, 2025, 0);
	assert_int_equal(t[4].holds, HOLDS_FINAL);
	assert_true(t[4].nearly_met == 0); /* rules: 0 by default */
	assert_true(t[0].ahead_ratio == 1.05); /* the plan's 快于预期 */
	assert_true(t[5].nearly_met == 0.5);
	assert_true(t[6].has_to);
	config_free(conf);
	/* Without the section: UNSD words, 5 %, 0.5 points, 0. */
	conf = load_ok("kinds.yaml");
	t = config_indicator(conf, "gdp_growth")->targets;
	assert_int_equal(conf->judgement.vocabulary, VOCABULARY_UNSD);
	assert_true(t[0].nearly_met == 0);
	assert_int_equal(t[0].vocabulary, VOCABULARY_UNSD);
	assert_true(isinf(t[0].ahead_ratio)); /* no "ahead" in unsd */
	config_free(conf);
}

static void
test_defaults(void **state)
{
	struct config *conf = load_ok("minimal.yaml");

	(void)state;
	assert_true(ends_with(conf->data_dir, "/fixtures/config/data"));
	assert_true(ends_with(conf->graph_dir, "/fixtures/config/graphs"));
	assert_true(ends_with(conf->state_dir, "/fixtures/config/state"));
	assert_string_equal(conf->locale, "zh-CN");
	/* No timezone: UTC, no zone file read. */
	assert_null(conf->timezone);
	assert_null(conf->tz);
	assert_int_equal(conf->log_level, LOG_LEVEL_INFO);
	assert_int_equal(conf->smtp.transport, MAIL_NONE);
	assert_true(conf->smtp.timeout == 30);
	assert_false(conf->smtp.require_tls);
	assert_int_equal(conf->http_max_connections, 256);
	assert_true(conf->http_header_timeout == 10);
	assert_int_equal(conf->ncollectors + conf->nindicators, 0);
	assert_int_equal(conf->nroutes, 0);
	config_free(conf);
}

static void
test_aliases(void **state)
{
	struct config *conf = load_ok("aliases.yaml");
	const struct indicator_conf *ind;

	(void)state;
	ind = config_indicator(conf, "gdp_per_capita");
	assert_string_equal(ind->unit, "亿元");
	assert_string_equal(ind->selector.value, "/value");
	assert_true(conf->collectors[0].interval == 86400);
	config_free(conf);
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

static void
test_accessors(void **state)
{
	struct config_errors e = {NULL, 0};
	char path[PATH_MAX];

	(void)state;
	assert_string_equal(severity_name(SEVERITY_INFO), "info");
	assert_string_equal(severity_name(SEVERITY_WARNING), "warning");
	assert_string_equal(severity_name(SEVERITY_CRITICAL), "critical");
	config_free(NULL);
	config_errors_clear(&e);
	/* Without a list the result alone tells. */
	assert_null(
	    config_load(fixture("empty.yaml", path, sizeof(path)), NULL));
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
    "wrong_types.yaml:7:11: expected a string, got a mapping",
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
    "alerting.yaml:11:13: missing required key 'every'",
    "alerting.yaml:11:18: expected a local time of day such as \"09:00\", "
    "got \"25:00\"",
    "alerting.yaml:21:16: expected a whole number from 1 to 1000, got "
    "\"0\"",
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
CASE(targets, "targets.yaml");
CASE(values, "values.yaml");
CASE(target_kinds, "target_kinds.yaml");
CASE(derived, "derived.yaml");
CASE(derived_cycle, "derived_cycle.yaml");
CASE(alerting, "alerting.yaml");
CASE(tz_unknown, "timezone.yaml");
CASE(tz_outside, "timezone_b.yaml");
CASE(verdicts_errors, "verdicts_errors.yaml");

#define ERROR_TEST(name)                                                       \
	{                                                                      \
		"errors_" #name, test_errors, NULL, NULL, (void *)&case_##name \
	}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_full_globals),
	    cmocka_unit_test(test_full_collectors),
	    cmocka_unit_test(test_full_indicators),
	    cmocka_unit_test(test_full_targets),
	    cmocka_unit_test(test_full_mail),
	    cmocka_unit_test(test_kinds_growth),
	    cmocka_unit_test(test_kinds_reach),
	    cmocka_unit_test(test_kinds_rules),
	    cmocka_unit_test(test_kinds_indicators),
	    cmocka_unit_test(test_ytd),
	    cmocka_unit_test(test_verdict_keys),
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_aliases),
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_include_depth),
	    cmocka_unit_test(test_include_of_a_text_file),
	    cmocka_unit_test(test_nesting_capped),
	    cmocka_unit_test(test_accessors),
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
	    ERROR_TEST(targets),
	    ERROR_TEST(values),
	    ERROR_TEST(target_kinds),
	    ERROR_TEST(derived),
	    ERROR_TEST(derived_cycle),
	    ERROR_TEST(alerting),
	    ERROR_TEST(tz_unknown),
	    ERROR_TEST(tz_outside),
	    ERROR_TEST(verdicts_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
