/*
 * feed: what every format shares: one call that loads, selects and frees,
 * and the checks of a series key and of a period's frequency.  The table
 * of formats is formats.c.
 */
#include <stdio.h>
#include <string.h>

#include "feed.h"
#include "obs.h"

int
feed_parse(const struct feed_format *f, const char *buf, size_t len,
    const struct feed_selector *sel, enum freq freq, struct obs_list *out,
    feed_reject_cb reject, void *arg, char *err, size_t errlen)
{
	struct feed_doc *doc = f->load(buf, len, err, errlen);
	int rc;

	if (doc == NULL)
		return -1;
	rc = f->select(doc, sel, freq, out, reject, arg, err, errlen);
	f->free(doc);
	return rc;
}

const char *
feed_series_value(const struct feed_selector *sel, const char *key)
{
	for (size_t i = 0; i < sel->nseries; i++)
		if (strcmp(sel->series[i].key, key) == 0)
			return sel->series[i].value;
	return NULL;
}

int
feed_series_check(
    const struct feed_selector *sel, const char *none, char *err, size_t errlen)
{
	if (sel->nseries == 0) {
		snprintf(err, errlen, "%s", none);
		return -1;
	}
	for (size_t i = 0; i < sel->nseries; i++) {
		const struct feed_dim *d = &sel->series[i];

		if (d->key == NULL || d->key[0] == '\0' || d->value == NULL ||
		    d->value[0] == '\0') {
			snprintf(err, errlen,
			    "series: dimension %zu has an empty name or code",
			    i + 1);
			return -1;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(sel->series[j].key, d->key) == 0) {
				snprintf(err, errlen,
				    "series: dimension %s is named twice",
				    d->key);
				return -1;
			}
		}
	}
	return 0;
}

int
feed_freq_check(
    const struct period *p, enum freq freq, char *why, size_t whylen)
{
	char text[PERIOD_TEXT_MAX];

	if (p->freq == freq)
		return 0;
	period_format(p, text, sizeof(text));
	snprintf(why, whylen, "period %s is %s, the indicator is %s", text,
	    freq_name(p->freq), freq_name(freq));
	return -1;
}
