/*
 * notes_view: the notes on an indicator's record in the API, the page and
 * the documents (notes_view.h), numbered by their nid everywhere so that
 * "[2]" beside a period, on the chart and in a document's cell is one
 * note.
 */
#include <stdio.h>
#include <string.h>

#include "notes_view.h"

json_t *
notes_view_json(const struct note_list *l)
{
	json_t *list = json_array();
	char from[PERIOD_TEXT_MAX], to[PERIOD_TEXT_MAX], at[32];
	struct tm tm;

	for (size_t i = 0; list != NULL && l != NULL && i < l->n; i++) {
		const struct note *n = &l->v[i];

		if (n->removed)
			continue;
		period_format(&n->from, from, sizeof(from));
		period_format(&n->to, to, sizeof(to));
		gmtime_r(&n->at, &tm);
		strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_array_append_new(list,
		    json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "nid",
			(json_int_t)n->nid, "from", from, "to", to, "text",
			n->text, "by", n->by, "at", at));
	}
	return list;
}

void
notes_view_cell(
    const struct note_list *l, int first, int last, char *buf, size_t len)
{
	char span[2 * PERIOD_TEXT_MAX + 2];
	size_t used = strnlen(buf, len);

	for (size_t i = 0; l != NULL && i < l->n && used + 1 < len; i++) {
		const struct note *n = &l->v[i];

		if (!note_in_years(n, first, last))
			continue;
		note_span(n, span, sizeof(span));
		snprintf(buf + used, len - used, "%s[%u] %s: %s",
		    used > 0 ? "; " : "", n->nid, span, n->text);
		used = strnlen(buf, len);
	}
}
