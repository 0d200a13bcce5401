/*
 * config: loads planwatch's YAML configuration into the structures of
 * config.h.  The main file holds the global settings; "include" globs name
 * further files (sorted, relative to the including file) that hold only
 * collectors, indicators, routes and more includes.  Each section is a
 * table of keys and handlers (config_yaml.c walks the tables and reports
 * unknown, duplicate and missing keys); the handlers here check values
 * against the schema.  Nothing stops at the first mistake: every error is
 * appended as "file:line:column: message" and loading goes on, so one run
 * of "planwatch check-config" shows them all.  Checks that span files
 * run at the end: an indicator's collector, a growth target's
 * rate_indicator and the indicators a derived indicator computes from may
 * be defined in any file.
 */
#include <errno.h>
#include <glob.h>
#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include <jansson.h>

#include "config.h"
#include "json_pointer.h"
#include "config_target.h"
#include "config_yaml.h"

#define INCLUDE_DEPTH_MAX 8 /* levels of include below the main file */
#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* clang-format off */
#define KEY(name, fn) {name, fn, 0, false, NULL}
#define REQUIRED(name, fn) {name, fn, 0, true, NULL}
#define FIELD(name, fn, type, member) \
	{name, fn, offsetof(type, member), false, NULL}
#define FIELD_REQUIRED(name, fn, type, member) \
	{name, fn, offsetof(type, member), true, NULL}
#define REFUSE(name, why) {name, NULL, 0, false, why}
/* clang-format on */

#define ONLY_MAIN "is only allowed in the main configuration file"

/* What an id in one indicator names in another part of the configuration. */
enum ref_kind {
	REF_COLLECTOR, /* the indicator's collector */
	REF_RATE, /* a growth target's rate_indicator */
	REF_DERIVED, /* the indicators of a derived expression */
	REF_SELECTOR, /* the selector, checked by its collector's format */
};

/* A reference by id, checked once every file has been read. */
struct ref {
	enum ref_kind kind;
	size_t indicator; /* index of the indicator it is written in */
	size_t target; /* index of its target, for REF_RATE */
	struct config_where where; /* of the id or expression */
};

/* Expected publication delay by frequency, the default stale_after. */
static const double stale_after_days[] = {
    /* A year's value is expected by 1 October of the next year. */
    [FREQ_ANNUAL] = 273,
    [FREQ_QUARTERLY] = 120,
    [FREQ_MONTHLY] = 60,
    [FREQ_DAILY] = 7,
    [FREQ_SEMIANNUAL] = 150,
    [FREQ_WEEKLY] = 21,
    [FREQ_FOUR_MONTHLY] = 135,
    /* Cumulative releases come with the month's or quarter's own. */
    [FREQ_YTD_MONTHLY] = 60,
    [FREQ_YTD_QUARTERLY] = 120,
};

struct loader {
	struct config *conf;
	struct config_errors *errors;
	char *stack[INCLUDE_DEPTH_MAX + 1]; /* real paths of files open */
	int depth;
	struct ref *refs;
	size_t nrefs;
	bool freq_ok; /* the indicator being read has a valid frequency */
	enum freq freq;
	/* id -> index of its first definition: jansson objects used as hash
	 * tables, because pairwise checks made loading 10,000 feeds
	 * quadratic (bench/fetch). */
	json_t *collector_ids, *indicator_ids;
};

static const char *const severity_names[] = {
    [SEVERITY_INFO] = "info",
    [SEVERITY_WARNING] = "warning",
    [SEVERITY_CRITICAL] = "critical",
};
static const char *const locales[] = {"zh-CN", "en"};
static const char *const transports[] = {
    [MAIL_NONE] = "none",
    [MAIL_SMTP] = "smtp",
    [MAIL_MAILDIR] = "maildir",
    [MAIL_EXEC] = "exec",
    [MAIL_WEBHOOK] = "webhook",
};
static void load_file(
    struct loader *, const char *, struct config_yaml *, yaml_node_t *);

/*
 * The index of the first item defined with id, or -1 after recording
 * index as that first one.
 */
static long
id_first(json_t **map, const char *id, size_t index)
{
	json_t *seen;

	if (*map == NULL && (*map = json_object()) == NULL)
		fatal("out of memory");
	if ((seen = json_object_get(*map, id)) != NULL)
		return (long)json_integer_value(seen);
	if (json_object_set_new_nocheck(
		*map, id, json_integer((json_int_t)index)))
		fatal("out of memory");
	return -1;
}

/* The index of the item defined first with id, or n when none is. */
static size_t
id_find(const json_t *map, const char *id, size_t n)
{
	json_t *seen =
	    map != NULL && id != NULL ? json_object_get(map, id) : NULL;

	return seen != NULL ? (size_t)json_integer_value(seen) : n;
}

static const char *
q(const char *s, char buf[CONFIG_YAML_QUOTE_LEN])
{
	return config_yaml_quote(s, buf, CONFIG_YAML_QUOTE_LEN);
}

static bool
prefix_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Reports id at the "id" of map as a duplicate of one defined at first. */
static void
duplicate_id(struct config_yaml *y, yaml_node_t *map, const char *what,
    const char *id, const struct config_where *first)
{
	yaml_node_t *node = config_yaml_get(y, map, "id");

	config_yaml_error(y, node != NULL ? node : map,
	    "duplicate %s id '%s' (first defined at %s:%d:%d)", what, id,
	    first->file, first->line, first->column);
}

/* True for a plain mailbox "local@domain", safe in a mail header. */
static bool
address_ok(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL &&
	    strpbrk(s, " \t<>,;:\"()[]\\") == NULL;
}

static bool
address(struct config_yaml *y, yaml_node_t *val, const char **s)
{
	char b[CONFIG_YAML_QUOTE_LEN];

	if (!config_yaml_text(y, val, s))
		return false;
	if (address_ok(*s))
		return true;
	config_yaml_error(y, val,
	    "expected an e-mail address such as name@example.org, got %s",
	    q(*s, b));
	return false;
}

/* Reads an address or a list of addresses into a new array. */
static void
addresses(struct config_yaml *y, yaml_node_t *val, char ***v, size_t *n)
{
	yaml_node_t *item;
	const char *s;
	size_t len = 1;

	config_yaml_free_strings(*v, *n);
	*v = NULL;
	*n = 0;
	if (val->type == YAML_MAPPING_NODE) {
		config_yaml_error(y, val,
		    "expected an address or a list of addresses, got a "
		    "mapping");
		return;
	}
	if (val->type != YAML_SCALAR_NODE || config_yaml_is_null(val))
		len = config_yaml_len(y, val);
	for (size_t i = 0; i < len; i++) {
		item = val->type == YAML_SEQUENCE_NODE
		    ? config_yaml_at(y, val, i)
		    : val;
		if (!address(y, item, &s))
			continue;
		*v = config_yaml_grow(*v, *n, sizeof(char *));
		(*v)[(*n)++] = config_yaml_strdup(s);
	}
}

/* Top level. */

/* log_format: text or kv (key=value lines for log collectors). */
static void
top_log_format(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	static const char *const formats[] = {"text", "kv"};
	struct config *conf = obj;
	int i;

	(void)key;
	if (config_yaml_enum(y, val, formats, 2, &i))
		conf->log_kv = i == 1;
}

static void
top_log_level(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;
	char b[CONFIG_YAML_QUOTE_LEN];
	const char *s;

	(void)key;
	if (config_yaml_text(y, val, &s) &&
	    log_level_parse(s, &conf->log_level) == -1)
		config_yaml_error(y, val,
		    "expected error, warn, info or debug, got %s", q(s, b));
}

static void
top_locale(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct config *conf = obj;
	int i;

	(void)key;
	if (!config_yaml_enum(y, val, locales, NITEMS(locales), &i))
		return;
	free(conf->locale);
	conf->locale = config_yaml_strdup(locales[i]);
}

/*
 * The zone times are shown in to people: loaded now, so that check-config
 * tells a name that is no zone file (a typo, or tzdata missing).
 */
static void
top_timezone(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;
	char err[512];
	const char *s;
	struct tz *z;

	(void)key;
	if (!config_yaml_text(y, val, &s))
		return;
	if ((z = tz_load(s, err, sizeof(err))) == NULL) {
		config_yaml_error(y, val, "%s", err);
		return;
	}
	tz_free(conf->tz);
	free(conf->timezone);
	conf->tz = z;
	conf->timezone = config_yaml_strdup(s);
}

/* The glob for pattern, relative to the including file's directory. */
static char *
include_glob(struct config_yaml *y, const char *pattern)
{
	const char *slash = strrchr(y->file, '/');
	char *g, *o;

	if (pattern[0] == '/' || slash == NULL)
		return config_yaml_strdup(pattern);
	/* The directory part is literal: escape what glob would expand. */
	g = malloc(2 * (size_t)(slash - y->file) + strlen(pattern) + 2);
	if ((o = g) == NULL)
		fatal("out of memory");
	for (const char *p = y->file; p < slash; p++) {
		if (strchr("*?[\\", *p) != NULL)
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '/';
	strcpy(o, pattern);
	return g;
}

static void
include_one(struct config_yaml *y, yaml_node_t *val)
{
	const char *pattern;
	char *full;
	glob_t g;
	int rc;

	if (!config_yaml_text(y, val, &pattern))
		return;
	full = include_glob(y, pattern);
	rc = glob(full, GLOB_MARK, NULL, &g);
	if (rc == GLOB_NOSPACE)
		fatal("out of memory");
	if (rc == GLOB_NOMATCH && strpbrk(pattern, "*?[") == NULL)
		config_yaml_error(
		    y, val, "cannot read %s: %s", full, strerror(ENOENT));
	else if (rc != 0 && rc != GLOB_NOMATCH)
		config_yaml_error(y, val, "cannot read the files of %s", full);
	for (size_t i = 0; rc == 0 && i < g.gl_pathc; i++) {
		if (g.gl_pathv[i][strlen(g.gl_pathv[i]) - 1] != '/')
			load_file(y->arg, g.gl_pathv[i], y, val);
	}
	if (rc == 0)
		globfree(&g);
	free(full);
}

static void
top_include(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	size_t n;

	(void)key;
	(void)obj;
	if (val->type == YAML_SCALAR_NODE) {
		include_one(y, val);
		return;
	}
	n = config_yaml_len(y, val);
	for (size_t i = 0; i < n; i++)
		include_one(y, config_yaml_at(y, val, i));
}

/* Collectors. */

/*
 * Makes the rest of a file: URL absolute; NULL (reported) when wrong.
 * "file:relative/path" is a path, not a URL: it is resolved like any other
 * path and then percent-encoded, so names with blanks or Chinese work.
 */
static char *
file_url(struct config_yaml *y, yaml_node_t *val, const char *rest)
{
	char *path, *url, *o;

	if (strncmp(rest, "///", 3) == 0)
		return config_yaml_printf("file://%s", rest + 2);
	if (rest[0] == '/' && rest[1] != '/')
		return config_yaml_printf("file://%s", rest);
	if (rest[0] == '\0' || rest[0] == '/') {
		config_yaml_error(y, val,
		    "a file URL is file:///absolute/path or "
		    "file:relative/path");
		return NULL;
	}
	path = config_yaml_path(y, rest);
	if ((url = malloc(3 * strlen(path) + 8)) == NULL)
		fatal("out of memory");
	o = url + sprintf(url, "file://");
	for (const unsigned char *p = (unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p) != NULL)
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	*o = '\0';
	free(path);
	return url;
}

static void
col_url(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct collector_conf *c = obj;
	char b[CONFIG_YAML_QUOTE_LEN], *url = NULL;
	const char *s;

	(void)key;
	if (!config_yaml_text(y, val, &s))
		return;
	if ((prefix_ci(s, "http://") && s[7] != '\0') ||
	    (prefix_ci(s, "https://") && s[8] != '\0'))
		url = config_yaml_strdup(s);
	else if (prefix_ci(s, "file:"))
		url = file_url(y, val, s + 5);
	else
		config_yaml_error(y, val,
		    "unsupported URL %s: use http://, https:// or file:",
		    q(s, b));
	if (url != NULL) {
		free(c->url);
		c->url = url;
	}
}

static void
col_format(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct collector_conf *c = obj;
	const char *names[16];
	size_t n = 0;
	int i;

	(void)key;
	while (n < NITEMS(names) && feed_format_name(n) != NULL) {
		names[n] = feed_format_name(n);
		n++;
	}
	if (!config_yaml_enum(y, val, names, n, &i))
		return;
	free(c->format);
	c->format = config_yaml_strdup(names[i]);
}

/* A whole number in [lo, hi] from a scalar; false (reported) otherwise. */
static bool
int_in(struct config_yaml *y, yaml_node_t *val, long lo, long hi, long *out)
{
	char b[CONFIG_YAML_QUOTE_LEN], *end;
	const char *s = val->type == YAML_SCALAR_NODE
	    ? (const char *)val->data.scalar.value
	    : NULL;
	long v = s != NULL ? strtol(s, &end, 10) : 0;

	if (s == NULL || *s == '\0' || *end != '\0' || v < lo || v > hi) {
		config_yaml_error(y, val,
		    "expected a whole number from %ld to "
		    "%ld, got %s",
		    lo, hi, config_yaml_describe(val, b, sizeof(b)));
		return false;
	}
	*out = v;
	return true;
}

static void
col_redirects(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct collector_conf *c = obj;

	(void)key;
	int_in(y, val, 0, 10, &c->redirects);
}

static void
col_low_speed_limit(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct collector_conf *c = obj;

	(void)key;
	int_in(y, val, 1, 1L << 30, &c->low_speed_limit);
}

static void
col_fail_after(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct collector_conf *c = obj;
	long v;

	(void)key;
	if (int_in(y, val, 1, 1000, &v))
		c->fail_after = (unsigned)v;
}

/* The name of an environment variable into *out, or an error. */
static void
env_name(struct config_yaml *y, yaml_node_t *val, char **out)
{
	char b[CONFIG_YAML_QUOTE_LEN];
	const char *s = val->type == YAML_SCALAR_NODE
	    ? (const char *)val->data.scalar.value
	    : "";
	bool ok = *s != '\0' && !(*s >= '0' && *s <= '9');

	for (const char *p = s; *p && ok; p++)
		ok = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '_';
	if (!ok) {
		config_yaml_error(y, val,
		    "expected the name of an environment variable such as "
		    "STATS_API_TOKEN, got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	free(*out);
	*out = config_yaml_strdup(s);
}

/* The name of an environment variable, not its value. */
static void
col_auth_env(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	(void)key;
	env_name(y, val, &((struct collector_conf *)obj)->auth_env);
}

/* SMTP AUTH's password from the environment (systemd's credentials). */
static void
smtp_password_env(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	(void)key;
	env_name(y, val, &((struct smtp_conf *)obj)->password_env);
}

static const struct config_yaml_key collector_keys[] = {
    FIELD_REQUIRED("id", config_yaml_set_id, struct collector_conf, id),
    REQUIRED("url", col_url),
    REQUIRED("format", col_format),
    FIELD(
	"interval", config_yaml_set_duration, struct collector_conf, interval),
    FIELD("jitter", config_yaml_set_duration0, struct collector_conf, jitter),
    FIELD("timeout", config_yaml_set_duration, struct collector_conf, timeout),
    FIELD("max_bytes", config_yaml_set_size, struct collector_conf, max_bytes),
    FIELD(
	"allow_file", config_yaml_set_bool, struct collector_conf, allow_file),
    FIELD("connect_timeout", config_yaml_set_duration, struct collector_conf,
	connect_timeout),
    FIELD("low_speed_time", config_yaml_set_duration, struct collector_conf,
	low_speed_time),
    KEY("low_speed_limit", col_low_speed_limit),
    KEY("redirects", col_redirects),
    FIELD("ca_file", config_yaml_set_path, struct collector_conf, ca_file),
    FIELD("auth_file", config_yaml_set_path, struct collector_conf, auth_file),
    KEY("auth_env", col_auth_env),
    KEY("fail_after", col_fail_after),
    FIELD("retry_initial", config_yaml_set_duration, struct collector_conf,
	retry_initial),
    FIELD("retry_max", config_yaml_set_duration, struct collector_conf,
	retry_max),
    REFUSE("auth",
	"is not allowed: write the Authorization value in a file named by "
	"auth_file, or an environment variable named by auth_env"),
    REFUSE("headers",
	"is not allowed: write the Authorization value in a file named by "
	"auth_file, or an environment variable named by auth_env"),
};

/* Checks what spans keys of collector c, the last one in conf. */
static void
collector_check(struct config_yaml *y, struct config *conf, yaml_node_t *node,
    struct collector_conf *c)
{
	struct loader *ld = y->arg;
	yaml_node_t *val;
	long first = c->id == NULL
	    ? -1
	    : id_first(&ld->collector_ids, c->id, conf->ncollectors - 1);

	if (first >= 0)
		duplicate_id(y, node, "collector", c->id,
		    &conf->collectors[first].where);
	if (c->url != NULL && prefix_ci(c->url, "file:") && !c->allow_file) {
		val = config_yaml_get(y, node, "url");
		config_yaml_error(y, val,
		    "file: URLs are off for this collector: "
		    "set allow_file: true to read local files");
	}
	if (c->auth_file != NULL && c->auth_env != NULL) {
		val = config_yaml_get(y, node, "auth_env");
		config_yaml_error(y, val,
		    "auth_file and auth_env both name an Authorization value: "
		    "keep one");
	}
	if (c->retry_initial > c->retry_max) {
		val = config_yaml_get(y, node, "retry_initial");
		config_yaml_error(y, val != NULL ? val : node,
		    "retry_initial (%gs) is longer than retry_max (%gs)",
		    c->retry_initial, c->retry_max);
	}
	if (c->jitter >= c->interval) {
		val = config_yaml_get(y, node, "jitter");
		config_yaml_error(y, val != NULL ? val : node,
		    "jitter (%gs) must be shorter than the interval (%gs)",
		    c->jitter, c->interval);
	}
}

static void
load_collector(struct config_yaml *y, struct config *conf, yaml_node_t *node)
{
	struct collector_conf *c;

	if (!config_yaml_is_map(y, node))
		return;
	conf->collectors = config_yaml_grow(
	    conf->collectors, conf->ncollectors, sizeof(*conf->collectors));
	c = &conf->collectors[conf->ncollectors++];
	c->interval = 3600;
	c->timeout = 30;
	c->max_bytes = 8 * 1024 * 1024;
	c->connect_timeout = 10;
	c->low_speed_time = 30;
	c->low_speed_limit = 16;
	c->fail_after = 3;
	c->retry_initial = 60;
	c->retry_max = 3600;
	config_yaml_where(y, node, &c->where);
	config_yaml_walk(y, node, collector_keys, NITEMS(collector_keys), c);
	collector_check(y, conf, node, c);
}

static void
top_collectors(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	size_t n = config_yaml_len(y, val);

	(void)key;
	for (size_t i = 0; i < n; i++)
		load_collector(y, obj, config_yaml_at(y, val, i));
}

/* Indicators: selectors. */

/*
 * A selector field: a JSON Pointer (checked here, where its position is
 * known) when it starts with '/', otherwise a column name or number.
 * Whether the collector's format wants one or the other is checked once
 * every file is read.
 */
static void
sel_field(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	char **dst = (char **)(void *)((char *)obj + key->offset);
	char err[256], b[CONFIG_YAML_QUOTE_LEN];
	const char *s;

	if (val->type != YAML_SCALAR_NODE || config_yaml_is_null(val)) {
		config_yaml_error(y, val,
		    "expected a JSON Pointer such as /data, \"\", or a column, "
		    "got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	s = (const char *)val->data.scalar.value;
	if (s[0] == '/' && json_pointer_check(s, err, sizeof(err)) == -1) {
		config_yaml_error(y, val, "%s", err);
		return;
	}
	free(*dst);
	*dst = config_yaml_strdup(s);
}

/* One character: a CSV delimiter or thousands separator. */
static void
sel_char(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	char *dst = (char *)obj + key->offset;
	char b[CONFIG_YAML_QUOTE_LEN];
	const char *s = val->type == YAML_SCALAR_NODE
	    ? (const char *)val->data.scalar.value
	    : NULL;

	if (s == NULL || strlen(s) != 1 || (unsigned char)s[0] >= 0x80 ||
	    s[0] == '"' || s[0] == '\n' || s[0] == '\r') {
		config_yaml_error(y, val,
		    "expected one ASCII character such as \",\" or \";\", got "
		    "%s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	*dst = s[0];
}

/* series: {DIMENSION: code, ...}, the key of one series. */
static void
sel_series(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct feed_selector *sel = obj;
	char b[CONFIG_YAML_QUOTE_LEN];
	yaml_node_pair_t *pair;

	(void)key;
	if (val->type != YAML_MAPPING_NODE) {
		config_yaml_error(y, val,
		    "expected a mapping of dimensions to codes, got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	for (pair = val->data.mapping.pairs.start;
	     pair < val->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(&y->doc, pair->value);
		struct feed_dim *d;

		if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE ||
		    v->type != YAML_SCALAR_NODE) {
			config_yaml_error(y, v ? v : val,
			    "expected a dimension and a code, got %s",
			    config_yaml_describe(v ? v : val, b, sizeof(b)));
			continue;
		}
		sel->series = config_yaml_grow(
		    sel->series, sel->nseries, sizeof(*sel->series));
		d = &sel->series[sel->nseries++];
		d->key = config_yaml_strdup((const char *)k->data.scalar.value);
		d->value =
		    config_yaml_strdup((const char *)v->data.scalar.value);
	}
}

static const struct config_yaml_key selector_keys[] = {
    FIELD("observations", sel_field, struct feed_selector, observations),
    FIELD("period", sel_field, struct feed_selector, period),
    FIELD("value", sel_field, struct feed_selector, value),
    FIELD("year", sel_field, struct feed_selector, year),
    FIELD("delimiter", sel_char, struct feed_selector, delimiter),
    FIELD("thousands", sel_char, struct feed_selector, thousands),
    KEY("series", sel_series),
};

/* Indicators. */

static void
ind_frequency(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct indicator_conf *ind = obj;
	const char *names[FREQ_COUNT];
	int i;

	(void)key;
	for (i = 0; i < FREQ_COUNT; i++)
		names[i] = freq_name((enum freq)i);
	if (config_yaml_enum(y, val, names, NITEMS(names), &i))
		ind->freq = (enum freq)i;
}

/* Records a reference at node from the indicator being read. */
static void
add_ref(
    struct config_yaml *y, enum ref_kind kind, size_t target, yaml_node_t *node)
{
	struct loader *ld = y->arg;
	struct ref *r;

	ld->refs = config_yaml_grow(ld->refs, ld->nrefs, sizeof(*ld->refs));
	r = &ld->refs[ld->nrefs++];
	r->kind = kind;
	r->indicator = ld->conf->nindicators - 1;
	r->target = target;
	config_yaml_where(y, node, &r->where);
}

static void
ind_collector(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct indicator_conf *ind = obj;

	config_yaml_set_id(y, key, ind, val);
	if (ind->collector != NULL)
		add_ref(y, REF_COLLECTOR, 0, val);
}

static void
ind_derived(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct indicator_conf *ind = obj;

	config_yaml_set_string(y, key, ind, val);
	if (ind->derived != NULL)
		add_ref(y, REF_DERIVED, 0, val);
}

/* collector and selector of a derived indicator. */
static void
ind_not_derived(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	(void)obj;
	(void)val;
	config_yaml_error(
	    y, y->key, "a derived indicator has no %s", key->name);
}

static void
ind_selector(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct indicator_conf *ind = obj;

	struct loader *ld = y->arg;
	size_t before = ld->errors->n;

	(void)key;
	ind->selector.delimiter = ',';
	config_yaml_walk(
	    y, val, selector_keys, NITEMS(selector_keys), &ind->selector);
	/* A selector with its own mistakes is not also checked whole: a
	 * misspelt "valeu" is one mistake, not two. */
	if (ld->errors->n == before)
		add_ref(y, REF_SELECTOR, 0, val);
}

static void
ind_targets(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct loader *ld = y->arg;
	struct indicator_conf *ind = obj;
	size_t n = config_yaml_len(y, val), before;
	yaml_node_t *node;

	(void)key;
	for (size_t i = 0; i < n; i++) {
		node = config_yaml_at(y, val, i);
		before = ind->ntargets;
		config_target_load(
		    y, ind, node, ld->freq_ok ? &ld->freq : NULL);
		if (ind->ntargets > before &&
		    ind->targets[before].rate_indicator != NULL)
			add_ref(y, REF_RATE, before,
			    config_yaml_get(y, node, "rate_indicator"));
	}
}

/* alerts.for for this indicator alone (monthly data may flap). */
static void
ind_alert_for(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct indicator_conf *ind = obj;

	(void)key;
	int_in(y, val, 1, 1000, &ind->alert_for);
}

static const struct config_yaml_key indicator_keys[] = {
    FIELD_REQUIRED("id", config_yaml_set_id, struct indicator_conf, id),
    FIELD_REQUIRED("name", config_yaml_set_string, struct indicator_conf, name),
    FIELD_REQUIRED("unit", config_yaml_set_string, struct indicator_conf, unit),
    REQUIRED("frequency", ind_frequency),
    FIELD("group", config_yaml_set_string, struct indicator_conf, group),
    FIELD("owner", config_yaml_set_string, struct indicator_conf, owner),
    FIELD_REQUIRED(
	"collector", ind_collector, struct indicator_conf, collector),
    REQUIRED("selector", ind_selector),
    FIELD("derived", ind_derived, struct indicator_conf, derived),
    FIELD("stale_after", config_yaml_set_duration, struct indicator_conf,
	stale_after),
    KEY("targets", ind_targets),
    KEY("alert_for", ind_alert_for),
};

/*
 * Walks an indicator mapping.  A derived indicator is computed from
 * others, so it has no collector and no selector: its table refuses them
 * instead of requiring them.
 */
static void
indicator_walk(struct config_yaml *y, yaml_node_t *node,
    struct indicator_conf *ind, bool derived)
{
	struct config_yaml_key keys[NITEMS(indicator_keys)];

	memcpy(keys, indicator_keys, sizeof(keys));
	for (size_t i = 0; derived && i < NITEMS(keys); i++) {
		if (keys[i].fn == ind_collector || keys[i].fn == ind_selector) {
			keys[i].fn = ind_not_derived;
			keys[i].required = false;
		}
	}
	config_yaml_walk(y, node, keys, NITEMS(keys), ind);
}

static void
load_indicator(struct config_yaml *y, struct config *conf, yaml_node_t *node)
{
	struct loader *ld = y->arg;
	struct indicator_conf *ind;
	yaml_node_t *f;
	long first;

	if (!config_yaml_is_map(y, node))
		return;
	conf->indicators = config_yaml_grow(
	    conf->indicators, conf->nindicators, sizeof(*conf->indicators));
	ind = &conf->indicators[conf->nindicators++];
	config_yaml_where(y, node, &ind->where);
	/* Targets' periods are checked against the frequency, wherever
	 * it is written in the mapping. */
	f = config_yaml_get(y, node, "frequency");
	ld->freq_ok = f != NULL && f->type == YAML_SCALAR_NODE &&
	    freq_parse((const char *)f->data.scalar.value, &ld->freq) == 0;
	indicator_walk(
	    y, node, ind, config_yaml_get(y, node, "derived") != NULL);
	if (ind->derived != NULL)
		ind->collector_index = (size_t)-1;
	if (ind->stale_after == 0)
		ind->stale_after = stale_after_days[ind->freq] * 86400;
	first = ind->id == NULL
	    ? -1
	    : id_first(&ld->indicator_ids, ind->id, conf->nindicators - 1);
	if (first >= 0)
		duplicate_id(y, node, "indicator", ind->id,
		    &conf->indicators[first].where);
}

static void
top_indicators(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	size_t n = config_yaml_len(y, val);

	(void)key;
	for (size_t i = 0; i < n; i++)
		load_indicator(y, obj, config_yaml_at(y, val, i));
}

/* Mail. */

static void
smtp_transport(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct smtp_conf *m = obj;
	int i;

	(void)key;
	if (config_yaml_enum(y, val, transports, NITEMS(transports), &i))
		m->transport = (enum mail_transport)i;
}

static void
smtp_url(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct smtp_conf *m = obj;
	char b[CONFIG_YAML_QUOTE_LEN];
	const char *s;

	(void)key;
	if (!config_yaml_text(y, val, &s))
		return;
	/* Which scheme fits the transport is checked by top_smtp. */
	if ((prefix_ci(s, "smtp://") && s[7] != '\0') ||
	    (prefix_ci(s, "smtps://") && s[8] != '\0') ||
	    (prefix_ci(s, "http://") && s[7] != '\0') ||
	    (prefix_ci(s, "https://") && s[8] != '\0')) {
		free(m->url);
		m->url = config_yaml_strdup(s);
	} else
		config_yaml_error(y, val,
		    "expected smtp://host:port or smtps://host:port (or "
		    "an http(s):// URL for transport webhook), got %s",
		    q(s, b));
}

static void
smtp_from(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct smtp_conf *m = obj;
	const char *s;

	(void)key;
	if (!address(y, val, &s))
		return;
	free(m->from);
	m->from = config_yaml_strdup(s);
}

/* exec: [/usr/bin/program, arg, ...]: run as is, never by a shell. */
static void
smtp_exec(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct smtp_conf *m = obj;

	(void)key;
	if (!config_yaml_strings(y, val, &m->exec, &m->nexec))
		return;
	if (m->nexec == 0 || m->exec[0][0] != '/')
		config_yaml_error(y, val,
		    "expected a list whose first item is a program's absolute "
		    "path, such as [/usr/sbin/sendmail, -t]");
}

static const struct config_yaml_key smtp_keys[] = {
    KEY("transport", smtp_transport),
    KEY("url", smtp_url),
    KEY("from", smtp_from),
    FIELD("from_name", config_yaml_set_string, struct smtp_conf, from_name),
    FIELD("username", config_yaml_set_string, struct smtp_conf, username),
    FIELD(
	"password_file", config_yaml_set_path, struct smtp_conf, password_file),
    KEY("password_env", smtp_password_env),
    REFUSE("password",
	"is not allowed: write the password in a file of "
	"its own and name that file with password_file"),
    FIELD("require_tls", config_yaml_set_bool, struct smtp_conf, require_tls),
    FIELD("timeout", config_yaml_set_duration, struct smtp_conf, timeout),
    FIELD("retry_initial", config_yaml_set_duration, struct smtp_conf,
	retry_initial),
    FIELD("retry_max", config_yaml_set_duration, struct smtp_conf, retry_max),
    FIELD("maildir", config_yaml_set_path, struct smtp_conf, maildir),
    KEY("exec", smtp_exec),
    FIELD("secret_file", config_yaml_set_path, struct smtp_conf, secret_file),
};

static void
top_smtp(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct smtp_conf *m = &((struct config *)obj)->smtp;
	const char *t;

	(void)key;
	if (!config_yaml_walk(y, val, smtp_keys, NITEMS(smtp_keys), m))
		return;
	/* A key that is there but wrong has been reported already. */
	t = transports[m->transport];
	if ((m->transport == MAIL_SMTP || m->transport == MAIL_WEBHOOK) &&
	    !config_yaml_get(y, val, "url"))
		config_yaml_error(y, val, "transport %s needs a url", t);
	if (m->url != NULL && m->transport == MAIL_SMTP &&
	    prefix_ci(m->url, "http"))
		config_yaml_error(y, config_yaml_get(y, val, "url"),
		    "transport smtp needs an smtp:// or smtps:// url");
	if (m->url != NULL && m->transport == MAIL_WEBHOOK &&
	    !prefix_ci(m->url, "http"))
		config_yaml_error(y, config_yaml_get(y, val, "url"),
		    "transport webhook needs an http:// or https:// url");
	if (m->transport == MAIL_MAILDIR && !config_yaml_get(y, val, "maildir"))
		config_yaml_error(y, val, "transport %s needs a maildir", t);
	if (m->transport == MAIL_EXEC && !config_yaml_get(y, val, "exec"))
		config_yaml_error(y, val,
		    "transport %s needs exec: a program "
		    "and its arguments",
		    t);
	if (m->password_file != NULL && m->password_env != NULL)
		config_yaml_error(y, config_yaml_get(y, val, "password_env"),
		    "password_file and password_env exclude each other: "
		    "name one place for the password");
	if (m->transport != MAIL_NONE && !config_yaml_get(y, val, "from"))
		config_yaml_error(
		    y, val, "transport %s needs a from address", t);
}

/* Routes. */

static void
route_to(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct route_conf *r = obj;

	(void)key;
	addresses(y, val, &r->to, &r->nto);
	if (config_yaml_is_null(val) ||
	    (val->type == YAML_SEQUENCE_NODE && config_yaml_len(y, val) == 0))
		config_yaml_error(y, val, "expected at least one address");
}

static void
route_cc(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct route_conf *r = obj;

	(void)key;
	addresses(y, val, &r->cc, &r->ncc);
}

static void
route_severity(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct route_conf *r = obj;
	size_t n = 1;
	int sev;

	(void)key;
	r->severities = 0;
	if (val->type != YAML_SCALAR_NODE || config_yaml_is_null(val))
		n = config_yaml_len(y, val);
	for (size_t i = 0; i < n; i++) {
		if (config_yaml_enum(y,
			val->type == YAML_SEQUENCE_NODE
			    ? config_yaml_at(y, val, i)
			    : val,
			severity_names, NITEMS(severity_names), &sev))
			r->severities |= 1u << sev;
	}
	if (n == 0 &&
	    (val->type == YAML_SEQUENCE_NODE || config_yaml_is_null(val)))
		config_yaml_error(y, val,
		    "expected at least one of info, warning or critical");
}

static void
route_owners(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct route_conf *r = obj;

	(void)key;
	config_yaml_strings(y, val, &r->owners, &r->nowners);
}

static const char *const report_every_names[] = {
    [REPORT_NEVER] = "never",
    [REPORT_DAILY] = "day",
    [REPORT_WEEKLY] = "week",
    [REPORT_MONTHLY] = "month",
};

static void
report_every(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct report_conf *rc = obj;
	int i;

	(void)key;
	if (config_yaml_enum(
		y, val, report_every_names, NITEMS(report_every_names), &i))
		rc->every = (enum report_every)i;
}

/* "09:00": a local time of day. */
static void
report_at(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct report_conf *rc = obj;
	char b[CONFIG_YAML_QUOTE_LEN];
	const char *s = val->type == YAML_SCALAR_NODE
	    ? (const char *)val->data.scalar.value
	    : "";
	int h, m, n = 0;

	(void)key;
	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || s[n] != '\0' ||
	    strlen(s) != 5 || h < 0 || h > 23 || m < 0 || m > 59) {
		config_yaml_error(y, val,
		    "expected a local time of day such as \"09:00\", got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	rc->hour = h;
	rc->minute = m;
}

static const struct config_yaml_key report_keys[] = {
    REQUIRED("every", report_every),
    KEY("at", report_at),
};

/* report: {every: month, at: "09:00"}. */
static void
route_report(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct route_conf *r = obj;

	(void)key;
	r->report.hour = 9;
	r->report.minute = 0;
	if (config_yaml_is_map(y, val))
		config_yaml_walk(
		    y, val, report_keys, NITEMS(report_keys), &r->report);
}

static const struct config_yaml_key route_keys[] = {
    REQUIRED("to", route_to),
    KEY("cc", route_cc),
    KEY("severity", route_severity),
    KEY("owners", route_owners),
    KEY("report", route_report),
};

static void
top_routes(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct config *conf = obj;
	struct route_conf *r;
	yaml_node_t *node;
	size_t n = config_yaml_len(y, val);

	(void)key;
	for (size_t i = 0; i < n; i++) {
		node = config_yaml_at(y, val, i);
		if (!config_yaml_is_map(y, node))
			continue;
		conf->routes = config_yaml_grow(
		    conf->routes, conf->nroutes, sizeof(*conf->routes));
		r = &conf->routes[conf->nroutes++];
		r->severities =
		    1u << SEVERITY_WARNING | 1u << SEVERITY_CRITICAL;
		config_yaml_where(y, node, &r->where);
		config_yaml_walk(y, node, route_keys, NITEMS(route_keys), r);
	}
}

/* Files. */

/* host:port of the HTTP server, or "off". */
static void
top_listen(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct config *conf = obj;
	char b[CONFIG_YAML_QUOTE_LEN], *end;
	const char *s = val->type == YAML_SCALAR_NODE
	    ? (const char *)val->data.scalar.value
	    : "";
	const char *colon = strrchr(s, ':');
	long port = colon ? strtol(colon + 1, &end, 10) : -1;

	(void)key;
	free(conf->listen);
	conf->listen = NULL;
	if (strcmp(s, "off") == 0)
		return;
	if (colon == NULL || colon == s || *end != '\0' || port < 0 ||
	    port > 65535) {
		config_yaml_error(y, val,
		    "expected host:port such as 127.0.0.1:8470, or off, got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	conf->listen = config_yaml_strdup(s);
}

/*
 * storage.rrdcached: "unix:/run/rrdcached.sock" or "host:port", the forms
 * librrd's client takes.
 */
static void
storage_rrdcached(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;
	char b[CONFIG_YAML_QUOTE_LEN], *end;
	const char *s = val->type == YAML_SCALAR_NODE
	    ? (const char *)val->data.scalar.value
	    : "";
	const char *colon = strrchr(s, ':');
	long port = colon != NULL ? strtol(colon + 1, &end, 10) : -1;
	bool unix_ok = strncmp(s, "unix:/", 6) == 0 && strlen(s) < 100;
	bool tcp_ok = !unix_ok && colon != NULL && colon != s && *end == '\0' &&
	    port > 0 && port <= 65535 && strpbrk(s, " \t/") == NULL;

	(void)key;
	free(conf->rrdcached);
	conf->rrdcached = NULL;
	if (!unix_ok && !tcp_ok) {
		config_yaml_error(y, val,
		    "expected unix:/path/to/socket or host:port such as "
		    "127.0.0.1:42217, got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	conf->rrdcached = config_yaml_strdup(s);
}

static const struct config_yaml_key storage_keys[] = {
    KEY("rrdcached", storage_rrdcached),
};

static void
top_storage(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	(void)key;
	if (config_yaml_is_map(y, val))
		config_yaml_walk(
		    y, val, storage_keys, NITEMS(storage_keys), obj);
}

/* Where readers of the mail open the dashboard: an http(s) URL. */
static void
top_dashboard_url(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;
	char b[CONFIG_YAML_QUOTE_LEN];
	const char *s = val->type == YAML_SCALAR_NODE
	    ? (const char *)val->data.scalar.value
	    : "";

	(void)key;
	free(conf->dashboard_url);
	conf->dashboard_url = NULL;
	if ((strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0) ||
	    strpbrk(s, " \t\r\n\"<>") != NULL || strlen(s) > 512) {
		config_yaml_error(y, val,
		    "expected an http:// or https:// URL such as "
		    "https://planwatch.cangshan.example, got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	conf->dashboard_url = config_yaml_strdup(s);
	/* Links append "/indicator/<id>": no slash of its own at the end. */
	while (strlen(conf->dashboard_url) > 8 &&
	    conf->dashboard_url[strlen(conf->dashboard_url) - 1] == '/')
		conf->dashboard_url[strlen(conf->dashboard_url) - 1] = '\0';
}

static void
top_max_transfers(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	int_in(y, val, 1, 10000, &conf->max_transfers);
}

/* HTTP connections at once; fewer when descriptors are short (web.c). */
static void
top_http_max_connections(struct config_yaml *y,
    const struct config_yaml_key *key, void *obj, yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	int_in(y, val, 1, 100000, &conf->http_max_connections);
}

/*
 * The time a client has for a whole request; bounded below so that a
 * slow but honest client (a phone) is not cut off.
 */
static void
top_http_header_timeout(struct config_yaml *y,
    const struct config_yaml_key *key, void *obj, yaml_node_t *val)
{
	struct config *conf = obj;
	char b[CONFIG_YAML_QUOTE_LEN];
	double d;

	(void)key;
	if (!config_yaml_duration(y, val, false, &d))
		return;
	if (d < 1 || d > 3600) {
		config_yaml_error(y, val,
		    "expected a duration from 1s to 1h, got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	conf->http_header_timeout = d;
}

static void
top_max_per_host(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	int_in(y, val, 1, 1000, &conf->max_per_host);
}

static void
top_revision_tolerance(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;
	char b[CONFIG_YAML_QUOTE_LEN], *end = NULL;
	const char *s = val->type == YAML_SCALAR_NODE
	    ? (const char *)val->data.scalar.value
	    : "";
	double v = strtod(s, &end);

	(void)key;
	if (*s == '\0' || end == NULL || *end != '\0' || !(v >= 0) ||
	    v >= 0.01) {
		config_yaml_error(y, val,
		    "expected a relative tolerance from 0 to below 0.01, such "
		    "as 1e-9, got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	conf->revision_tolerance = v;
}

static void
top_graph_width(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	int_in(y, val, 200, 4000, &conf->graph_width);
}

static void
top_graph_height(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	int_in(y, val, 100, 2000, &conf->graph_height);
}

static void
alerts_for(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct alerts_conf *a = obj;

	(void)key;
	int_in(y, val, 1, 1000, &a->for_count);
}

static const char *const status_names[] = CONFIG_STATUSES;

/*
 * The keys of alerts.severity: the statuses, then the "data overdue"
 * notice, under its name and under "stale", the status earlier versions
 * gave it (so that their configurations still load).
 */
static const char *const severity_keys[] = {
    CONFIG_STATUS_NAMES, "overdue", "stale"};
#define SEVERITY_KEY_OVERDUE NITEMS(status_names)

/* severity: {at_risk: critical, overdue: warning}. */
static void
alerts_severity(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct alerts_conf *a = obj;

	(void)key;
	if (!config_yaml_is_map(y, val))
		return;
	for (yaml_node_pair_t *p = val->data.mapping.pairs.start;
	     p < val->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&y->doc, p->value);
		int st, sev;

		if (k == NULL || v == NULL)
			continue;
		if (!config_yaml_enum(
			y, k, severity_keys, NITEMS(severity_keys), &st))
			continue;
		if (!config_yaml_enum(
			y, v, severity_names, NITEMS(severity_names), &sev))
			continue;
		if ((size_t)st >= SEVERITY_KEY_OVERDUE)
			a->overdue_severity = sev;
		else
			a->severity[st] = sev;
	}
}

static const struct config_yaml_key alerts_keys[] = {
    KEY("for", alerts_for),
    FIELD("repeat_interval", config_yaml_set_duration0, struct alerts_conf,
	repeat_interval),
    KEY("severity", alerts_severity),
};

static void
top_alerts(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	if (config_yaml_is_map(y, val))
		config_yaml_walk(
		    y, val, alerts_keys, NITEMS(alerts_keys), &conf->alerts);
}

static const char *const vocabulary_names[] = {
    [VOCABULARY_UNSD] = "unsd", [VOCABULARY_PLAN] = "plan"};

static void
judgement_vocabulary(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct judgement_conf *jc = obj;
	int i;

	(void)key;
	if (config_yaml_enum(
		y, val, vocabulary_names, NITEMS(vocabulary_names), &i))
		jc->vocabulary = (enum vocabulary)i;
}

/* A tolerance: a number 0 or more; a share below 1 when share. */
static void
nearly_value(struct config_yaml *y, yaml_node_t *val, bool share, double *out)
{
	char b[CONFIG_YAML_QUOTE_LEN], *end;
	const char *s;
	double d;

	if (!config_yaml_text(y, val, &s))
		return;
	errno = 0;
	d = strtod(s, &end);
	if (share && end != s && *end == '%') {
		d /= 100;
		end++;
	}
	if (end == s || *end != '\0' || errno == ERANGE || !isfinite(d) ||
	    d < 0 || (share && d >= 1)) {
		config_yaml_error(y, val, "expected %s, got %s",
		    share ? "a share of the planned change from 0 to below 1, "
			    "such as 5%"
			  : "a number, 0 or more",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	*out = d;
}

static void
nearly_reach(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	(void)key;
	nearly_value(
	    y, val, true, &((struct judgement_conf *)obj)->nearly_reach);
}

static void
nearly_growth(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	(void)key;
	nearly_value(
	    y, val, false, &((struct judgement_conf *)obj)->nearly_growth);
}

static void
nearly_rule(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	(void)key;
	nearly_value(
	    y, val, false, &((struct judgement_conf *)obj)->nearly_rule);
}

static const struct config_yaml_key nearly_keys[] = {
    KEY("reach", nearly_reach),
    KEY("growth", nearly_growth),
    KEY("rule", nearly_rule),
};

static void
judgement_nearly(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	(void)key;
	if (config_yaml_is_map(y, val))
		config_yaml_walk(y, val, nearly_keys, NITEMS(nearly_keys), obj);
}

static const struct config_yaml_key judgement_keys[] = {
    KEY("vocabulary", judgement_vocabulary),
    KEY("nearly_met", judgement_nearly),
};

/* judgement: {vocabulary: plan, nearly_met: {reach: 5%, growth: 0.5}}. */
static void
top_judgement(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	if (config_yaml_is_map(y, val))
		config_yaml_walk(y, val, judgement_keys, NITEMS(judgement_keys),
		    &conf->judgement);
}

static const struct config_yaml_key main_keys[] = {
    FIELD("data_dir", config_yaml_set_path, struct config, data_dir),
    FIELD("graph_dir", config_yaml_set_path, struct config, graph_dir),
    FIELD("state_dir", config_yaml_set_path, struct config, state_dir),
    KEY("log_level", top_log_level),
    KEY("log_format", top_log_format),
    FIELD("group_wait", config_yaml_set_duration0, struct config, group_wait),
    FIELD(
	"stop_timeout", config_yaml_set_duration0, struct config, stop_timeout),
    FIELD("graphs", config_yaml_set_bool, struct config, graphs),
    KEY("graph_width", top_graph_width),
    KEY("revision_tolerance", top_revision_tolerance),
    KEY("graph_height", top_graph_height),
    KEY("listen", top_listen),
    KEY("http_max_connections", top_http_max_connections),
    KEY("http_header_timeout", top_http_header_timeout),
    KEY("dashboard_url", top_dashboard_url),
    KEY("storage", top_storage),
    FIELD("instance", config_yaml_set_id, struct config, instance),
    FIELD("user", config_yaml_set_string, struct config, user),
    FIELD("group", config_yaml_set_string, struct config, group),
    FIELD("admin_token_file", config_yaml_set_path, struct config,
	admin_token_file),
    KEY("max_transfers", top_max_transfers),
    KEY("max_per_host", top_max_per_host),
    KEY("locale", top_locale),
    KEY("timezone", top_timezone),
    KEY("include", top_include),
    KEY("collectors", top_collectors),
    KEY("indicators", top_indicators),
    KEY("smtp", top_smtp),
    KEY("routes", top_routes),
    KEY("alerts", top_alerts),
    KEY("judgement", top_judgement),
};

static const struct config_yaml_key included_keys[] = {
    KEY("include", top_include),
    KEY("collectors", top_collectors),
    KEY("indicators", top_indicators),
    KEY("routes", top_routes),
    REFUSE("data_dir", ONLY_MAIN),
    REFUSE("graph_dir", ONLY_MAIN),
    REFUSE("state_dir", ONLY_MAIN),
    REFUSE("log_level", ONLY_MAIN),
    REFUSE("log_format", ONLY_MAIN),
    REFUSE("locale", ONLY_MAIN),
    REFUSE("timezone", ONLY_MAIN),
    REFUSE("dashboard_url", ONLY_MAIN),
    REFUSE("storage", ONLY_MAIN),
    REFUSE("instance", ONLY_MAIN),
    REFUSE("user", ONLY_MAIN),
    REFUSE("group", ONLY_MAIN),
    REFUSE("smtp", ONLY_MAIN),
    REFUSE("judgement", ONLY_MAIN),
};

/* Settles what the main file left out, relative to its directory. */
static void
main_defaults(struct config_yaml *y, struct config *conf)
{
	if (conf->data_dir == NULL)
		conf->data_dir = config_yaml_path(y, "data");
	if (conf->graph_dir == NULL)
		conf->graph_dir = config_yaml_path(y, "graphs");
	if (conf->state_dir == NULL)
		conf->state_dir = config_yaml_path(y, "state");
	if (conf->locale == NULL)
		conf->locale = config_yaml_strdup("zh-CN");
	/* rrdcached resolves a relative path against its own directory. */
	if (conf->rrdcached != NULL && conf->data_dir[0] != '/') {
		char cwd[4096];

		if (getcwd(cwd, sizeof(cwd)) != NULL) {
			char *abs =
			    config_yaml_printf("%s/%s", cwd, conf->data_dir);

			free(conf->data_dir);
			conf->data_dir = abs;
		}
	}
}

/* Reports that file cannot be read, where it was named if it was. */
static void
cannot_read(struct loader *ld, const char *file, struct config_yaml *from,
    yaml_node_t *at, const char *why)
{
	if (from == NULL)
		config_yaml_report(
		    ld->errors, file, 0, 0, "cannot read: %s", why);
	else
		config_yaml_error(from, at, "cannot read %s: %s", file, why);
}

/* True when real may be read now: no loop, not too deep (reported). */
static bool
include_ok(struct loader *ld, const char *file, const char *real,
    struct config_yaml *from, yaml_node_t *at)
{
	for (int i = 0; i < ld->depth; i++) {
		if (strcmp(ld->stack[i], real) == 0) {
			config_yaml_error(from, at,
			    "include loop: %s is already being read", file);
			return false;
		}
	}
	if (ld->depth > INCLUDE_DEPTH_MAX) {
		config_yaml_error(from, at,
		    "includes are nested more than %d deep", INCLUDE_DEPTH_MAX);
		return false;
	}
	return true;
}

/* The real directory of file, for its relative paths. */
static char *
file_dir(const char *file)
{
	char *copy = config_yaml_strdup(file), *dir;

	dir = realpath(dirname(copy), NULL);
	free(copy);
	return dir;
}

static void
load_file(struct loader *ld, const char *file, struct config_yaml *from,
    yaml_node_t *at)
{
	struct config_yaml y;
	char *real, *dir = NULL, err[256];

	if ((real = realpath(file, NULL)) == NULL ||
	    (dir = file_dir(file)) == NULL) {
		cannot_read(ld, file, from, at, strerror(errno));
		goto out;
	}
	if (from != NULL && !include_ok(ld, file, real, from, at))
		goto out;
	if (config_yaml_open(&y, file, dir, ld->errors, err, sizeof(err)) ==
	    -1) {
		if (err[0] != '\0')
			cannot_read(ld, file, from, at, err);
		goto out;
	}
	y.arg = ld;
	/* A file that is not a mapping of keys (a text file, /etc/passwd
	 * named by mistake or on purpose) is said so in one line; its
	 * contents are never quoted back. */
	if (config_yaml_root(&y)->type != YAML_MAPPING_NODE) {
		config_yaml_report(ld->errors, file,
		    (int)config_yaml_root(&y)->start_mark.line + 1,
		    (int)config_yaml_root(&y)->start_mark.column + 1,
		    "not a planwatch configuration file (its top level is "
		    "not a mapping of keys)");
		config_yaml_close(&y);
		goto out;
	}
	ld->stack[ld->depth++] = real;
	if (from == NULL) {
		config_yaml_walk(&y, config_yaml_root(&y), main_keys,
		    NITEMS(main_keys), ld->conf);
		main_defaults(&y, ld->conf);
	} else
		config_yaml_walk(&y, config_yaml_root(&y), included_keys,
		    NITEMS(included_keys), ld->conf);
	ld->depth--;
	config_yaml_close(&y);
out:
	free(real);
	free(dir);
}

/*
 * References, once every file is read.  A derived indicator may use other
 * derived indicators, so the references between derived indicators form a
 * graph that must have no cycle: a depth-first search reports each cycle
 * once, where the search comes back to the indicator that closes it.
 */

/* The edges of the graph of derived indicators, by indicator index. */
struct edges {
	size_t *to;
	size_t n;
};

/* What resolving the references of one configuration needs. */
struct resolver {
	struct loader *ld;
	const char **collectors; /* ids, "" for none, for hints */
	const char **indicators;
	struct edges *edges; /* derived indicator -> derived ones it uses */
	const struct ref **derived; /* by indicator: its REF_DERIVED */
	unsigned char *color; /* cycle search: 0 new, 1 on the path, 2 done */
	size_t *path;
	size_t depth;
};

static void report_ref(struct resolver *, const struct ref *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Reports a message at the place of r. */
static void
report_ref(struct resolver *rs, const struct ref *r, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	config_yaml_report(rs->ld->errors, r->where.file, r->where.line,
	    r->where.column, "%s", msg);
}

/* Reports the unknown id of a what at r, with the closest of ids. */
static void
unknown_ref(struct resolver *rs, const struct ref *r, const char *what,
    const char *id, const char *const *ids, size_t n)
{
	const char *hint = config_yaml_similar(id, ids, n);
	char b[CONFIG_YAML_QUOTE_LEN];

	report_ref(rs, r, "unknown %s %s%s%s%s", what,
	    config_yaml_name(id, b, sizeof(b)), hint ? " (did you mean '" : "",
	    hint ? hint : "", hint ? "'?)" : "");
}

/*
 * The index of the indicator id that r's indicator uses, or nindicators
 * when it is unknown, itself or of another frequency (reported).
 */
static size_t
used_indicator(struct resolver *rs, const struct ref *r, const char *id)
{
	const struct config *conf = rs->ld->conf;
	const struct indicator_conf *me = &conf->indicators[r->indicator], *it;
	size_t n = conf->nindicators, j = id_find(rs->ld->indicator_ids, id, n);

	if (j == n) {
		unknown_ref(rs, r, "indicator", id, rs->indicators, n);
		return n;
	}
	if (j == r->indicator) {
		if (r->kind == REF_RATE)
			report_ref(rs, r,
			    "rate_indicator '%s' is this indicator itself", id);
		else
			report_ref(rs, r,
			    "derived indicator '%s' refers to itself", id);
		return n;
	}
	it = &conf->indicators[j];
	if (it->freq != me->freq) {
		report_ref(rs, r,
		    "indicator '%s' is %s, but '%s' is %s: they must have the "
		    "same frequency",
		    id, freq_name(it->freq), me->id, freq_name(me->freq));
		return n;
	}
	return j;
}

static void
resolve_collector(struct resolver *rs, const struct ref *r)
{
	struct config *conf = rs->ld->conf;
	struct indicator_conf *ind = &conf->indicators[r->indicator];

	ind->collector_index =
	    id_find(rs->ld->collector_ids, ind->collector, conf->ncollectors);
	if (ind->collector_index == conf->ncollectors)
		unknown_ref(rs, r, "collector", ind->collector, rs->collectors,
		    conf->ncollectors);
}

static void
resolve_selector(struct resolver *rs, const struct ref *r)
{
	struct config *conf = rs->ld->conf;
	struct indicator_conf *ind = &conf->indicators[r->indicator];
	const struct feed_format *f;
	char err[256];

	if (ind->collector == NULL || ind->collector_index >= conf->ncollectors)
		return; /* reported with the collector */
	f = feed_format_find(conf->collectors[ind->collector_index].format);
	if (f != NULL && f->check(&ind->selector, err, sizeof(err)) != 0)
		report_ref(rs, r, "selector for format %s: %s", f->name, err);
}

static void
resolve_rate(struct resolver *rs, const struct ref *r)
{
	struct indicator_conf *ind = &rs->ld->conf->indicators[r->indicator];
	struct target_conf *t = &ind->targets[r->target];
	size_t j = used_indicator(rs, r, t->rate_indicator);

	t->rate_indicator_index =
	    j < rs->ld->conf->nindicators ? j : (size_t)-1;
}

/* True for an item of a derived expression that names an indicator. */
static bool
is_indicator_item(const char *s)
{
	return *s >= 'a' && *s <= 'z' &&
	    s[strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_")] == '\0';
}

/* Adds the edge from derived indicator i to j, once. */
static void
add_edge(struct resolver *rs, size_t i, size_t j)
{
	struct edges *e = &rs->edges[i];

	for (size_t k = 0; k < e->n; k++) {
		if (e->to[k] == j)
			return;
	}
	e->to = config_yaml_grow(e->to, e->n, sizeof(*e->to));
	e->to[e->n++] = j;
}
/*
 * Checks the items of a derived expression: items that look like an id
 * ([a-z][a-z0-9_]*) name indicators, everything else (numbers, rrdtool's
 * operators) is left to rrdtool.
 */
static void
resolve_derived(struct resolver *rs, const struct ref *r)
{
	struct config *conf = rs->ld->conf;
	const char *expr = conf->indicators[r->indicator].derived;
	char *copy = config_yaml_strdup(expr), *item, *comma;
	char b[CONFIG_YAML_QUOTE_LEN];
	bool empty = false, blank = false;
	size_t j, nref = 0;

	rs->derived[r->indicator] = r;
	for (item = copy; item != NULL; item = comma ? comma + 1 : NULL) {
		if ((comma = strchr(item, ',')) != NULL)
			*comma = '\0';
		empty |= *item == '\0';
		blank |= strpbrk(item, " \t") != NULL;
		if (!is_indicator_item(item))
			continue;
		nref++;
		j = used_indicator(rs, r, item);
		if (j < conf->nindicators && conf->indicators[j].derived)
			add_edge(rs, r->indicator, j);
	}
	config_yaml_quote(expr, b, sizeof(b));
	if (empty)
		report_ref(rs, r, "empty item in the expression %s", b);
	if (blank)
		report_ref(rs, r,
		    "the items of the expression %s are separated by commas "
		    "only, without blanks",
		    b);
	if (nref == 0)
		report_ref(rs, r, "the expression %s uses no indicator", b);
	free(copy);
}

/* Reports the cycle that the edge from the path's end to i closes. */
static void
report_cycle(struct resolver *rs, size_t i)
{
	const char **ids = rs->indicators;
	char msg[1024];
	size_t k = rs->depth, o = 0;

	while (k > 0 && rs->path[k - 1] != i)
		k--;
	for (k = k - 1; k < rs->depth && o < sizeof(msg); k++)
		o += (size_t)snprintf(
		    msg + o, sizeof(msg) - o, "%s -> ", ids[rs->path[k]]);
	if (o < sizeof(msg))
		snprintf(msg + o, sizeof(msg) - o, "%s", ids[i]);
	report_ref(
	    rs, rs->derived[i], "derived indicators form a cycle: %s", msg);
}

/* Depth-first search for cycles from derived indicator i. */
static void
cycle_visit(struct resolver *rs, size_t i)
{
	const struct edges *e = &rs->edges[i];

	rs->color[i] = 1;
	rs->path[rs->depth++] = i;
	for (size_t k = 0; k < e->n; k++) {
		if (rs->color[e->to[k]] == 1)
			report_cycle(rs, e->to[k]);
		else if (rs->color[e->to[k]] == 0)
			cycle_visit(rs, e->to[k]);
	}
	rs->depth--;
	rs->color[i] = 2;
}

/* The ids of n items of size bytes whose char * id is at offset. */
static const char **
ids_of(const void *items, size_t n, size_t size, size_t offset)
{
	const char **ids = config_yaml_grow(NULL, n, sizeof(*ids));
	const char *id;

	for (size_t i = 0; i < n; i++) {
		memcpy(
		    &id, (const char *)items + i * size + offset, sizeof(id));
		ids[i] = id != NULL ? id : "";
	}
	return ids;
}

/* n zeroed items of size bytes (at least one); fatal on exhaustion. */
static void *
zalloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n > 0 ? n : 1, size)) == NULL)
		fatal("out of memory");
	return p;
}

/* Resolves every reference recorded while the files were read. */
static void
resolve_refs(struct loader *ld)
{
	struct config *conf = ld->conf;
	size_t n = conf->nindicators;
	struct resolver rs;

	memset(&rs, 0, sizeof(rs));
	rs.ld = ld;
	rs.collectors = ids_of(conf->collectors, conf->ncollectors,
	    sizeof(*conf->collectors), offsetof(struct collector_conf, id));
	rs.indicators = ids_of(conf->indicators, n, sizeof(*conf->indicators),
	    offsetof(struct indicator_conf, id));
	rs.edges = zalloc(n, sizeof(*rs.edges));
	rs.derived = zalloc(n, sizeof(*rs.derived));
	rs.color = zalloc(n, sizeof(*rs.color));
	rs.path = zalloc(n, sizeof(*rs.path));
	for (const struct ref *r = ld->refs; r < ld->refs + ld->nrefs; r++) {
		if (r->kind == REF_COLLECTOR)
			resolve_collector(&rs, r);
		else if (r->kind == REF_RATE)
			resolve_rate(&rs, r);
		else if (r->kind == REF_DERIVED)
			resolve_derived(&rs, r);
	}
	/* Selectors once every collector, and so its format, is known. */
	for (const struct ref *r = ld->refs; r < ld->refs + ld->nrefs; r++)
		if (r->kind == REF_SELECTOR)
			resolve_selector(&rs, r);
	for (size_t i = 0; i < n; i++) {
		if (rs.derived[i] != NULL && rs.color[i] == 0)
			cycle_visit(&rs, i);
		free(rs.edges[i].to);
	}
	free(rs.collectors);
	free(rs.indicators);
	free(rs.edges);
	free(rs.derived);
	free(rs.color);
	free(rs.path);
}

/* Splits "file:line:column: ..." into its file length, line and column. */
static void
error_position(const char *msg, size_t *flen, long *line, long *col)
{
	const char *p = msg;

	*flen = strlen(msg);
	*line = *col = 0;
	while ((p = strchr(p, ':')) != NULL) {
		char *end;
		long l = strtol(p + 1, &end, 10);

		if (end > p + 1 && *end == ':') {
			*flen = (size_t)(p - msg);
			*line = l;
			*col = strtol(end + 1, NULL, 10);
			return;
		}
		p++;
	}
}

/* Rank of msg's file: the position of the first message from that file. */
static size_t
error_file_rank(const struct config_errors *errors, const char *msg)
{
	size_t flen, f2;
	long line, col;

	error_position(msg, &flen, &line, &col);
	for (size_t i = 0; i < errors->n; i++) {
		error_position(errors->v[i], &f2, &line, &col);
		if (f2 == flen && strncmp(errors->v[i], msg, flen) == 0)
			return i;
	}
	return errors->n;
}

static bool
error_before(const struct config_errors *orig, const char *a, const char *b)
{
	size_t ra = error_file_rank(orig, a), rb = error_file_rank(orig, b);
	size_t flen;
	long la, lb, ca, cb;

	if (ra != rb)
		return ra < rb;
	error_position(a, &flen, &la, &ca);
	error_position(b, &flen, &lb, &cb);
	return la < lb || (la == lb && ca < cb);
}

/*
 * Orders the messages from first to n by line and column within each
 * file, files in the order they were read, so that a user reads them top
 * to bottom (references are checked after all files were read).  Ranks
 * come from the original order; insertion sort keeps ties in order.
 */
static void
errors_sort(struct config_errors *errors, size_t first)
{
	size_t n = errors->n - first;
	char **orig = malloc(n * sizeof(*orig));
	struct config_errors view;

	if (orig == NULL)
		return;
	memcpy(orig, errors->v + first, n * sizeof(*orig));
	view = (struct config_errors){orig, n};
	for (size_t i = first + 1; i < errors->n; i++) {
		char *m = errors->v[i];
		size_t j = i;

		while (j > first && error_before(&view, m, errors->v[j - 1])) {
			errors->v[j] = errors->v[j - 1];
			j--;
		}
		errors->v[j] = m;
	}
	free(orig);
}

/*
 * What targets take from the judgement section, once every file is read
 * (it may come after them): its vocabulary, and the nearly_met of their
 * family unless they have their own.
 */
static void
judgement_defaults(struct config *conf)
{
	const struct judgement_conf *jc = &conf->judgement;

	for (size_t i = 0; i < conf->nindicators; i++)
		for (size_t k = 0; k < conf->indicators[i].ntargets; k++) {
			struct target_conf *t = &conf->indicators[i].targets[k];

			t->vocabulary = jc->vocabulary;
			/* "快于预期" is the plan's: ahead of the path by as
			 * much as on_track allows behind it. */
			if (isnan(t->ahead_ratio))
				t->ahead_ratio =
				    jc->vocabulary == VOCABULARY_PLAN
				    ? 1.05
				    : INFINITY;
			if (!isnan(t->nearly_met))
				continue;
			if (t->kind == TARGET_REACH)
				t->nearly_met = jc->nearly_reach;
			else if (t->kind == TARGET_GROWTH)
				t->nearly_met = jc->nearly_growth;
			else
				t->nearly_met = jc->nearly_rule;
		}
}

struct config *
config_load(const char *path, struct config_errors *errors)
{
	struct config_errors mine = {NULL, 0};
	struct loader ld;
	size_t before;

	if (errors == NULL)
		errors = &mine;
	before = errors->n;
	memset(&ld, 0, sizeof(ld));
	ld.errors = errors;
	if ((ld.conf = calloc(1, sizeof(*ld.conf))) == NULL)
		fatal("out of memory");
	ld.conf->path = config_yaml_strdup(path);
	ld.conf->log_level = LOG_LEVEL_INFO;
	ld.conf->smtp.timeout = 30;
	ld.conf->smtp.retry_initial = 60;
	ld.conf->smtp.retry_max = 3600;
	ld.conf->max_transfers = 32;
	ld.conf->group_wait = 30;
	ld.conf->stop_timeout = 10;
	ld.conf->graphs = true;
	ld.conf->listen = config_yaml_strdup("127.0.0.1:8470");
	ld.conf->http_max_connections = 256;
	ld.conf->http_header_timeout = 10;
	ld.conf->max_per_host = 4;
	ld.conf->alerts.for_count = 1;
	ld.conf->alerts.repeat_interval = 7 * 86400;
	for (size_t i = 0; i < CONFIG_STATUS_MAX; i++)
		ld.conf->alerts.severity[i] = -1;
	ld.conf->alerts.overdue_severity = -1;
	ld.conf->judgement.vocabulary = VOCABULARY_UNSD;
	ld.conf->judgement.nearly_reach = 0.05;
	ld.conf->judgement.nearly_growth = 0.5;
	ld.conf->judgement.nearly_rule = 0;
	ld.conf->revision_tolerance = 1e-9;
	ld.conf->graph_width = 800;
	ld.conf->graph_height = 300;
	load_file(&ld, path, NULL, NULL);
	resolve_refs(&ld);
	judgement_defaults(ld.conf);
	for (size_t i = 0; i < ld.nrefs; i++)
		free(ld.refs[i].where.file);
	free(ld.refs);
	json_decref(ld.collector_ids);
	json_decref(ld.indicator_ids);
	if (errors->n > before) {
		errors_sort(errors, before);
		config_free(ld.conf);
		ld.conf = NULL;
	}
	config_errors_clear(&mine);
	return ld.conf;
}

/* Freeing. */

static void
indicator_free(struct indicator_conf *ind)
{
	free(ind->id);
	free(ind->name);
	free(ind->unit);
	free(ind->group);
	free(ind->owner);
	free(ind->collector);
	free(ind->derived);
	free(ind->selector.observations);
	free(ind->selector.period);
	free(ind->selector.value);
	free(ind->selector.year);
	for (size_t i = 0; i < ind->selector.nseries; i++) {
		free(ind->selector.series[i].key);
		free(ind->selector.series[i].value);
	}
	free(ind->selector.series);
	for (size_t i = 0; i < ind->ntargets; i++) {
		free(ind->targets[i].id);
		free(ind->targets[i].rate_indicator);
		free(ind->targets[i].where.file);
	}
	free(ind->targets);
	free(ind->where.file);
}

static void
smtp_free(struct smtp_conf *m)
{
	free(m->url);
	free(m->from);
	free(m->from_name);
	free(m->username);
	free(m->password_file);
	free(m->password_env);
	free(m->secret_file);
	free(m->maildir);
	config_yaml_free_strings(m->exec, m->nexec);
}

void
config_free(struct config *conf)
{
	size_t i;

	if (conf == NULL)
		return;
	for (i = 0; i < conf->ncollectors; i++) {
		free(conf->collectors[i].id);
		free(conf->collectors[i].url);
		free(conf->collectors[i].format);
		free(conf->collectors[i].ca_file);
		free(conf->collectors[i].auth_file);
		free(conf->collectors[i].auth_env);
		free(conf->collectors[i].where.file);
	}
	free(conf->collectors);
	for (i = 0; i < conf->nindicators; i++)
		indicator_free(&conf->indicators[i]);
	free(conf->indicators);
	smtp_free(&conf->smtp);
	for (i = 0; i < conf->nroutes; i++) {
		config_yaml_free_strings(
		    conf->routes[i].to, conf->routes[i].nto);
		config_yaml_free_strings(
		    conf->routes[i].cc, conf->routes[i].ncc);
		config_yaml_free_strings(
		    conf->routes[i].owners, conf->routes[i].nowners);
		free(conf->routes[i].where.file);
	}
	free(conf->routes);
	free(conf->path);
	free(conf->data_dir);
	free(conf->graph_dir);
	free(conf->state_dir);
	free(conf->locale);
	free(conf->timezone);
	tz_free(conf->tz);
	free(conf->listen);
	free(conf->dashboard_url);
	free(conf->rrdcached);
	free(conf->instance);
	free(conf->user);
	free(conf->group);
	free(conf->admin_token_file);
	free(conf);
}

void
config_errors_clear(struct config_errors *errors)
{
	config_yaml_free_strings(errors->v, errors->n);
	errors->v = NULL;
	errors->n = 0;
}

const struct indicator_conf *
config_indicator(const struct config *conf, const char *id)
{
	for (size_t i = 0; i < conf->nindicators; i++) {
		if (strcmp(conf->indicators[i].id, id) == 0)
			return &conf->indicators[i];
	}
	return NULL;
}

const char *
severity_name(enum severity sev)
{
	if ((size_t)sev >= NITEMS(severity_names))
		return "unknown";
	return severity_names[sev];
}
