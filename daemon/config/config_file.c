/*
 * config_file: the files of a configuration.  The main file is read
 * first; its "include" globs name further files (sorted, relative to the
 * including file), read where the include is written, each with its
 * real path on a stack so that a loop or too deep a nesting is reported
 * instead of followed.  A file that is not a mapping of keys is said so
 * in one line, its contents never quoted back.
 */
#include <errno.h>
#include <glob.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "config_load.h"

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

void
config_file_load(struct loader *ld, const char *file, struct config_yaml *from,
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
	config_main_walk(&y, ld->conf, from == NULL);
	ld->depth--;
	config_yaml_close(&y);
out:
	free(real);
	free(dir);
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
			config_file_load(y->arg, g.gl_pathv[i], y, val);
	}
	if (rc == 0)
		globfree(&g);
	free(full);
}

void
config_file_include(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
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
