/*
 * html_lang: the language switch and the language kept in links.  The
 * switch's words are in the language it leads to ("English", "中文"),
 * marked with lang and hreflang, so that a reader who cannot read the
 * page still finds it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_text.h"
#include "html_filter.h"
#include "html_lang.h"

const char *
html_lang_other(const char *locale)
{
	return locale_name(
	    locale_of(locale) == LOCALE_EN ? LOCALE_ZH_CN : LOCALE_EN);
}

/* Writes "../" n times. */
static void
up(FILE *out, int n)
{
	while (n-- > 0)
		fputs("../", out);
}

void
html_lang_switch(FILE *out, const struct report_input *in,
    const struct html_site *site, const char *path, const char *query)
{
	const char *to = html_lang_other(report_locale(in));
	int depth = 0;

	for (const char *p = path; *p != '\0'; p++)
		depth += *p == '/';
	fprintf(out, "<p class=\"lang\"><a lang=\"%s\" hreflang=\"%s\" href=\"",
	    to, to);
	if (!site->files) {
		fprintf(out, "%s?%slang=%s", path, query, to);
	} else if (site->alt) {
		/* Up out of the second tree, to the first's page. */
		up(out, depth + 1);
		fputs(path, out);
	} else {
		up(out, depth);
		fprintf(out, "%s/%s", to, path);
	}
	fprintf(out, "\">%s</a></p>\n",
	    locale_of(to) == LOCALE_EN ? "English" : "中文");
}

void
html_lang_keep(FILE *out, const struct html_site *site, bool first)
{
	if (site->files || site->lang == NULL)
		return;
	fprintf(out, "%slang=%s", first ? "?" : "&amp;", site->lang);
}

const char *
html_lang_shared(const struct html_site *site)
{
	return site->files && site->alt ? "../" : "";
}

int
html_lang_parse(const char *value, const char **lang, char *err, size_t errlen)
{
	enum locale loc;

	if (!locale_parse(value, &loc)) {
		snprintf(err, errlen,
		    "lang: no language named \"%.64s\"; the languages are "
		    "zh-CN, en",
		    value);
		return -1;
	}
	*lang = locale_name(loc);
	return 0;
}

const char *
html_lang_charts(const struct report_input *in)
{
	enum locale l = locale_of(report_locale(in));

	return l != locale_of(in->conf->locale) && config_translated(in->conf)
	    ? locale_name(l)
	    : NULL;
}

/*
 * The switch to the other language: the same page, with the same
 * filters (the export's chapter and bureau pages by their numbers).
 */
void
html_lang_switch_dashboard(FILE *out, const struct report_input *in,
    const struct html_site *site, const struct html_filter *f)
{
	char *query = NULL, path[64] = "index.html";
	size_t len = 0;
	FILE *q = NULL;

	if (site->files && html_filter_scoped(f)) {
		bool owner = f->group == NULL;

		snprintf(path, sizeof(path), "%s/%d.html",
		    owner ? "owner" : "group",
		    html_filter_index(
			in->conf, owner, owner ? f->owner : f->group));
	}
	if (!site->files && (q = open_memstream(&query, &len)) != NULL) {
		html_filter_query(q, f);
		if (fclose(q) != 0) {
			free(query);
			query = NULL;
		}
	}
	html_lang_switch(out, in, site, site->files ? path : "/",
	    query != NULL ? query : "");
	free(query);
}
