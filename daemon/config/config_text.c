/*
 * config_text: a configuration's texts in a locale, falling back to the
 * text as written when no translation is given.
 */
#include <string.h>
#include <time.h>

#include "config_plans.h"
#include "config_text.h"

static const char *const names[LOCALE_COUNT] = {
    [LOCALE_ZH_CN] = "zh-CN",
    [LOCALE_EN] = "en",
};

enum locale
locale_of(const char *locale)
{
	return locale != NULL && strncmp(locale, "en", 2) == 0 ? LOCALE_EN
							       : LOCALE_ZH_CN;
}

bool
locale_parse(const char *name, enum locale *loc)
{
	for (int i = 0; name != NULL && i < LOCALE_COUNT; i++) {
		if (strcmp(name, names[i]) == 0) {
			*loc = (enum locale)i;
			return true;
		}
	}
	return false;
}

const char *
locale_name(enum locale loc)
{
	return (unsigned)loc < LOCALE_COUNT ? names[loc] : names[0];
}

/* The translation when there is one, else the text as written. */
static const char *
or_primary(const char *tr, const char *primary)
{
	return tr != NULL ? tr : primary;
}

const char *
indicator_name(const struct indicator_conf *ind, const char *locale)
{
	return or_primary(ind->words[locale_of(locale)].name, ind->name);
}

const char *
indicator_unit(const struct indicator_conf *ind, const char *locale)
{
	return or_primary(ind->words[locale_of(locale)].unit, ind->unit);
}

const char *
indicator_definition(const struct indicator_conf *ind, const char *locale)
{
	return or_primary(
	    ind->words[locale_of(locale)].definition, ind->definition);
}

const char *
indicator_method(const struct indicator_conf *ind, const char *locale)
{
	return or_primary(ind->words[locale_of(locale)].method, ind->method);
}

const char *
indicator_group(const struct indicator_conf *ind, const char *locale)
{
	return or_primary(ind->words[locale_of(locale)].group, ind->group);
}

const char *
indicator_owner(const struct indicator_conf *ind, const char *locale)
{
	return or_primary(ind->words[locale_of(locale)].owner, ind->owner);
}

/* The name of key among a (n of them) in locale, else key. */
static const char *
alias_name(
    const struct config_alias *a, size_t n, const char *key, const char *locale)
{
	if (key == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].key, key) == 0)
			return or_primary(a[i].names[locale_of(locale)], key);
	return key;
}

const char *
chapter_name(const struct config *conf, const char *group, const char *locale)
{
	return alias_name(conf->chapters, conf->nchapters, group, locale);
}

const char *
bureau_name(const struct config *conf, const char *owner, const char *locale)
{
	return alias_name(conf->bureaus, conf->nbureaus, owner, locale);
}

const char *
plan_title(const struct config *conf, const char *locale)
{
	size_t p;

	/* plans: the plan shown today (a chart is drawn now). */
	if (conf->plan_name == NULL && conf->nplans > 0 &&
	    (p = config_plan_at(conf, time(NULL), NULL)) != CONFIG_PLAN_NONE)
		return config_plan_name(&conf->plans[p], locale);
	if (conf->plan_name == NULL)
		return NULL;
	return or_primary(conf->plan_names[locale_of(locale)], conf->plan_name);
}

bool
config_translated(const struct config *conf)
{
	enum locale own = locale_of(conf->locale);

	if (conf->translated != CONFIG_UNKNOWN)
		return conf->translated == CONFIG_TRANSLATED;
	for (int l = 0; l < LOCALE_COUNT; l++) {
		if (l == (int)own)
			continue;
		if (conf->plan_names[l] != NULL)
			return true;
		for (size_t i = 0; i < conf->nindicators; i++)
			if (conf->indicators[i].words[l].name != NULL ||
			    conf->indicators[i].words[l].unit != NULL)
				return true;
		for (size_t i = 0; i < conf->nchapters; i++)
			if (conf->chapters[i].names[l] != NULL)
				return true;
		for (size_t i = 0; i < conf->nbureaus; i++)
			if (conf->bureaus[i].names[l] != NULL)
				return true;
	}
	return false;
}
