/*
 * config_load: what the files of the configuration loader share, private
 * to them (config.c and config_*.c; nothing else includes it).  config.c
 * runs the steps: config_file.c reads the main file and its includes,
 * walking each with the key tables of config_main.c, whose sections are
 * read by config_collector.c, config_indicator.c (with config_target.c),
 * config_mail.c and config_judgement.c; config_ref.c then resolves the
 * ids that span files, config_errors.c sorts the messages and
 * config_free.c frees what was read.
 */
#ifndef PLANWATCH_CONFIG_LOAD_H
#define PLANWATCH_CONFIG_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "config_yaml.h"

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Entries of a struct config_yaml_key table. */
/* clang-format off */
#define KEY(n, f) {.name = n, .fn = f}
#define REQUIRED(n, f) {.name = n, .fn = f, .required = true}
#define FIELD(n, f, type, member) \
	{.name = n, .fn = f, .offset = offsetof(type, member)}
#define FIELD_REQUIRED(n, f, type, member) \
	{.name = n, .fn = f, .offset = offsetof(type, member), .required = true}
/* A long field holding a whole number from l to h. */
#define WHOLE(n, type, member, l, h) \
	{.name = n, .fn = config_yaml_set_whole, \
	    .offset = offsetof(type, member), .lo = l, .hi = h}
/* An enum field, the index of one of names (config_yaml_choice). */
#define CHOICE(n, type, member, names_) \
	{.name = n, .fn = config_yaml_set_choice, \
	    .offset = offsetof(type, member), .names = names_, \
	    .nnames = NITEMS(names_)}
/* A list, each item read by load. */
#define LIST(n, load) {.name = n, .fn = config_yaml_each, .item = load}
#define REFUSE(n, why) {.name = n, .refuse = why}
/* A text people read: a string, or a mapping of locale to text whose
 * texts go to tr0 (the first locale's), tr1 (the second's), ... */
#define TEXT(n, type, member, tr0, tr1) \
	{.name = n, .fn = config_text_set, .offset = offsetof(type, member), \
	    .tr_offset = offsetof(type, tr0), \
	    .tr_stride = offsetof(type, tr1) - offsetof(type, tr0)}
#define TEXT_REQUIRED(n, type, member, tr0, tr1) \
	{.name = n, .fn = config_text_set, .offset = offsetof(type, member), \
	    .tr_offset = offsetof(type, tr0), \
	    .tr_stride = offsetof(type, tr1) - offsetof(type, tr0), \
	    .required = true}
/* clang-format on */

/* True when s starts with prefix, in any case (URL schemes). */
static inline bool
config_prefix_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

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

/*
 * A text given as a mapping of locale to text: its text in the
 * configuration's locale, known only once every file is read, becomes
 * the plain field then.
 */
struct text_ref {
	size_t indicator; /* the indicator's index, SIZE_MAX: the config */
	bool plan; /* indicator is the index of a plan (plans:) instead */
	size_t offset, tr_offset, tr_stride; /* config_yaml_key's */
	const char *key; /* "name", ... for messages */
	struct config_where where;
};

#define INCLUDE_DEPTH_MAX 8 /* levels of include below the main file */

/* One load of a configuration: y->arg of every file read. */
struct loader {
	struct config *conf;
	struct config_errors *errors;
	char *stack[INCLUDE_DEPTH_MAX + 1]; /* real paths of files open */
	int depth;
	struct ref *refs;
	size_t nrefs;
	/* The indicator being read: its frequency, when valid, for its
	 * targets' periods. */
	bool freq_ok;
	enum freq freq;
	struct text_ref *texts;
	size_t ntexts;
};

/* config.c: ids, into conf->collector_ids, conf->indicator_ids or the
 * index of one indicator's targets while they are read. */

/*
 * Enters id as item index of ix; returns the index of the item that
 * has it already, or -1 when it is new.  Fatal when out of memory.
 */
long config_id_add(struct idindex *ix, const char *id, size_t index);
/* Numbers the chapters and bureaus (config.group_numbers, owner_numbers);
 * fatal when out of memory. */
void config_ids_scopes(struct config *c);
/* Reports id at the "id" of map as a duplicate of one defined at first. */
void config_id_duplicate(struct config_yaml *y, yaml_node_t *map,
    const char *what, const char *id, const struct config_where *first);

/* config_main.c: the main file's keys, or an included file's. */
void config_main_walk(struct config_yaml *y, struct config *conf, bool main);

/* config_file.c: reading files. */

/*
 * Reads file into ld->conf: the main file when from is NULL, otherwise
 * one included by the file from at its node at (where problems reading
 * it are reported).
 */
void config_file_load(struct loader *ld, const char *file,
    struct config_yaml *from, yaml_node_t *at);
config_yaml_fn config_file_include; /* include: a glob or a list */

/*
 * The sections: a handler of a top-level key, or of each item of its
 * list (config_yaml_item_fn, with obj the struct config).
 */
config_yaml_item_fn config_collector_load; /* collectors */
config_yaml_item_fn config_indicator_load; /* indicators */
config_yaml_fn config_mail_smtp; /* smtp (config_mail.c) */
config_yaml_item_fn config_mail_route; /* routes (config_mail.c) */
config_yaml_fn config_judgement_alerts; /* alerts (config_judgement.c) */
config_yaml_fn config_judgement_load; /* judgement (config_judgement.c) */

/* config_judgement.c: severity names, by enum severity. */
#define CONFIG_SEVERITIES 3
extern const char *const config_severity_names[CONFIG_SEVERITIES];
/*
 * What targets take from the judgement section once every file is read
 * (it may come after them).
 */
void config_judgement_apply(struct config *conf);

/* config_i18n.c: texts in more than one locale. */

/* The locale names, by enum locale ("zh-CN", "en"). */
extern const char *const config_locale_names[LOCALE_COUNT];
config_yaml_fn config_text_set; /* a TEXT or TEXT_REQUIRED key */
config_yaml_fn config_i18n_chapters; /* chapters */
config_yaml_fn config_i18n_bureaus; /* bureaus */
/* Settles the texts of every mapping, and checks chapters: and bureaus:
 * against the indicators, once every file is read. */
void config_i18n_resolve(struct loader *ld);
/* Frees what the loader recorded. */
void config_i18n_clear(struct loader *ld);

/* config_ref.c: references between parts, resolved at the end. */

/* Records a reference at node from the indicator being read (the last). */
void config_ref_add(struct config_yaml *y, enum ref_kind kind, size_t target,
    yaml_node_t *node);
/* Resolves and checks every recorded reference, reporting what is wrong. */
void config_ref_resolve(struct loader *ld);
/* Frees the recorded references. */
void config_ref_clear(struct loader *ld);

/* config_plans.c: plans: and a target's plan:. */

config_yaml_item_fn config_plans_load; /* plans: (config_plans.c) */
config_yaml_fn config_plans_target; /* a target's plan: */
/* Gives every target its plan, once every file is read. */
void config_plans_resolve(struct loader *ld);
/* Frees n plans and the array. */
void config_plans_free(struct plan_conf *p, size_t n);

/* config_errors.c: messages from first on, in file, line, column order. */
void config_errors_sort(struct config_errors *errors, size_t first);

#endif
