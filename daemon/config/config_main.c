/*
 * config_main: the keys of the main configuration file, the daemon's own
 * settings (directories, logging, the HTTP server, storage, transfers,
 * charts, locale, time zone and the plan's name), the table that names
 * every section, and the table of an included file, which may hold only
 * collectors, indicators, routes, chapters, bureaus and more includes.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_load.h"

#define ONLY_MAIN "is only allowed in the main configuration file"

/* log_format: text or kv (key=value lines for log collectors). */
static void
main_log_format(struct config_yaml *y, const struct config_yaml_key *key,
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
main_log_level(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;
	char b[QUOTE_BUF];
	const char *s;

	(void)key;
	if (config_yaml_text(y, val, &s) &&
	    log_level_parse(s, &conf->log_level) == -1)
		config_yaml_error(y, val,
		    "expected error, warn, info or debug, got %s",
		    quote_text(b, sizeof(b), s, QUOTE_MAX, '"'));
}

static void
main_locale(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct config *conf = obj;
	int i;

	(void)key;
	if (!config_yaml_enum(y, val, config_locale_names, LOCALE_COUNT, &i))
		return;
	free(conf->locale);
	conf->locale = config_yaml_strdup(config_locale_names[i]);
}

static const struct config_yaml_key plan_keys[] = {
    TEXT_REQUIRED(
	"name", struct config, plan_name, plan_names[0], plan_names[1]),
};

/*
 * plan: {name: ...}, what the configuration monitors.  A mapping, so
 * that what else a plan needs (issue 20: more than one) has room.
 */
static void
main_plan(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	(void)key;
	if (config_yaml_is_map(y, val))
		config_yaml_walk(y, val, plan_keys, NITEMS(plan_keys), obj);
}

/*
 * The zone times are shown in to people: loaded now, so that check-config
 * tells a name that is no zone file (a typo, or tzdata missing).
 */
static void
main_timezone(struct config_yaml *y, const struct config_yaml_key *key,
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

/* host:port of the HTTP server, or "off". */
static void
main_listen(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct config *conf = obj;
	const char *s = config_yaml_str(val), *colon = strrchr(s, ':');
	char *end;
	long port = colon ? strtol(colon + 1, &end, 10) : -1;

	(void)key;
	if (strcmp(s, "off") == 0) {
		free(conf->listen);
		conf->listen = NULL;
		return;
	}
	config_yaml_set_text_if(y, val, &conf->listen,
	    colon != NULL && colon != s && *end == '\0' && port >= 0 &&
		port <= 65535,
	    "host:port such as 127.0.0.1:8470, or off");
}

/* Whether s is an address librrd's client takes: "unix:/path" or
 * "host:port". */
static bool
daemon_address_ok(const char *s)
{
	const char *colon = strrchr(s, ':');
	char *end;
	long port = colon != NULL ? strtol(colon + 1, &end, 10) : -1;
	bool unix_ok = strncmp(s, "unix:/", 6) == 0 && strlen(s) < 100;

	return unix_ok ||
	    (colon != NULL && colon != s && *end == '\0' && port > 0 &&
		port <= 65535 && strpbrk(s, " \t/") == NULL);
}

#define ADDRESS_EXPECTED                                                       \
	"unix:/path/to/socket or host:port such as 127.0.0.1:42217"

/* A shard's name: 1 to 64 of [a-z0-9_-]; the key hashes it. */
static void
shard_name(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct storage_shard *sh = obj;
	const char *s = config_yaml_str(val);
	size_t n = strlen(s);

	(void)key;
	config_yaml_set_text_if(y, val, &sh->name,
	    n >= 1 && n <= 64 &&
		strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n,
	    "a shard name of 1 to 64 characters a-z, 0-9, _ or -");
	sh->line = (int)val->start_mark.line + 1;
	sh->column = (int)val->start_mark.column + 1;
}

static void
shard_address(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct storage_shard *sh = obj;

	(void)key;
	config_yaml_set_text_if(y, val, &sh->address,
	    daemon_address_ok(config_yaml_str(val)), ADDRESS_EXPECTED);
}

static const struct config_yaml_key shard_keys[] = {
    REQUIRED("name", shard_name),
    REQUIRED("address", shard_address),
};

/* Reports a name or an address that an earlier shard has already. */
static void
shard_unique(struct config_yaml *y, const struct config *conf,
    const struct storage_shard *sh, yaml_node_t *item)
{
	for (size_t i = 0; i < conf->nshards; i++) {
		const struct storage_shard *o = &conf->shards[i];

		if (sh->name != NULL && o->name != NULL &&
		    strcmp(sh->name, o->name) == 0)
			config_yaml_error(y, config_yaml_get(y, item, "name"),
			    "duplicate shard name '%s' (first at line %d, "
			    "column %d)",
			    sh->name, o->line, o->column);
		/* Two names for one daemon would be one shard counted twice
		 * by the key. */
		if (sh->address != NULL && o->address != NULL &&
		    strcmp(sh->address, o->address) == 0)
			config_yaml_error(y,
			    config_yaml_get(y, item, "address"),
			    "duplicate shard address '%s' (shard '%s' has it)",
			    sh->address, o->name != NULL ? o->name : "?");
	}
}

/* One item of storage.rrdcached's list of shards. */
static void
storage_shard(struct config_yaml *y, struct config *conf, yaml_node_t *item)
{
	struct storage_shard sh = {0};

	if (!config_yaml_walk(y, item, shard_keys, NITEMS(shard_keys), &sh))
		return;
	shard_unique(y, conf, &sh, item);
	conf->shards =
	    config_yaml_grow(conf->shards, conf->nshards, sizeof(sh));
	conf->shards[conf->nshards++] = sh;
}

/* storage.rrdcached as a list of 1 to STORAGE_SHARDS_MAX shards. */
static void
storage_shards(struct config_yaml *y, struct config *conf, yaml_node_t *val)
{
	size_t n = config_yaml_len(y, val);

	if (n == 0 || n > STORAGE_SHARDS_MAX) {
		config_yaml_error(y, val,
		    "expected 1 to %d shards ({name, address}), got %zu",
		    STORAGE_SHARDS_MAX, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		storage_shard(y, conf, config_yaml_at(y, val, i));
}

/*
 * storage.rrdcached: "unix:/run/rrdcached.sock" or "host:port", the forms
 * librrd's client takes; or a list of shards, each {name, address}.
 */
static void
storage_rrdcached(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	if (val->type == YAML_SEQUENCE_NODE) {
		storage_shards(y, conf, val);
		return;
	}
	config_yaml_set_text_if(y, val, &conf->rrdcached,
	    daemon_address_ok(config_yaml_str(val)), ADDRESS_EXPECTED);
}

static const struct config_yaml_key storage_keys[] = {
    KEY("rrdcached", storage_rrdcached),
};

static void
main_storage(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	(void)key;
	if (config_yaml_is_map(y, val))
		config_yaml_walk(
		    y, val, storage_keys, NITEMS(storage_keys), obj);
}

/* Where readers of the mail open the dashboard: an http(s) URL. */
static void
main_dashboard_url(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;
	const char *s = config_yaml_str(val);
	char *u;

	(void)key;
	config_yaml_set_text_if(y, val, &conf->dashboard_url,
	    config_yaml_http_url(s),
	    "an http:// or https:// URL such as "
	    "https://planwatch.cangshan.example");
	/* Links append "/indicator/<id>": no slash of its own at the end. */
	while ((u = conf->dashboard_url) != NULL && strlen(u) > 8 &&
	    u[strlen(u) - 1] == '/')
		u[strlen(u) - 1] = '\0';
}

/*
 * The time a client has for a whole request; bounded below so that a
 * slow but honest client (a phone) is not cut off.
 */
static void
main_http_header_timeout(struct config_yaml *y,
    const struct config_yaml_key *key, void *obj, yaml_node_t *val)
{
	struct config *conf = obj;
	char b[QUOTE_BUF];
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
main_revision_tolerance(struct config_yaml *y,
    const struct config_yaml_key *key, void *obj, yaml_node_t *val)
{
	struct config *conf = obj;
	char b[QUOTE_BUF], *end = NULL;
	const char *s = config_yaml_str(val);
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

static const struct config_yaml_key main_keys[] = {
    FIELD("data_dir", config_yaml_set_path, struct config, data_dir),
    FIELD("graph_dir", config_yaml_set_path, struct config, graph_dir),
    FIELD("state_dir", config_yaml_set_path, struct config, state_dir),
    KEY("log_level", main_log_level),
    KEY("log_format", main_log_format),
    FIELD("group_wait", config_yaml_set_duration0, struct config, group_wait),
    FIELD(
	"stop_timeout", config_yaml_set_duration0, struct config, stop_timeout),
    FIELD("graphs", config_yaml_set_bool, struct config, graphs),
    WHOLE("graph_width", struct config, graph_width, 200, 4000),
    KEY("revision_tolerance", main_revision_tolerance),
    WHOLE("graph_height", struct config, graph_height, 100, 2000),
    WHOLE("wall_refresh", struct config, wall_refresh, 10, 3600),
    WHOLE("dashboard_refresh", struct config, dashboard_refresh, 0, 86400),
    KEY("listen", main_listen),
    /* Fewer when descriptors are short (webconn.c). */
    WHOLE(
	"http_max_connections", struct config, http_max_connections, 1, 100000),
    KEY("http_header_timeout", main_http_header_timeout),
    KEY("dashboard_url", main_dashboard_url),
    KEY("storage", main_storage),
    FIELD("instance", config_yaml_set_id, struct config, instance),
    FIELD("user", config_yaml_set_string, struct config, user),
    FIELD("group", config_yaml_set_string, struct config, group),
    FIELD("admin_token_file", config_yaml_set_path, struct config,
	admin_token_file),
    WHOLE("max_transfers", struct config, max_transfers, 1, 10000),
    WHOLE("max_per_host", struct config, max_per_host, 1, 1000),
    KEY("locale", main_locale),
    KEY("timezone", main_timezone),
    KEY("plan", main_plan),
    LIST("plans", config_plans_load),
    KEY("chapters", config_i18n_chapters),
    KEY("bureaus", config_i18n_bureaus),
    KEY("include", config_file_include),
    LIST("collectors", config_collector_load),
    LIST("indicators", config_indicator_load),
    KEY("smtp", config_mail_smtp),
    LIST("routes", config_mail_route),
    KEY("alerts", config_judgement_alerts),
    KEY("judgement", config_judgement_load),
};

static const struct config_yaml_key included_keys[] = {
    KEY("include", config_file_include),
    KEY("chapters", config_i18n_chapters),
    KEY("bureaus", config_i18n_bureaus),
    LIST("collectors", config_collector_load),
    LIST("indicators", config_indicator_load),
    LIST("routes", config_mail_route),
    REFUSE("data_dir", ONLY_MAIN),
    REFUSE("graph_dir", ONLY_MAIN),
    REFUSE("state_dir", ONLY_MAIN),
    REFUSE("log_level", ONLY_MAIN),
    REFUSE("log_format", ONLY_MAIN),
    REFUSE("locale", ONLY_MAIN),
    REFUSE("plan", ONLY_MAIN),
    REFUSE("plans", ONLY_MAIN),
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
	if ((conf->rrdcached != NULL || conf->nshards > 0) &&
	    conf->data_dir[0] != '/') {
		char cwd[4096];

		if (getcwd(cwd, sizeof(cwd)) != NULL) {
			char *abs =
			    config_yaml_printf("%s/%s", cwd, conf->data_dir);

			free(conf->data_dir);
			conf->data_dir = abs;
		}
	}
}

/* Walks the root of y: the main file's keys, or an included file's. */
void
config_main_walk(struct config_yaml *y, struct config *conf, bool main)
{
	if (main) {
		config_yaml_walk(
		    y, config_yaml_root(y), main_keys, NITEMS(main_keys), conf);
		main_defaults(y, conf);
	} else
		config_yaml_walk(y, config_yaml_root(y), included_keys,
		    NITEMS(included_keys), conf);
}
