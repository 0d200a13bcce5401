#include <stdio.h>
#include <string.h>

#include "alert_state.h"

void
alert_policy_default(struct alert_policy *p)
{
	p->for_count = 1;
	p->repeat_interval = 7 * 86400;
	for (int s = 0; s < STATUS_COUNT; s++)
		p->severity[s] = status_severity((enum status)s);
	for (int s = 0; s < STATUS_COUNT; s++)
		p->binding[s] = binding_severity((enum status)s);
	p->overdue = SEVERITY_WARNING;
}

void
alert_policy_binding(const struct alert_policy *p, struct alert_policy *out)
{
	*out = *p;
	memcpy(out->severity, p->binding, sizeof(out->severity));
}

void
pair_state_init(struct pair_state *s)
{
	s->notified = s->pending = STATUS_COUNT;
	s->count = 0;
	s->sent = 0;
	s->overdue[0] = '\0';
}

/* A repeat is due for a critical problem not sent for repeat_interval. */
static bool
repeat_due(const struct pair_state *s, time_t at, const struct alert_policy *p)
{
	return p->repeat_interval > 0 && s->notified < STATUS_COUNT &&
	    status_is_problem(s->notified) &&
	    p->severity[s->notified] == SEVERITY_CRITICAL && s->sent > 0 &&
	    (double)(at - s->sent) >= p->repeat_interval;
}

enum alert_decision
alert_step(struct pair_state *s, enum status now, time_t at, bool silenced,
    const struct alert_policy *p)
{
	enum status old = s->notified;
	bool was_problem = old < STATUS_COUNT && status_is_problem(old);

	if (now == old) {
		s->pending = now;
		s->count = 0;
		return !silenced && repeat_due(s, at, p) ? ALERT_REPEAT
							 : ALERT_NONE;
	}
	if (now == s->pending) {
		s->count++;
	} else {
		s->pending = now;
		s->count = 1;
	}
	if (s->count < (p->for_count ? p->for_count : 1))
		return ALERT_NONE;
	/* Held long enough.  A silence keeps it pending: it is told when
	 * the silence ends, if it still holds. */
	if (silenced && (status_is_problem(now) || was_problem))
		return ALERT_NONE;
	s->notified = now;
	s->count = 0;
	if (status_is_problem(now))
		return ALERT_NEW;
	return was_problem ? ALERT_RESOLVED : ALERT_NONE;
}

bool
alert_overdue_step(struct pair_state *s, const char *period, bool silenced)
{
	if (period == NULL) {
		s->overdue[0] = '\0'; /* the data came: nothing to tell */
		return false;
	}
	if (strcmp(s->overdue, period) == 0)
		return false;
	if (strcmp(s->overdue, ALERT_OVERDUE_UNKNOWN) == 0) {
		/* Told by an earlier version, as the status "stale". */
		snprintf(s->overdue, sizeof(s->overdue), "%s", period);
		return false;
	}
	if (silenced)
		return false; /* told when the silence ends, if still so */
	snprintf(s->overdue, sizeof(s->overdue), "%s", period);
	return true;
}

void
alert_sent(struct pair_state *s, time_t at)
{
	s->sent = at;
}
