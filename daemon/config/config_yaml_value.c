/*
 * config_yaml_value: the values of the configuration, one kind each
 * (text, number, whole number, duration, size, choice, list of strings,
 * path, environment variable name, id, boolean), and the table handlers
 * that store them into the field a key names (config_yaml.h).  Each
 * checks its node and reports what is wrong with it there, quoting the
 * offending text short and escaped (quote.h).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_yaml.h"
#include "log.h"

#define DURATION_MAX (3650.0 * 86400) /* ten years */

#define FIELD(obj, key, type) ((type *)(void *)((char *)(obj) + (key)->offset))

static const char *
scalar(const yaml_node_t *node)
{
	return (const char *)node->data.scalar.value;
}

bool
config_yaml_text(struct config_yaml *y, yaml_node_t *node, const char **s)
{
	char q[QUOTE_BUF];
	const unsigned char *u;

	if (node->type != YAML_SCALAR_NODE || config_yaml_is_null(node) ||
	    node->data.scalar.length == 0) {
		config_yaml_error(y, node, "expected a string, got %s",
		    config_yaml_describe(node, q, sizeof(q)));
		return false;
	}
	u = node->data.scalar.value;
	for (size_t i = 0; i < node->data.scalar.length; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f) {
			config_yaml_error(y, node,
			    "control characters are not allowed: %s",
			    config_yaml_describe(node, q, sizeof(q)));
			return false;
		}
	}
	*s = scalar(node);
	return true;
}

bool
config_yaml_number(struct config_yaml *y, yaml_node_t *node, double *d)
{
	char q[QUOTE_BUF], *end;
	const char *s;
	double v;

	if (node->type == YAML_SCALAR_NODE && !config_yaml_is_null(node)) {
		s = scalar(node);
		errno = 0;
		v = strtod(s, &end);
		if (end != s && *end == '\0' && isfinite(v) && errno == 0) {
			*d = v;
			return true;
		}
	}
	config_yaml_error(y, node, "expected a number, got %s",
	    config_yaml_describe(node, q, sizeof(q)));
	return false;
}

bool
config_yaml_whole(
    struct config_yaml *y, yaml_node_t *node, long lo, long hi, long *n)
{
	char q[QUOTE_BUF], *end;
	const char *s = node->type == YAML_SCALAR_NODE ? scalar(node) : NULL;
	long v = s != NULL ? strtol(s, &end, 10) : 0;

	if (s == NULL || *s == '\0' || *end != '\0' || v < lo || v > hi) {
		config_yaml_error(y, node,
		    "expected a whole number from %ld to %ld, got %s", lo, hi,
		    config_yaml_describe(node, q, sizeof(q)));
		return false;
	}
	*n = v;
	return true;
}

/* Seconds in one unit s, m, h or d; 0 for anything else. */
static double
duration_unit(const char *u)
{
	static const struct {
		const char *name;
		double seconds;
	} units[] = {{"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(u, units[i].name) == 0)
			return units[i].seconds;
	}
	return 0;
}

/* Parses a duration; a bare number must be whole seconds. */
static bool
duration_parse(const char *s, double *d)
{
	char *end;
	double v, unit = 1;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno == ERANGE || !isfinite(v))
		return false;
	if (*end == '\0' && strspn(s, "0123456789") != strlen(s))
		return false; /* a bare number is whole seconds */
	if (*end != '\0' && (unit = duration_unit(end)) == 0)
		return false;
	*d = v * unit;
	return true;
}

bool
config_yaml_duration(
    struct config_yaml *y, yaml_node_t *node, bool zero_ok, double *d)
{
	char q[QUOTE_BUF];
	double v;

	if (node->type != YAML_SCALAR_NODE || config_yaml_is_null(node) ||
	    !duration_parse(scalar(node), &v)) {
		config_yaml_error(y, node,
		    "expected a duration such as 90s, 5m, 1.5h or 1d, got %s",
		    config_yaml_describe(node, q, sizeof(q)));
		return false;
	}
	quote_text(q, sizeof(q), scalar(node), QUOTE_MAX, '"');
	if (v < 0 || (v == 0 && !zero_ok)) {
		config_yaml_error(y, node, "duration %s must be %s", q,
		    zero_ok ? "0 or more" : "more than 0");
		return false;
	}
	if (v > DURATION_MAX) {
		config_yaml_error(
		    y, node, "duration %s is longer than 10 years", q);
		return false;
	}
	*d = v;
	return true;
}

/* Parses a size: digits, then nothing, k, K or M. */
static bool
size_parse(const char *s, size_t *n)
{
	unsigned long long v;
	size_t mult = 1;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return false;
	if (strcmp(end, "k") == 0 || strcmp(end, "K") == 0)
		mult = 1024;
	else if (strcmp(end, "M") == 0)
		mult = 1024 * 1024;
	else if (*end != '\0')
		return false;
	if (v == 0 || v > SIZE_MAX / mult)
		return false;
	*n = (size_t)v * mult;
	return true;
}

bool
config_yaml_size(struct config_yaml *y, yaml_node_t *node, size_t *n)
{
	char q[QUOTE_BUF];

	if (node->type == YAML_SCALAR_NODE && !config_yaml_is_null(node) &&
	    size_parse(scalar(node), n))
		return true;
	config_yaml_error(y, node,
	    "expected a size above 0 such as 65536, 512k or 8M, got %s",
	    config_yaml_describe(node, q, sizeof(q)));
	return false;
}

const char *
config_yaml_choices(const char *const *names, size_t n, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && o < len; i++) {
		o += (size_t)snprintf(buf + o, len - o, "%s%s",
		    i == 0 ? "" : (i + 1 == n ? " or " : ", "), names[i]);
	}
	return buf;
}

bool
config_yaml_enum(struct config_yaml *y, yaml_node_t *node,
    const char *const *names, size_t n, int *idx)
{
	char q[QUOTE_BUF], c[256];
	const char *s;

	if (!config_yaml_text(y, node, &s))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0) {
			*idx = (int)i;
			return true;
		}
	}
	config_yaml_error(y, node, "expected %s, got %s",
	    config_yaml_choices(names, n, c, sizeof(c)),
	    quote_text(q, sizeof(q), s, QUOTE_MAX, '"'));
	return false;
}

bool
config_yaml_choice(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	int i;

	if (!config_yaml_enum(y, val, key->names, key->nnames, &i))
		return false;
	memcpy((char *)obj + key->offset, &i, sizeof(i));
	return true;
}

bool
config_yaml_strings(
    struct config_yaml *y, yaml_node_t *node, char ***v, size_t *n)
{
	yaml_node_t *item;
	const char *s;
	bool ok = true;
	size_t len;

	config_yaml_free_strings(*v, *n);
	*v = NULL;
	*n = 0;
	if (node->type == YAML_SCALAR_NODE && !config_yaml_is_null(node)) {
		if (!config_yaml_text(y, node, &s))
			return false;
		*v = config_yaml_grow(NULL, 0, sizeof(char *));
		(*v)[(*n)++] = config_yaml_strdup(s);
		return true;
	}
	if (node->type != YAML_SEQUENCE_NODE && !config_yaml_is_null(node))
		ok = false;
	len = config_yaml_len(y, node);
	for (size_t i = 0; i < len; i++) {
		item = config_yaml_at(y, node, i);
		if (!config_yaml_text(y, item, &s)) {
			ok = false;
			continue;
		}
		*v = config_yaml_grow(*v, *n, sizeof(char *));
		(*v)[(*n)++] = config_yaml_strdup(s);
	}
	return ok;
}

/*
 * Removes ".", ".." and repeated slashes from an absolute path.  This is
 * lexical: the directory part came from realpath, so only a symbolic link
 * named inside the configured part followed by ".." could differ.
 */
static char *
clean_path(const char *in)
{
	char *out = malloc(strlen(in) + 2);
	const char *p = in, *seg;
	size_t o = 0, n;

	if (out == NULL)
		fatal("out of memory");
	while (*p != '\0') {
		while (*p == '/')
			p++;
		for (seg = p; *p != '\0' && *p != '/'; p++)
			;
		if ((n = (size_t)(p - seg)) == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			o -= o > 0;
			continue;
		}
		out[o++] = '/';
		memcpy(out + o, seg, n);
		o += n;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return out;
}

char *
config_yaml_path(struct config_yaml *y, const char *path)
{
	char *joined, *clean;

	if (path[0] == '/')
		return clean_path(path);
	joined = config_yaml_printf("%s/%s", y->dir, path);
	clean = clean_path(joined);
	free(joined);
	return clean;
}

/* Stores the text of val in key's char * field, made a path when path. */
static void
set_text(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val, bool path)
{
	char **dst = FIELD(obj, key, char *);
	const char *s;

	if (!config_yaml_text(y, val, &s))
		return;
	free(*dst);
	*dst = path ? config_yaml_path(y, s) : config_yaml_strdup(s);
}

void
config_yaml_set_string(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	set_text(y, key, obj, val, false);
}

void
config_yaml_set_path(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	set_text(y, key, obj, val, true);
}

void
config_yaml_set_number(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	config_yaml_number(y, val, FIELD(obj, key, double));
}

void
config_yaml_set_duration(struct config_yaml *y,
    const struct config_yaml_key *key, void *obj, yaml_node_t *val)
{
	config_yaml_duration(y, val, false, FIELD(obj, key, double));
}

void
config_yaml_set_duration0(struct config_yaml *y,
    const struct config_yaml_key *key, void *obj, yaml_node_t *val)
{
	config_yaml_duration(y, val, true, FIELD(obj, key, double));
}

void
config_yaml_set_size(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	config_yaml_size(y, val, FIELD(obj, key, size_t));
}

void
config_yaml_set_bool(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	static const char *const yes[] = {"true", "yes", "on"};
	static const char *const no[] = {"false", "no", "off"};
	char q[QUOTE_BUF];
	bool *dst = FIELD(obj, key, bool);

	for (size_t i = 0; val->type == YAML_SCALAR_NODE && i < 3; i++) {
		if (strcasecmp(scalar(val), yes[i]) == 0 ||
		    strcasecmp(scalar(val), no[i]) == 0) {
			*dst = strcasecmp(scalar(val), yes[i]) == 0;
			return;
		}
	}
	config_yaml_error(y, val, "expected true or false, got %s",
	    config_yaml_describe(val, q, sizeof(q)));
}

void
config_yaml_set_id(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	char **dst = FIELD(obj, key, char *), q[QUOTE_BUF];
	const char *s;
	size_t n;

	if (!config_yaml_text(y, val, &s))
		return;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (s[n] != '\0' || n > CONFIG_YAML_ID_MAX) {
		config_yaml_error(y, val,
		    "invalid id %s: use lowercase letters, digits and _, "
		    "at most %d",
		    quote_text(q, sizeof(q), s, QUOTE_MAX, '"'),
		    CONFIG_YAML_ID_MAX);
		return;
	}
	free(*dst);
	*dst = config_yaml_strdup(s);
}

void
config_yaml_set_whole(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	config_yaml_whole(y, val, key->lo, key->hi, FIELD(obj, key, long));
}

/* The name of an environment variable, not its value (a secret's). */
void
config_yaml_set_env(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	char **dst = FIELD(obj, key, char *), q[QUOTE_BUF];
	const char *s = config_yaml_str(val);
	bool ok = *s != '\0' && !(*s >= '0' && *s <= '9');

	for (const char *p = s; *p && ok; p++)
		ok = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '_';
	if (!ok) {
		config_yaml_error(y, val,
		    "expected the name of an environment variable such as "
		    "STATS_API_TOKEN, got %s",
		    config_yaml_describe(val, q, sizeof(q)));
		return;
	}
	free(*dst);
	*dst = config_yaml_strdup(s);
}

void
config_yaml_set_choice(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	config_yaml_choice(y, key, obj, val);
}

void
config_yaml_set_text_if(struct config_yaml *y, yaml_node_t *val, char **dst,
    bool ok, const char *expected)
{
	char b[QUOTE_BUF];

	free(*dst);
	*dst = NULL;
	if (ok)
		*dst = config_yaml_strdup(config_yaml_str(val));
	else
		config_yaml_error(y, val, "expected %s, got %s", expected,
		    config_yaml_describe(val, b, sizeof(b)));
}

bool
config_yaml_http_url(const char *s)
{
	return s != NULL &&
	    (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0) &&
	    strpbrk(s, " \t\r\n\"<>") == NULL && strlen(s) <= 512;
}
