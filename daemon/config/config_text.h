/*
 * config_text: the texts people read of a configuration in a locale (an
 * indicator's name and unit, a chapter's or bureau's name, the plan's
 * title): the translation when the configuration gives one, else the
 * text as written (in the configuration's own locale).  Every view asks
 * here rather than reading ind->name, so that a page, a digest or a
 * chart in the other language names everything in it.  A locale is a
 * string as the views pass it ("zh-CN", "en"; NULL: zh-CN).
 */
#ifndef PLANWATCH_CONFIG_TEXT_H
#define PLANWATCH_CONFIG_TEXT_H

#include <stdbool.h>

#include "config.h"

/* The locale a name means: "en..." English, anything else zh-CN. */
enum locale locale_of(const char *locale);
/* True, with *loc, when name is exactly a locale's ("zh-CN", "en"). */
bool locale_parse(const char *name, enum locale *loc);
/* "zh-CN" or "en". */
const char *locale_name(enum locale loc);

/* ind's name in locale. */
const char *indicator_name(
    const struct indicator_conf *ind, const char *locale);
/* ind's unit in locale. */
const char *indicator_unit(
    const struct indicator_conf *ind, const char *locale);
/* ind's definition in locale, or NULL when it has none. */
const char *indicator_definition(
    const struct indicator_conf *ind, const char *locale);
/* ind's method in locale, or NULL when it has none. */
const char *indicator_method(
    const struct indicator_conf *ind, const char *locale);
/* ind's group (chapter) in locale, or NULL when it has none. */
const char *indicator_group(
    const struct indicator_conf *ind, const char *locale);
/* ind's owner (bureau) in locale, or NULL when it has none. */
const char *indicator_owner(
    const struct indicator_conf *ind, const char *locale);
/* The name of chapter group in locale (chapters:), else group itself;
 * NULL for NULL. */
const char *chapter_name(
    const struct config *conf, const char *group, const char *locale);
/* The name of bureau owner in locale (bureaus:), else owner; NULL for
 * NULL. */
const char *bureau_name(
    const struct config *conf, const char *owner, const char *locale);
/* plan.name in locale, or NULL when there is no plan section. */
const char *plan_title(const struct config *conf, const char *locale);
/* Whether the configuration gives any text in a locale other than its
 * own (then a second language's charts are worth drawing). */
bool config_translated(const struct config *conf);

#endif
