/*
 * config_i18n: the texts people read in more than one locale.  A text
 * key (an indicator's name, unit, definition and method, plan.name) takes
 * a string, the text in the configuration's locale, or a mapping of
 * locale to text, {zh-CN: 地区生产总值, en: Gross domestic product}; the
 * configuration's own locale must be among them, and since "locale:" may
 * come after the indicators (or in no file read yet), that is checked
 * once every file is read.  The top-level chapters: and bureaus: give the
 * names of an indicator's group and owner, which are keys (filters and
 * routes name them), in the other locale; each must be some indicator's,
 * so that a misspelt one is an error rather than a name never shown.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config_load.h"

const char *const config_locale_names[LOCALE_COUNT] = {
    [LOCALE_ZH_CN] = "zh-CN",
    [LOCALE_EN] = "en",
};

/* Whether s[0..len) is well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF). */
static bool
utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i], n, cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			return false;
		for (unsigned k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

/* A text: not empty, no control characters, UTF-8. */
static bool
text_of(struct config_yaml *y, yaml_node_t *node, const char **s)
{
	char q[QUOTE_BUF];

	if (!config_yaml_text(y, node, s))
		return false;
	if (!utf8_valid(node->data.scalar.value, node->data.scalar.length)) {
		config_yaml_error(y, node, "expected UTF-8 text, got %s",
		    config_yaml_describe(node, q, sizeof(q)));
		return false;
	}
	return true;
}

/* The locale a key of a text mapping names; reported when none. */
static bool
locale_key(struct config_yaml *y, yaml_node_t *k, enum locale *loc)
{
	char c[128], q[QUOTE_BUF];
	const char *s = config_yaml_str(k);

	for (int i = 0; i < LOCALE_COUNT; i++) {
		if (k->type == YAML_SCALAR_NODE &&
		    strcmp(s, config_locale_names[i]) == 0) {
			*loc = (enum locale)i;
			return true;
		}
	}
	config_yaml_error(y, k, "unknown locale %s (expected %s)",
	    config_yaml_describe(k, q, sizeof(q)),
	    config_yaml_choices(
		config_locale_names, LOCALE_COUNT, c, sizeof(c)));
	return false;
}

/*
 * Reads a mapping of locale to text into tr[0], tr[stride], ... (bytes):
 * false (reported) when it is not one, or has no text at all.
 */
static bool
locale_map(struct config_yaml *y, yaml_node_t *val, char *tr, size_t stride)
{
	char q[QUOTE_BUF];
	bool any = false;

	if (val->type != YAML_MAPPING_NODE) {
		config_yaml_error(y, val,
		    "expected a mapping of locale to text such as {en: ...}, "
		    "got %s",
		    config_yaml_describe(val, q, sizeof(q)));
		return false;
	}
	for (yaml_node_pair_t *p = val->data.mapping.pairs.start;
	     p < val->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&y->doc, p->value);
		enum locale loc;
		const char *s;
		char **dst;

		if (k == NULL || v == NULL || !locale_key(y, k, &loc))
			continue;
		dst = (char **)(void *)(tr + (size_t)loc * stride);
		if (*dst != NULL) {
			config_yaml_error(y, k, "locale %s is given twice",
			    config_locale_names[loc]);
			continue;
		}
		if (!text_of(y, v, &s))
			continue;
		*dst = config_yaml_strdup(s);
		any = true;
	}
	if (!any &&
	    val->data.mapping.pairs.start == val->data.mapping.pairs.top)
		config_yaml_error(
		    y, val, "expected a text per locale, got an empty mapping");
	return any;
}

void
config_text_set(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct loader *ld = y->arg;
	char **dst = (char **)(void *)((char *)obj + key->offset);
	struct text_ref *r;
	const char *s;
	char q[QUOTE_BUF];
	size_t before;

	if (val->type == YAML_SEQUENCE_NODE) {
		config_yaml_error(y, val,
		    "expected text, or a mapping of locale to text such as "
		    "{zh-CN: ..., en: ...}, got %s",
		    config_yaml_describe(val, q, sizeof(q)));
		return;
	}
	if (val->type != YAML_MAPPING_NODE) {
		if (text_of(y, val, &s)) {
			free(*dst);
			*dst = config_yaml_strdup(s);
		}
		return;
	}
	before = ld->errors->n;
	/* A mapping with mistakes of its own is not also checked for the
	 * configuration's locale: one mistake, one message. */
	if (!locale_map(y, val, (char *)obj + key->tr_offset, key->tr_stride) ||
	    ld->errors->n > before)
		return;
	ld->texts = config_yaml_grow(ld->texts, ld->ntexts, sizeof(*ld->texts));
	r = &ld->texts[ld->ntexts++];
	r->plan = ld->conf->nplans > 0 &&
	    obj == &ld->conf->plans[ld->conf->nplans - 1];
	r->indicator = r->plan ? ld->conf->nplans - 1
	    : obj == ld->conf  ? SIZE_MAX
			       : ld->conf->nindicators - 1;
	r->offset = key->offset;
	r->tr_offset = key->tr_offset;
	r->tr_stride = key->tr_stride;
	r->key = key->name;
	config_yaml_where(y, val, &r->where);
}

/* chapters: or bureaus:, {key: {locale: text, ...}, ...}. */
static void
aliases(
    struct config_yaml *y, yaml_node_t *val, struct config_alias **v, size_t *n)
{
	if (!config_yaml_is_map(y, val))
		return;
	for (yaml_node_pair_t *p = val->data.mapping.pairs.start;
	     p < val->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		yaml_node_t *m = yaml_document_get_node(&y->doc, p->value);
		struct config_alias *a;
		const char *s;
		size_t i;

		if (k == NULL || m == NULL || !text_of(y, k, &s))
			continue;
		for (i = 0; i < *n && strcmp((*v)[i].key, s) != 0; i++)
			;
		if (i < *n) {
			config_yaml_error(y, k, "%s is named twice", s);
			continue;
		}
		*v = config_yaml_grow(*v, *n, sizeof(**v));
		a = &(*v)[(*n)++];
		a->key = config_yaml_strdup(s);
		config_yaml_where(y, k, &a->where);
		locale_map(y, m, (char *)a->names, sizeof(a->names[0]));
	}
}

void
config_i18n_chapters(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	aliases(y, val, &conf->chapters, &conf->nchapters);
}

void
config_i18n_bureaus(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct config *conf = obj;

	(void)key;
	aliases(y, val, &conf->bureaus, &conf->nbureaus);
}

/* The configuration's locale, by index. */
static enum locale
conf_locale(const struct config *conf)
{
	for (int i = 0; i < LOCALE_COUNT; i++)
		if (conf->locale != NULL &&
		    strcmp(conf->locale, config_locale_names[i]) == 0)
			return (enum locale)i;
	return LOCALE_ZH_CN;
}

/* A chapter (owner false) or bureau no indicator uses: reported, with
 * the closest one used as a hint. */
static void
check_used(
    struct loader *ld, const struct config_alias *a, size_t n, bool owner)
{
	const struct config *conf = ld->conf;
	const char **used = calloc(conf->nindicators + 1, sizeof(*used));
	size_t nused = 0;

	if (used == NULL)
		fatal("out of memory");
	for (size_t i = 0; i < conf->nindicators; i++) {
		const char *s = owner ? conf->indicators[i].owner
				      : conf->indicators[i].group;

		if (s != NULL)
			used[nused++] = s;
	}
	for (size_t k = 0; k < n; k++) {
		const char *hint;
		size_t i;

		for (i = 0; i < nused && strcmp(used[i], a[k].key) != 0; i++)
			;
		if (i < nused)
			continue;
		hint = config_yaml_similar(a[k].key, used, nused);
		config_yaml_report(ld->errors, a[k].where.file, a[k].where.line,
		    a[k].where.column, "no indicator has %s %s%s%s%s",
		    owner ? "owner" : "group", a[k].key,
		    hint ? " (did you mean " : "", hint ? hint : "",
		    hint ? "?)" : "");
	}
	free(used);
}

/* The name of key among a (n of them) in locale l, or NULL. */
static const char *
alias_of(const struct config_alias *a, size_t n, const char *key, int l)
{
	for (size_t i = 0; key != NULL && i < n; i++)
		if (strcmp(a[i].key, key) == 0)
			return a[i].names[l];
	return NULL;
}

void
config_i18n_resolve(struct loader *ld)
{
	struct config *conf = ld->conf;
	enum locale own = conf_locale(conf);

	for (size_t k = 0; k < ld->ntexts; k++) {
		const struct text_ref *r = &ld->texts[k];
		char *base = r->plan ? (char *)&conf->plans[r->indicator]
		    : r->indicator == SIZE_MAX
		    ? (char *)conf
		    : (char *)&conf->indicators[r->indicator];
		char **dst = (char **)(void *)(base + r->offset);
		char *text = *(char **)(void *)(base + r->tr_offset +
		    (size_t)own * r->tr_stride);

		if (text == NULL) {
			config_yaml_report(ld->errors, r->where.file,
			    r->where.line, r->where.column,
			    "%s has no text in %s, the configuration's locale",
			    r->key, config_locale_names[own]);
			continue;
		}
		free(*dst);
		*dst = config_yaml_strdup(text);
	}
	check_used(ld, conf->chapters, conf->nchapters, false);
	check_used(ld, conf->bureaus, conf->nbureaus, true);
	/* Each indicator carries its chapter's and bureau's names, so
	 * that what has only the indicator (a digest's item) names them. */
	for (size_t i = 0; i < conf->nindicators; i++) {
		struct indicator_conf *ind = &conf->indicators[i];

		for (int l = 0; l < LOCALE_COUNT; l++) {
			ind->words[l].group = alias_of(
			    conf->chapters, conf->nchapters, ind->group, l);
			ind->words[l].owner = alias_of(
			    conf->bureaus, conf->nbureaus, ind->owner, l);
		}
	}
}

void
config_i18n_clear(struct loader *ld)
{
	for (size_t k = 0; k < ld->ntexts; k++)
		free(ld->texts[k].where.file);
	free(ld->texts);
	ld->texts = NULL;
	ld->ntexts = 0;
}
