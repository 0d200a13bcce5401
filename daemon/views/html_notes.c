/*
 * html_notes: the notes on the indicator page (html_notes.h).
 */
#include <stdio.h>
#include <time.h>

#include "html_notes.h"
#include "html_text.h"

/* "2026-12-08" of t. */
static void
day(time_t t, char *buf, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}

void
html_notes_list(FILE *out, const struct note_list *l, bool zh)
{
	char span[2 * PERIOD_TEXT_MAX + 2], when[16];

	if (l == NULL || note_list_live(l) == 0)
		return;
	fprintf(out, "<section class=\"notes\"><h2>%s</h2><ol>\n",
	    zh ? "注记" : "Notes");
	for (size_t i = 0; i < l->n; i++) {
		const struct note *n = &l->v[i];

		if (n->removed)
			continue;
		note_span(n, span, sizeof(span));
		day(n->at, when, sizeof(when));
		fprintf(out,
		    "<li id=\"note-%u\" value=\"%u\">[%u] %s: ", n->nid, n->nid,
		    n->nid, span);
		html_escape(out, n->text);
		fprintf(out, " <small>(");
		html_escape(out, n->by);
		fprintf(out, "%s%s)</small></li>\n", zh ? "，" : ", ", when);
	}
	fprintf(out, "</ol></section>\n");
}

void
html_notes_marks(FILE *out, const struct note_list *l, const struct period *p)
{
	for (size_t i = 0; l != NULL && i < l->n; i++)
		if (note_covers(&l->v[i], p))
			fprintf(out,
			    " <a class=\"note-mark\" "
			    "href=\"#note-%u\">[%u]</a>",
			    l->v[i].nid, l->v[i].nid);
}
