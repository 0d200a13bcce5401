/*
 * config: planwatch's configuration as loaded from YAML (etc/planwatch.yaml
 * plus any files its "include" globs name).  This header is the data model;
 * config.c is the loader.  A configuration is immutable once loaded: reload
 * builds a new one and swaps it in only when it is valid.
 *
 * Relative paths (data_dir, graph_dir, state_dir, maildir, password_file and
 * file: URLs with a relative path) are resolved against the directory of the
 * file they appear in, so an example configuration works from any cwd.
 *
 * Collectors and indicators are found by id through an index (idindex.h)
 * built while the configuration is read and kept in it:
 * config_collector_index() and config_indicator_index() are O(1).
 */
#ifndef PLANWATCH_CONFIG_H
#define PLANWATCH_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "feed.h"
#include "log.h"
#include "period.h"
#include "tz.h"

struct idindex;

/* Where a configuration item was written: for messages. */
struct config_where {
	char *file;
	int line; /* 1-based */
	int column; /* 1-based */
};

/* One rrdcached of storage.rrdcached's list (docs/storage.md). */
struct storage_shard {
	char *name; /* [a-z0-9_-]{1,64}: what the key hashes (shardkey.h) */
	char *address; /* "unix:/path" or "host:port" */
	int line, column; /* of the name, for "first at" */
};

/* Most shards in storage.rrdcached's list. */
#define STORAGE_SHARDS_MAX 64

struct collector_conf {
	char *id;
	char *url; /* absolute; file:path is made file:///abs/path */
	char *format; /* "json" */
	double interval; /* seconds, > 0 */
	double jitter; /* seconds added at random, 0..jitter */
	double timeout; /* whole-transfer seconds */
	size_t max_bytes; /* body size cap */
	bool allow_file; /* file:// URLs only when true */
	double connect_timeout; /* seconds, default 10 */
	double low_speed_time; /* cut off below low_speed_limit for this
				  long (30 s) */
	long low_speed_limit; /* bytes per second (16) */
	long redirects; /* redirects followed, 0 (default): none */
	char *ca_file; /* CA bundle for https, NULL: the system's */
	char *auth_file; /* Authorization header value, first line */
	char *auth_env; /* or from this environment variable */
	unsigned fail_after; /* failures in a row before feed_error (3) */
	double retry_initial; /* first retry after a failure (60 s) */
	double retry_max; /* longest wait between retries (1 h) */
	struct config_where where;
};

enum target_kind {
	TARGET_REACH, /* a level by a deadline, from a baseline */
	TARGET_GROWTH, /* growth rate >= rate: yoy or cagr */
	TARGET_FLOOR, /* every period >= bound */
	TARGET_CEILING, /* every period <= bound */
	TARGET_DECLINE, /* every period below the previous one */
	TARGET_RISE, /* every period above the previous one */
};

enum target_path {
	PATH_LINEAR,
	PATH_COMPOUND,
};

enum target_direction {
	DIRECTION_UP,
	DIRECTION_DOWN,
};

enum growth_basis {
	BASIS_YOY, /* every period over the previous (a year earlier) */
	BASIS_CAGR, /* the average annual growth since the baseline */
};

enum target_method {
	METHOD_UNSD, /* ratio = (projected - base) / (target - base) */
	METHOD_OPENSDG, /* ratio = observed growth / required growth */
};

enum target_projection {
	PROJECTION_GROWTH, /* compound growth since the baseline */
	PROJECTION_TREND, /* weighted least squares over the last k periods */
};

/* What a rule target's final verdict asks of its periods (holds:). */
enum target_holds {
	HOLDS_EVERY, /* every period from "from" to "to" kept the rule */
	HOLDS_FINAL, /* the final period ("to") kept it */
};

/* How statuses are named (judgement.vocabulary; docs/targets.md). */
enum vocabulary {
	VOCABULARY_UNSD, /* UN Statistics Division / Open SDG style */
	VOCABULARY_PLAN, /* Chinese plan evaluations: 快于预期, 基本完成 */
};

/*
 * judgement: defaults for every target.  nearly_met is the tolerance of
 * "nearly met" (基本完成) in a final verdict, per family of kinds: reach a
 * share of the planned change (0.05), growth (yoy and cagr) percentage
 * points of growth (0.5), rules over a bound or the previous value
 * (floor, ceiling, decline, rise) the indicator's unit (0).
 */
struct judgement_conf {
	enum vocabulary vocabulary;
	double nearly_reach, nearly_growth, nearly_rule;
};

/*
 * One target.  Which fields mean something depends on the kind:
 *   reach:   baseline, target (period and value), path, direction, about,
 *            method, projection, thresholds
 *   growth:  basis, rate, rate_indicator; cagr also baseline (its value
 *            may be absent: baseline_observed) and
 *            target period (the deadline; target_value is computed as
 *            baseline * (1 + rate)^years), method, projection, thresholds;
 *            yoy also from/to
 *   floor, ceiling: bound, from, to
 *   decline, rise:  from, to
 * Every kind with a last period (a deadline, or "to") gets a final verdict
 * once it is over: nearly_met (its tolerance) and, for the kinds judged
 * period by period, holds.
 */
/* One year's own target (年度目标) of a target: see docs/targets.md. */
struct annual_target {
	int year;
	double value; /* in the unit of the series the target is judged on
			 (a growth target's: the year's growth, in %) */
};

/* Most annual targets one target may carry. */
#define ANNUAL_MAX 64

struct target_conf {
	char *id; /* unique within its indicator; defaults to the kind name */
	enum target_kind kind;
	enum target_path path;
	enum target_direction direction;
	struct period baseline_period;
	bool baseline_observed; /* true: the baseline value is the observation
				   of baseline_period, not configured */
	double baseline_value;
	struct period target_period;
	double target_value;
	enum growth_basis basis;
	double rate; /* growth: a fraction per year, 0.08 = 8 % */
	char *rate_indicator; /* growth: id of a published-rate indicator
				 (values in %), or NULL */
	size_t rate_indicator_index;
	double bound; /* floor, ceiling */
	bool has_from;
	struct period from; /* first period judged (bounds, yoy) */
	bool has_to;
	struct period to; /* last period judged (yoy) */
	double about; /* tolerance as a fraction, 0.1 = 10 % */
	enum target_method method;
	enum target_projection projection;
	int trend_periods; /* k for PROJECTION_TREND, default 5 */
	double on_track_ratio; /* default 0.95 */
	double at_risk_ratio; /* default 0.6 */
	double ahead_ratio; /* ahead of the path from here; NAN while read:
			       1.05 with vocabulary plan, none (INFINITY)
			       with unsd; not above on_track_ratio: none */
	double nearly_met; /* final verdict's tolerance, in the unit of the
			      kind's family (struct judgement_conf); NAN
			      while the configuration is read: the default */
	enum target_holds holds; /* rules: every period, or the final one */
	enum vocabulary vocabulary; /* judgement.vocabulary: its labels */
	struct annual_target *annual; /* by year, ascending; NULL when none */
	size_t nannual;
	/* plans: the plan the target belongs to, an index into
	 * config.plans (its plan: id, else the plan whose years hold its
	 * deadline year, else the only plan); SIZE_MAX when the
	 * configuration has no plans: list. */
	char *plan_id; /* plan: as written, or NULL */
	size_t plan;
	struct config_where plan_where; /* of plan:, when written */
	struct config_where where;
};

/*
 * What an indicator's values are, for its chart's value axis (graphs/):
 * whether it may go below zero, whether its ticks are whole numbers and
 * which way is up.
 */
enum quantity {
	QUANTITY_AMOUNT, /* a level that cannot be negative (GDP, a rate of
			    coverage or mortality): the default */
	QUANTITY_SIGNED, /* may be negative: growth rates, balances */
	QUANTITY_COUNT, /* whole things (people, enterprises): integer ticks */
	QUANTITY_RANK, /* a position, 1 the best: integer ticks, axis
			  inverted */
};

/* Whether an indicator's figures are real published ones, for the
 * chart's footer. */
enum figures {
	FIGURES_UNSTATED, /* the configuration does not say */
	FIGURES_PUBLISHED, /* every value is a published figure */
	FIGURES_ILLUSTRATIVE, /* every value is made up for an example */
	FIGURES_MIXED, /* some published, some illustrative */
};

/* Whether the plan marks an indicator binding (约束性) or anticipatory
 * (预期性). */
enum nature {
	NATURE_UNSTATED, /* the configuration does not say */
	NATURE_BINDING,
	NATURE_ANTICIPATORY,
};

/* The locales of what people read: locale:, a route's locale:, ?lang=. */
enum locale {
	LOCALE_ZH_CN, /* "zh-CN" */
	LOCALE_EN, /* "en" */
	LOCALE_COUNT,
};

/*
 * One plan of plans: (the 14th, 2021-2025; the 15th, 2026-2030): its id,
 * its name and its years, the first and last it covers (config_plans.h
 * tells which is in force on a day).
 */
struct plan_conf {
	char *id; /* [a-z0-9_]+ */
	char *name; /* in the configuration's locale */
	char *names[LOCALE_COUNT]; /* name's mapping, or NULL */
	long from, to; /* years, from <= to */
	struct config_where where;
};

/*
 * An indicator's texts in one locale (indicator_conf.words), as a mapping
 * of locale to text gave them; NULL where none did.  The plain fields
 * (name, unit, ...) hold the text in the configuration's own locale.
 */
struct indicator_words {
	char *name, *unit, *definition, *method;
	/* Its group's and owner's names here (chapters:, bureaus:),
	 * borrowed from conf->chapters and conf->bureaus; NULL: as
	 * written. */
	const char *group, *owner;
};

/*
 * A chapter (indicator group) or bureau (owner) and its names per locale
 * (top-level chapters: and bureaus:); the key is the text written on the
 * indicators, and the name in a locale not given.
 */
struct config_alias {
	char *key;
	char *names[LOCALE_COUNT]; /* NULL: the key */
	struct config_where where;
};

struct indicator_conf {
	char *id; /* [a-z0-9_]+ */
	char *name; /* in the configuration's locale (config_text.h reads
		       the others) */
	char *unit;
	char *group; /* may be NULL */
	char *owner; /* may be NULL */
	enum quantity quantity; /* for the chart's axis */
	char *source; /* who publishes the figures, or NULL */
	enum figures figures; /* published or illustrative */
	enum nature nature; /* binding or anticipatory, or unstated */
	/* What the indicator page tells about it (NULL: not said). */
	char *definition; /* what is measured */
	char *method; /* how it is computed or estimated */
	char *source_url; /* the publisher's table: http(s) */
	char *plan_quote; /* the plan's words of the target */
	long plan_line; /* the line of the plan quoted, or 0 */
	enum freq freq;
	char *collector; /* id of a collector; NULL when derived */
	size_t collector_index; /* index into config.collectors */
	struct feed_selector selector;
	char *derived; /* rrdtool RPN over other indicator ids, or NULL */
	double stale_after; /* seconds after a period's end by which its
			       value is expected; default per frequency */
	long alert_for; /* alerts.for for this indicator; 0: the global */
	struct indicator_words words[LOCALE_COUNT]; /* by enum locale */
	struct target_conf *targets;
	size_t ntargets;
	struct config_where where;
};

enum mail_transport {
	MAIL_NONE,
	MAIL_SMTP,
	MAIL_MAILDIR,
	MAIL_EXEC,
	MAIL_WEBHOOK,
};

enum severity {
	SEVERITY_INFO,
	SEVERITY_WARNING,
	SEVERITY_CRITICAL,
};

struct smtp_conf {
	enum mail_transport transport;
	char *url; /* smtp://host:port or smtps://host:port; webhook: http(s) */
	char *from; /* address */
	char *from_name; /* display name, may be NULL */
	char *username; /* may be NULL */
	char *password_file; /* may be NULL; first line is the password */
	char *password_env; /* or: an environment variable holding it */
	bool require_tls; /* STARTTLS must succeed (smtp://) */
	double timeout; /* seconds */
	char *maildir; /* for MAIL_MAILDIR */
	char **exec; /* for MAIL_EXEC: argv, exec[0] an absolute path */
	char *secret_file; /* MAIL_WEBHOOK: HMAC key, first line; or NULL */
	size_t nexec;
	double retry_initial,
	    retry_max; /* run: delivery back-off (60 s, 1 h) */
};

/* How often a route gets the scheduled "state of the plan" report. */
enum report_every {
	REPORT_NEVER,
	REPORT_DAILY, /* every working day (Monday to Friday) */
	REPORT_WEEKLY, /* Mondays */
	REPORT_MONTHLY, /* the first working day of each month */
};

/*
 * The plan office's documents a route is mailed (report_conf.documents),
 * bits in the order of enum evaldoc_kind (views/evaldoc.h).
 */
#define REPORT_DOC_ANNUAL (1u << 0)
#define REPORT_DOC_MIDTERM (1u << 1)
#define REPORT_DOC_FINAL (1u << 2)
#define REPORT_DOC_KINDS 3

struct report_conf {
	enum report_every every;
	int hour, minute; /* local time of day (TZ), 09:00 by default */
	unsigned documents; /* REPORT_DOC_* bits: each mailed once, as a PDF */
};

/*
 * What a route receives (route_conf.receives, bits): the people who decide
 * get the targets' statuses, operators the faults of the machinery.
 */
enum route_receives {
	RECEIVES_DECISIONS = 1u << 0, /* targets' statuses, data overdue */
	RECEIVES_OPERATIONS = 1u << 1, /* feeds failing, journals damaged */
};

struct route_conf {
	char **to;
	size_t nto;
	char **cc;
	size_t ncc;
	unsigned severities; /* bit (1u << enum severity) per severity */
	unsigned receives; /* enum route_receives bits (decisions) */
	char **owners; /* empty: every owner */
	size_t nowners;
	struct report_conf report; /* the scheduled report, if any */
	char *locale; /* its mail's language; NULL: the configuration's */
	struct config_where where;
};

/* Names of the statuses an alerts.severity mapping may name, in the
 * order of enum status (target.h); checked by test_alert_state. */
#define CONFIG_STATUS_NAMES                                                    \
	"not_met", "breach", "regressing", "off_track", "at_risk",             \
	    "nearly_met", "on_track", "ahead", "met", "no_data", "feed_error"
#define CONFIG_STATUSES                                                        \
	{                                                                      \
		CONFIG_STATUS_NAMES                                            \
	}
#define CONFIG_STATUS_MAX 16

/* alerts: how a status change becomes a notice (alert_state.h). */
struct alerts_conf {
	long for_count; /* evaluations a new status must hold (1) */
	double repeat_interval; /* seconds; 0: no repeats (7 days) */
	/* Severity per status index, or -1 for the default. */
	int severity[CONFIG_STATUS_MAX];
	/* Severity of a "data overdue" notice (key overdue, or stale as
	 * earlier versions named it), or -1 for the default (warning). */
	int overdue_severity;
};

struct config {
	char *path; /* the main file, as given */
	char *data_dir;
	char *graph_dir;
	char *state_dir;
	enum log_level log_level;
	bool log_kv; /* log_format: kv */
	double group_wait; /* run: quiet time before alerts are judged */
	double stop_timeout; /* run: SIGTERM waits this long for work (10 s) */
	bool graphs; /* draw each indicator's chart when it changes */
	long graph_width, graph_height; /* plan and history views (800x300) */
	long wall_refresh; /* seconds between the wall screen's reloads (60) */
	long dashboard_refresh; /* seconds between the dashboard's reloads
				   (300), 0: never */
	double revision_tolerance; /* relative; below it no revision (1e-9) */
	char *admin_token_file; /* bearer token of the admin endpoints */
	char *listen; /* run: the HTTP server's host:port, NULL: off */
	long http_max_connections; /* run: HTTP connections at once (256) */
	double http_header_timeout; /* run: seconds for a whole request (10) */
	char *dashboard_url; /* the dashboard as readers reach it, or NULL */
	char *rrdcached; /* storage.rrdcached: the daemon's address, or NULL */
	/* storage.rrdcached as a list: the shards archives are spread over
	 * (shardkey.h), or none; then rrdcached is NULL. */
	struct storage_shard *shards;
	size_t nshards;
	char *user, *group; /* run as root: become these once the port is
			       bound; NULL: stay */
	char *instance; /* [a-z0-9_]+: this instance's lock in a shared
			   data_dir (its indicators its own), or NULL */
	long max_transfers; /* transfers at once, whole process (32) */
	long max_per_host; /* connections per host (4) */
	char *locale; /* "zh-CN" or "en" */
	/* plan.name: the plan's full name, shown in every chart's footer
	 * and in reports; NULL when there is no plan section. */
	char *plan_name;
	char *plan_names[LOCALE_COUNT]; /* plan.name's mapping, or NULL */
	/* plans: one plan after another, by from; none (0) with plan: or
	 * no plan section, when the one plan's years are its targets'. */
	struct plan_conf *plans;
	size_t nplans;
	/* chapters: and bureaus:, their names in other locales. */
	struct config_alias *chapters;
	size_t nchapters;
	struct config_alias *bureaus;
	size_t nbureaus;
	/* timezone: the zone of every time shown to people (eval, the
	 * dashboard, e-mail); NULL: UTC.  Logs and JSON stay in UTC. */
	char *timezone;
	struct tz *tz;
	struct collector_conf *collectors;
	size_t ncollectors;
	struct indicator_conf *indicators;
	size_t nindicators;
	struct smtp_conf smtp;
	struct route_conf *routes;
	size_t nroutes;
	struct alerts_conf alerts;
	struct judgement_conf judgement;
	/* id -> index into collectors and indicators (the first defined,
	 * should one repeat: that configuration does not load).  NULL in a
	 * configuration put together by hand: the lookups find nothing. */
	struct idindex *collector_ids, *indicator_ids;
	/* Chapter (group) and bureau (owner) names -> their number, from 1
	 * in the order they first appear (html_filter_index's): built by
	 * config_load; NULL in a configuration put together by hand. */
	struct idindex *group_numbers, *owner_numbers;
	/* config_translated's answer, found once by config_load (it scans
	 * every indicator, and charts ask it per file); CONFIG_UNKNOWN in a
	 * configuration put together by hand: scanned at each call. */
	enum { CONFIG_UNKNOWN, CONFIG_SINGLE, CONFIG_TRANSLATED } translated;
};

/* A list of "file:line:column: message" lines. */
struct config_errors {
	char **v;
	size_t n;
};

/*
 * Loads path and the files it includes.  Returns the configuration, or
 * NULL with every problem found (not only the first) appended to errors
 * as "file:line:column: message".
 */
struct config *config_load(const char *path, struct config_errors *errors);
/* Frees a configuration; NULL is a no-op. */
void config_free(struct config *conf);
/* Frees the messages of errors (not errors itself). */
void config_errors_clear(struct config_errors *errors);
/* Finds an indicator by id, or NULL. */
const struct indicator_conf *config_indicator(
    const struct config *conf, const char *id);
/* True, with *i its index in conf->indicators, when indicator id exists. */
bool config_indicator_index(
    const struct config *conf, const char *id, size_t *i);
/* True, with *i its index in conf->collectors, when collector id exists. */
bool config_collector_index(
    const struct config *conf, const char *id, size_t *i);
/*
 * Warns, once per call, when routes exist but none receives operations:
 * feed failures are then only logged.  Called at start, on reload and
 * by check-config.
 */
void config_warn_routes(const struct config *conf);
/* Returns "info", "warning" or "critical". */
const char *severity_name(enum severity sev);
/* Returns "reach", "growth", "floor", ... as written in the configuration
 * (config_target.c holds the one table). */
const char *target_kind_name(enum target_kind kind);
/* Returns "amount", "signed", "count" or "rank", as written in the
 * configuration (config_indicator.c holds the one table). */
const char *quantity_name(enum quantity quantity);
/* Returns "published", "illustrative" or "mixed" as written in the
 * configuration, or "unstated" for FIGURES_UNSTATED. */
const char *figures_name(enum figures figures);
/* "unstated", "binding", "anticipatory". */
const char *nature_name(enum nature nature);

#endif
