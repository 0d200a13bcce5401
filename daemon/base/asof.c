/*
 * asof: dates given on the command line and in the API, read as whole UTC
 * days, and the cut of a series to the periods that had ended by one.
 * UTC, not the plan's local time: periods are stored at their UTC ends
 * (period.h), so a Chinese plan's 2023 ends 8 hours later than in
 * Beijing, and "as of 2023-12-31" counts the year 2023 either way.
 */
#include <stdio.h>
#include <string.h>

#include "asof.h"

#define DAY_SECONDS 86400

struct asof
asof_make(time_t now, const time_t *at, const time_t *known_at)
{
	struct asof as = {.at = now};

	if (at != NULL || known_at != NULL) {
		as.past = true;
		as.at = at != NULL ? *at : *known_at;
	}
	if (known_at != NULL) {
		as.known = true;
		as.known_at = *known_at;
	}
	return as;
}

int
asof_parse_day(const char *s, time_t *t)
{
	static const char shape[] = "dddd-dd-dd";
	char back[16];
	time_t start;

	if (strlen(s) != sizeof(shape) - 1)
		return -1;
	for (size_t i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9')
				    : s[i] != shape[i])
			return -1;
	if (period_day_start(s, &start) != 0)
		return -1;
	/* timegm() takes 2023-02-30 as 2023-03-02: such a day is refused. */
	asof_day_text(start, back, sizeof(back));
	if (strcmp(back, s) != 0)
		return -1;
	*t = start + DAY_SECONDS - 1;
	return 0;
}

void
asof_day_text(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, len, "?");
}

bool
asof_ended(const struct period *p, time_t at)
{
	/* period_end is the first second after the period. */
	return period_end(p) - 1 <= at;
}

size_t
asof_keep_ended(struct obs_list *l, time_t at)
{
	size_t kept = 0, n = l->n;

	for (size_t i = 0; i < n; i++)
		if (asof_ended(&l->v[i].period, at))
			l->v[kept++] = l->v[i];
	l->n = kept;
	return n - kept;
}

size_t
asof_keep_ended_revisions(struct obs_revisions *r, time_t at)
{
	size_t kept = 0;

	for (size_t i = 0; i < r->n; i++)
		if (asof_ended(&r->v[i].period, at))
			r->v[kept++] = r->v[i];
	r->n = kept;
	return kept;
}
