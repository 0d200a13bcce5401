/*
 * test_config_load: valid configurations read by the YAML loader, field
 * by field: the full fixture (globals, collectors, indicators, targets,
 * mail), the target kinds, year-to-date frequencies, the judgement
 * section, the keys the charts read (quantity, source, figures, plan),
 * defaults, aliases and the accessors.  Fixtures are in
 * tests/fixtures/config (found through PW_FIXTURES, unit/config_case.c).
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

/* True when s ends with suffix at a path boundary. */
static bool
ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	if (lx > ls || strcmp(s + ls - lx, suffix) != 0)
		return false;
	return lx == ls || s[ls - lx - 1] == '/' || suffix[0] == '/';
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
	assert_int_equal(conf->wall_refresh, 120);
	assert_int_equal(conf->dashboard_refresh, 0);
	/* Loaded: times people read are in it (test_tz). */
	assert_string_equal(conf->timezone, "Asia/Shanghai");
	assert_non_null(conf->tz);
	assert_string_equal(tz_name(conf->tz), "Asia/Shanghai");
	assert_string_equal(conf->plan_name,
	    "福州市仓山区国民经济和社会发展第十四个五年规划和二〇三五年远景"
	    "目标纲要");
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
	assert_int_equal(ind->quantity, QUANTITY_AMOUNT);
	assert_string_equal(ind->source, "仓山区统计局 统计公报");
	assert_int_equal(ind->figures, FIGURES_PUBLISHED);
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
	/* Unset: an amount, of no stated source or figures. */
	assert_int_equal(ind->quantity, QUANTITY_AMOUNT);
	assert_null(ind->source);
	assert_int_equal(ind->figures, FIGURES_UNSTATED);
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
	/* By default a route is for the people who decide. */
	assert_int_equal(r->receives, RECEIVES_DECISIONS);
	r = &conf->routes[1];
	assert_int_equal(r->receives, RECEIVES_DECISIONS | RECEIVES_OPERATIONS);
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
	assert_int_equal(conf->nindicators, 10);
	ind = config_indicator(conf, "gdp");
	assert_null(ind->derived);
	assert_string_equal(ind->collector, "stats");
	assert_int_equal(ind->collector_index, 0);
	assert_true(ind->stale_after == 273 * 86400.0);
	assert_int_equal(ind->quantity, QUANTITY_AMOUNT);
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

/* What the charts read: quantity, source and figures; the plan's name. */
static void
test_chart_keys(void **state)
{
	struct config *conf = load_ok("kinds.yaml");
	const struct indicator_conf *ind;

	(void)state;
	ind = config_indicator(conf, "gdp_growth");
	assert_int_equal(ind->quantity, QUANTITY_SIGNED);
	assert_int_equal(ind->figures, FIGURES_MIXED);
	assert_null(ind->source);
	ind = config_indicator(conf, "hightech_firms");
	assert_int_equal(ind->quantity, QUANTITY_COUNT);
	assert_int_equal(ind->figures, FIGURES_ILLUSTRATIVE);
	assert_string_equal(ind->source, "示例数据（非公布值）");
	ind = config_indicator(conf, "gdp_rank");
	assert_int_equal(ind->quantity, QUANTITY_RANK);
	assert_int_equal(ind->figures, FIGURES_PUBLISHED);
	assert_string_equal(ind->source, "仓山区人民政府 “十四五”规划纲要");
	/* The indicator page's keys. */
	assert_string_equal(ind->source_url, "https://tjj.fujian.gov.cn/");
	assert_string_equal(
	    ind->plan_quote, "总量排名从全省第 18 位提升至第 13 位");
	assert_int_equal(ind->plan_line, 11);
	assert_non_null(strstr(ind->definition, "位次"));
	assert_non_null(strstr(ind->method, "排序"));
	/* A derived indicator: an amount unless it says otherwise. */
	ind = config_indicator(conf, "hightech_share_pct");
	assert_null(ind->definition);
	assert_null(ind->source_url);
	assert_int_equal(ind->plan_line, 0);
	assert_int_equal(ind->quantity, QUANTITY_AMOUNT);
	assert_int_equal(ind->figures, FIGURES_UNSTATED);
	/* No plan section. */
	assert_null(conf->plan_name);
	config_free(conf);
	assert_string_equal(quantity_name(QUANTITY_AMOUNT), "amount");
	assert_string_equal(quantity_name(QUANTITY_SIGNED), "signed");
	assert_string_equal(quantity_name(QUANTITY_COUNT), "count");
	assert_string_equal(quantity_name(QUANTITY_RANK), "rank");
	assert_string_equal(quantity_name((enum quantity)99), "unknown");
	assert_string_equal(figures_name(FIGURES_UNSTATED), "unstated");
	assert_string_equal(figures_name(FIGURES_PUBLISHED), "published");
	assert_string_equal(figures_name(FIGURES_ILLUSTRATIVE), "illustrative");
	assert_string_equal(figures_name(FIGURES_MIXED), "mixed");
	assert_string_equal(figures_name((enum figures)99), "unknown");
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
	assert_null(conf->plan_name);
	assert_int_equal(conf->log_level, LOG_LEVEL_INFO);
	assert_int_equal(conf->smtp.transport, MAIL_NONE);
	assert_true(conf->smtp.timeout == 30);
	assert_false(conf->smtp.require_tls);
	assert_int_equal(conf->http_max_connections, 256);
	assert_true(conf->http_header_timeout == 10);
	assert_int_equal(conf->wall_refresh, 60);
	assert_int_equal(conf->dashboard_refresh, 300);
	assert_int_equal(conf->ncollectors + conf->nindicators, 0);
	assert_int_equal(conf->nroutes, 0);
	config_free(conf);
}

/* storage.rrdcached's list form: each shard's name and address. */
static void
test_shards(void **state)
{
	struct config *conf = load_ok("shards_ok.yaml");

	(void)state;
	assert_null(conf->rrdcached);
	assert_int_equal(conf->nshards, 2);
	assert_string_equal(conf->shards[0].name, "east");
	assert_string_equal(conf->shards[0].address, "127.0.0.1:42217");
	assert_string_equal(conf->shards[1].name, "west-2_b");
	assert_string_equal(
	    conf->shards[1].address, "unix:/run/rrdcached-west.sock");
	/* A daemon resolves names its own way: data_dir is absolute. */
	assert_true(conf->data_dir[0] == '/');
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
	    cmocka_unit_test(test_chart_keys),
	    cmocka_unit_test(test_ytd),
	    cmocka_unit_test(test_verdict_keys),
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_shards),
	    cmocka_unit_test(test_aliases),
	    cmocka_unit_test(test_accessors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
