/*
 * config_collector: the "collectors" section, each collector's keys (its
 * feed's URL and format, schedule, transfer limits, credentials, retries)
 * and the checks that span keys.  A collector's id enters the
 * configuration's index (conf->collector_ids) as it is read, so a
 * repeated id is reported at once, at the second definition.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_load.h"
#include "formats.h"

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
	char b[QUOTE_BUF], *url = NULL;
	const char *s;

	(void)key;
	if (!config_yaml_text(y, val, &s))
		return;
	if ((config_prefix_ci(s, "http://") && s[7] != '\0') ||
	    (config_prefix_ci(s, "https://") && s[8] != '\0'))
		url = config_yaml_strdup(s);
	else if (config_prefix_ci(s, "file:"))
		url = file_url(y, val, s + 5);
	else
		config_yaml_error(y, val,
		    "unsupported URL %s: use http://, https:// or file:",
		    quote_text(b, sizeof(b), s, QUOTE_MAX, '"'));
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
	while (n < NITEMS(names) && formats_name(n) != NULL) {
		names[n] = formats_name(n);
		n++;
	}
	if (!config_yaml_enum(y, val, names, n, &i))
		return;
	free(c->format);
	c->format = config_yaml_strdup(names[i]);
}

static void
col_fail_after(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct collector_conf *c = obj;
	long v;

	(void)key;
	if (config_yaml_whole(y, val, 1, 1000, &v))
		c->fail_after = (unsigned)v;
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
    WHOLE(
	"low_speed_limit", struct collector_conf, low_speed_limit, 1, 1L << 30),
    WHOLE("redirects", struct collector_conf, redirects, 0, 10),
    FIELD("ca_file", config_yaml_set_path, struct collector_conf, ca_file),
    FIELD("auth_file", config_yaml_set_path, struct collector_conf, auth_file),
    FIELD("auth_env", config_yaml_set_env, struct collector_conf, auth_env),
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
	yaml_node_t *val;
	long first = c->id == NULL
	    ? -1
	    : config_id_add(conf->collector_ids, c->id, conf->ncollectors - 1);

	if (first >= 0)
		config_id_duplicate(y, node, "collector", c->id,
		    &conf->collectors[first].where);
	if (c->url != NULL && config_prefix_ci(c->url, "file:") &&
	    !c->allow_file) {
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

void
config_collector_load(struct config_yaml *y, void *obj, yaml_node_t *node)
{
	struct config *conf = obj;
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
