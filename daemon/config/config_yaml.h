/*
 * config_yaml: typed access to the nodes of one libyaml document for the
 * configuration loader (config.c).  It reads a file into a document,
 * reports every problem as "file:line:column: message" (1-based, at the
 * node that is wrong) into a struct config_errors, and walks a mapping
 * through a table of keys, each with its handler: unknown keys (with a
 * "did you mean" hint), duplicate keys and missing required keys are
 * reported here, so the section files (config_main.c and the others
 * config_load.h lists) hold only the schema.  config_yaml.c has the
 * document, the messages and the walk; config_yaml_value.c the values.
 *
 * Nothing here knows the schema.  Every getter reports its own error and
 * returns false; the caller keeps its default and goes on, so that one run
 * reports every mistake.  Allocation failure is fatal.
 */
#ifndef PLANWATCH_CONFIG_YAML_H
#define PLANWATCH_CONFIG_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include <yaml.h>

#include "config.h"
#include "quote.h"

/* Longest id: ids name files and appear in URLs, so keep them short. */
#define CONFIG_YAML_ID_MAX 64
/* Largest configuration file read, in bytes. */
#define CONFIG_YAML_FILE_MAX (4 * 1024 * 1024)
/* Nesting of mappings and sequences in one file (the JSON parsers cap
 * theirs too); a configuration needs about 6. */
#define CONFIG_YAML_DEPTH_MAX 64

/* One file being read.  Owned by whoever called config_yaml_open. */
struct config_yaml {
	yaml_document_t doc;
	char *file; /* the name used in messages */
	char *dir; /* absolute directory of the file, for relative paths */
	struct config_errors *errors;
	void *arg; /* the loader's, for handlers that need more */
	yaml_node_t *key; /* while a handler runs: the key of its value */
};

struct config_yaml_key;

/* Handles the value of one key of a mapping; obj is what is being filled. */
typedef void config_yaml_fn(struct config_yaml *y,
    const struct config_yaml_key *key, void *obj, yaml_node_t *val);

/* Reads one item of a list (config_yaml_each) into obj. */
typedef void config_yaml_item_fn(
    struct config_yaml *y, void *obj, yaml_node_t *item);

/* One key of a mapping and what to do with its value. */
struct config_yaml_key {
	const char *name;
	config_yaml_fn *fn;
	size_t offset; /* of the field in obj, for the config_yaml_set_* */
	bool required; /* reported on the mapping when absent */
	const char *refuse; /* when set, the key is an error for this reason */
	long lo, hi; /* config_yaml_set_whole: the range of the number */
	config_yaml_item_fn *item; /* config_yaml_each: reads each item */
	const char *const *names; /* config_yaml_set_choice: the choices */
	size_t nnames;
	/* config_text_set: where the texts per locale are, the first at
	 * tr_offset of obj, each next tr_stride bytes further. */
	size_t tr_offset, tr_stride;
};

/*
 * Reads and parses file (named so in messages; dir is its absolute
 * directory).  YAML errors and an empty file are reported with their
 * location and return -1 with err empty; a file that cannot be read
 * returns -1 with the reason in err, for the caller to report where the
 * file was named.
 */
int config_yaml_open(struct config_yaml *y, const char *file, const char *dir,
    struct config_errors *errors, char *err, size_t errlen);
/* Frees what config_yaml_open made. */
void config_yaml_close(struct config_yaml *y);
/* The root node of an open document. */
yaml_node_t *config_yaml_root(struct config_yaml *y);

/* Appends "file:line:column: message" (no line when line is 0). */
void config_yaml_report(struct config_errors *errors, const char *file,
    int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Reports a message at node. */
void config_yaml_error(struct config_yaml *y, const yaml_node_t *node,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Records where node is (the file name is copied). */
void config_yaml_where(
    struct config_yaml *y, const yaml_node_t *node, struct config_where *where);
/* Writes what node is ("a list", "\"abc\"", ...) for messages, into a
 * buf of QUOTE_BUF bytes (quote.h). */
const char *config_yaml_describe(
    const yaml_node_t *node, char *buf, size_t len);
/* Writes "a, b or c" into buf. */
const char *config_yaml_choices(
    const char *const *names, size_t n, char *buf, size_t len);
/* The closest of names to word within edit distance 2, or NULL. */
const char *config_yaml_similar(
    const char *word, const char *const *names, size_t n);

/*
 * Walks the mapping map with the table keys, calling each key's handler
 * with obj (and y->key set to the key, for messages about the key itself).
 * Returns false (reported) when map is not a mapping.
 */
bool config_yaml_walk(struct config_yaml *y, yaml_node_t *map,
    const struct config_yaml_key *keys, size_t nkeys, void *obj);
/* The value of key in mapping map (the first, if repeated), or NULL. */
yaml_node_t *config_yaml_get(
    struct config_yaml *y, yaml_node_t *map, const char *key);
/* The text of a scalar node; "" for a list or a mapping. */
const char *config_yaml_str(const yaml_node_t *node);
/* True for an empty plain scalar, "~" or "null". */
bool config_yaml_is_null(const yaml_node_t *node);
/* True when node is a mapping; reports "expected a mapping" otherwise. */
bool config_yaml_is_map(struct config_yaml *y, yaml_node_t *node);
/* Items in the list node (a null counts as empty); reports a non-list. */
size_t config_yaml_len(struct config_yaml *y, yaml_node_t *node);
/* Item i of the list node. */
yaml_node_t *config_yaml_at(struct config_yaml *y, yaml_node_t *node, size_t i);

/* A non-empty scalar without control characters, borrowed. */
bool config_yaml_text(struct config_yaml *y, yaml_node_t *node, const char **s);
/* A finite number (a YAML int or float). */
bool config_yaml_number(struct config_yaml *y, yaml_node_t *node, double *d);
/* A duration: integer seconds, or a number with s, m, h or d. */
bool config_yaml_duration(
    struct config_yaml *y, yaml_node_t *node, bool zero_ok, double *d);
/* A whole number from lo to hi. */
bool config_yaml_whole(
    struct config_yaml *y, yaml_node_t *node, long lo, long hi, long *n);
/* A size: a positive integer, or one with k or M (1024-based). */
bool config_yaml_size(struct config_yaml *y, yaml_node_t *node, size_t *n);
/* One of names, by index; reports the choices otherwise. */
bool config_yaml_enum(struct config_yaml *y, yaml_node_t *node,
    const char *const *names, size_t n, int *idx);
/*
 * One of key->names, whose index is stored in the enum field at
 * key->offset of obj (an enum of small values is an int's size: the files
 * that use it assert so); false when val is none of them (reported).
 */
bool config_yaml_choice(struct config_yaml *y,
    const struct config_yaml_key *key, void *obj, yaml_node_t *val);
/* A string or a list of strings, into a new array (replacing *v). */
bool config_yaml_strings(
    struct config_yaml *y, yaml_node_t *node, char ***v, size_t *n);
/* path resolved against the file's directory, cleaned; malloc'd. */
char *config_yaml_path(struct config_yaml *y, const char *path);

/* Calls key->item for each item of a list (none for a null). */
config_yaml_fn config_yaml_each;

/* Handlers that store into the field at key->offset of obj. */
config_yaml_fn config_yaml_set_string; /* char *, not empty */
config_yaml_fn config_yaml_set_path; /* char *, made absolute */
config_yaml_fn config_yaml_set_number; /* double, finite */
config_yaml_fn config_yaml_set_duration; /* double seconds, > 0 */
config_yaml_fn config_yaml_set_duration0; /* double seconds, >= 0 */
config_yaml_fn config_yaml_set_size; /* size_t, > 0 */
config_yaml_fn config_yaml_set_bool; /* bool */
config_yaml_fn config_yaml_set_id; /* char *, [a-z0-9_]+ */
config_yaml_fn config_yaml_set_whole; /* long, key->lo to key->hi */
config_yaml_fn config_yaml_set_choice; /* enum, config_yaml_choice */
config_yaml_fn config_yaml_set_env; /* char *, an environment variable's
				       name (not its value) */

/* Allocation that cannot fail (fatal on exhaustion). */
char *config_yaml_strdup(const char *s);
/*
 * Stores the text of val in *dst when ok; otherwise reports that val is
 * not what was expected ("expected <expected>, got ..."), *dst NULL.
 */
void config_yaml_set_text_if(struct config_yaml *y, yaml_node_t *val,
    char **dst, bool ok, const char *expected);
/* Whether s is an http:// or https:// URL fit for a link (no blanks,
 * quotes or angle brackets; at most 512 bytes). */
bool config_yaml_http_url(const char *s);
/* A new formatted string; fatal on exhaustion. */
char *config_yaml_printf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* Returns v grown to n + 1 elements of size, the new one zeroed. */
void *config_yaml_grow(void *v, size_t n, size_t size);
/* Frees an array of n strings. */
void config_yaml_free_strings(char **v, size_t n);

#endif
