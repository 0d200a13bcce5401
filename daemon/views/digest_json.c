/*
 * digest_json: the webhook's document for one route's message, for chat
 * bridges and ticket systems that want fields, not prose:
 *   {"message_id": "<pw...>", "subject": "...", "text": "...",
 *    "to": [...], "cc": [...],
 *    "events": [{"indicator": "gdp", "name": "地区生产总值",
 *      "target": "reach", "owner": "区发改局", "kind": "new",
 *      "old_status": "on_track", "status": "off_track",
 *      "severity": "critical", "latest_period": "2023",
 *      "latest_value": 1048.97, "unit": "亿元", "planned": 1136.6,
 *      "gap": -87.63,
 *      "projected": 1159.79, "required_growth_pct": 12.42,
 *      "explanation": "2023 年 ...", "reason": null, "overdue": null}]}
 * kind is new, reminder, resolved, or overdue (the data of a pair whose
 * status did not change is overdue: "overdue": {"period", "since"}).
 * The values are those of the series the target is judged on, in "unit":
 * a growth target's latest growth in "%", not its indicator's level.  A
 * number that is not known is null, never NaN (which JSON lacks).
 */
#include <math.h>
#include <stdlib.h>

#include <jansson.h>

#include "digest.h"
#include "explain.h"
#include "report.h"

static json_t *
number(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

static json_t *
text_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
event_json(const struct alert_event *e, const char *locale)
{
	char sentence[1024], period[PERIOD_TEXT_MAX] = "";
	const struct judgement *j = &e->j;

	if (j->have_latest)
		period_format(&j->latest_period, period, sizeof(period));
	explain_judgement(
	    e->ind, e->target, j, locale, sentence, sizeof(sentence));
	return json_pack(
	    "{s:s, s:s, s:s, s:o, s:s, s:o, s:s, s:s, s:o, s:o, s:s, s:o, "
	    "s:o, s:o, s:o, s:s, s:o, s:o}",
	    "indicator", e->ind->id, "name", indicator_name(e->ind, locale),
	    "target", e->target->id, "owner",
	    text_or_null(indicator_owner(e->ind, locale)), "kind",
	    e->overdue_notice ? "overdue"
		: e->resolved ? "resolved"
		: e->repeat   ? "reminder"
			      : "new",
	    "old_status",
	    e->old_status < STATUS_COUNT
		? json_string(status_name(e->old_status))
		: json_null(),
	    "status", status_name(e->new_status), "severity",
	    e->severity == SEVERITY_CRITICAL      ? "critical"
		: e->severity == SEVERITY_WARNING ? "warning"
						  : "info",
	    "latest_period", j->have_latest ? json_string(period) : json_null(),
	    "latest_value",
	    j->have_latest ? number(j->latest_value) : json_null(), "unit",
	    target_unit(e->ind, e->target, j), "planned", number(j->planned),
	    "gap", number(j->gap), "projected", number(j->projected),
	    "required_growth_pct", number(j->required_growth * 100),
	    "explanation", sentence, "reason", text_or_null(e->feed_err),
	    "overdue", report_overdue_json(j));
}

static json_t *
strings(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a != NULL && i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

char *
digest_json(const struct alert_event *ev, size_t n, const char *locale,
    const struct digest_head *h)
{
	json_t *events = json_array(), *doc;
	char *text;

	for (size_t p = 0; events != NULL && p < DIGEST_PARTS; p++) {
		size_t *order = calloc(n ? n : 1, sizeof(*order));
		size_t k;

		if (order == NULL) {
			json_decref(events);
			return NULL;
		}
		k = digest_part_items(ev, n, (enum digest_part)p, order);
		for (size_t i = 0; i < k; i++)
			json_array_append_new(
			    events, event_json(&ev[order[i]], locale));
		free(order);
	}
	doc = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "message_id",
	    h->message_id, "subject", h->subject, "text", h->body, "to",
	    strings(h->to, h->nto), "cc", strings(h->cc, h->ncc), "events",
	    events);
	text = doc != NULL ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	return text;
}
