/*
 * note: an indicator's notes as a list in memory, and the checks a note's
 * texts pass wherever they come from (the CLI, the admin API, the file).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "note.h"

void
note_list_clear(struct note_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].by);
		free(l->v[i].removed_by);
	}
	free(l->v);
	*l = (struct note_list){0};
}

struct note *
note_list_find(const struct note_list *l, unsigned nid)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].nid == nid)
			return &l->v[i];
	return NULL;
}

unsigned
note_list_next_nid(const struct note_list *l)
{
	unsigned next = 1;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].nid >= next)
			next = l->v[i].nid + 1;
	return next;
}

int
note_list_push(struct note_list *l, const struct note *n)
{
	struct note c = *n;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct note *v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	c.text = strdup(n->text ? n->text : "");
	c.by = strdup(n->by ? n->by : "");
	c.removed_by = n->removed_by ? strdup(n->removed_by) : NULL;
	if (c.text == NULL || c.by == NULL ||
	    (n->removed_by != NULL && c.removed_by == NULL)) {
		free(c.text);
		free(c.by);
		free(c.removed_by);
		return -1;
	}
	l->v[l->n++] = c;
	return 0;
}

size_t
note_list_live(const struct note_list *l)
{
	size_t live = 0;

	for (size_t i = 0; i < l->n; i++)
		live += !l->v[i].removed;
	return live;
}

bool
note_covers(const struct note *n, const struct period *p)
{
	time_t end = period_end(p);

	/* By instants, so a year's note covers its quarters too. */
	return !n->removed && end > period_start(&n->from) &&
	    end <= period_end(&n->to);
}

bool
note_in_years(const struct note *n, int first, int last)
{
	return !n->removed && n->from.year <= last && n->to.year >= first;
}

void
note_span(const struct note *n, char *buf, size_t len)
{
	char from[PERIOD_TEXT_MAX], to[PERIOD_TEXT_MAX];

	period_format(&n->from, from, sizeof(from));
	period_format(&n->to, to, sizeof(to));
	if (period_equal(&n->from, &n->to))
		snprintf(buf, len, "%s", from);
	else
		snprintf(buf, len, "%s..%s", from, to);
}

int
note_check_text(const char *s, size_t max, char *err, size_t errlen)
{
	size_t len;

	if (s == NULL || *s == '\0') {
		snprintf(err, errlen, "empty");
		return -1;
	}
	if ((len = strlen(s)) > max) {
		snprintf(err, errlen, "over %zu bytes (%zu)", max, len);
		return -1;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f) {
			snprintf(err, errlen, "a control character at byte %zu",
			    (size_t)(p - (const unsigned char *)s));
			return -1;
		}
	return 0;
}
