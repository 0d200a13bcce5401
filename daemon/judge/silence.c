/*
 * silence: a JSON array of objects.  Ids are random (getrandom), so two
 * silences added at once by different people never share one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <jansson.h>

#include <fcntl.h>
#include <sys/file.h>

#include "buf.h"
#include "fsutil.h"
#include "period.h"
#include "silence.h"

#define SILENCES_MAX_BYTES (4u << 20)
/* Every silence takes more than 16 bytes of that file. */
#define SILENCES_MAX (SILENCES_MAX_BYTES / 16)

void
silences_path(const char *state_dir, char *buf, size_t len)
{
	snprintf(buf, len, "%s/silences.json", state_dir);
}

static void
silence_free(struct silence *s)
{
	free(s->indicator);
	free(s->target);
	free(s->reason);
	free(s->by);
}

void
silences_clear(struct silences *s)
{
	for (size_t i = 0; i < s->n; i++)
		silence_free(&s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
	s->cap = 0;
}

static char *
dup_capped(const char *v)
{
	return v != NULL && strlen(v) < SILENCE_TEXT_MAX ? strdup(v) : NULL;
}

static int
push(struct silences *s, const struct silence *one)
{
	if (grow_array(&s->v, &s->cap, s->n + 1, sizeof(*s->v), SILENCES_MAX) !=
	    0)
		return -1;
	s->v[s->n++] = *one;
	return 0;
}

/* One entry of the file; -1 with why. */
static int
entry(json_t *o, struct silence *one, const char **why)
{
	const char *id = json_string_value(json_object_get(o, "id"));
	json_t *until = json_object_get(o, "until");
	json_t *created = json_object_get(o, "created");
	const char *target = json_string_value(json_object_get(o, "target"));

	memset(one, 0, sizeof(*one));
	*why = "needs id, indicator, until, reason and by";
	if (id == NULL || strlen(id) != 16 ||
	    strspn(id, "0123456789abcdef") != 16 || !json_is_integer(until))
		return -1;
	memcpy(one->id, id, 17);
	one->until = (time_t)json_integer_value(until);
	one->created =
	    json_is_integer(created) ? (time_t)json_integer_value(created) : 0;
	one->indicator =
	    dup_capped(json_string_value(json_object_get(o, "indicator")));
	one->reason =
	    dup_capped(json_string_value(json_object_get(o, "reason")));
	one->by = dup_capped(json_string_value(json_object_get(o, "by")));
	one->target = target != NULL ? dup_capped(target) : NULL;
	if (one->indicator == NULL || one->reason == NULL || one->by == NULL ||
	    (target != NULL && one->target == NULL)) {
		silence_free(one);
		return -1;
	}
	return 0;
}

int
silences_load(const char *path, struct silences *out, char *err, size_t errlen)
{
	char *buf;
	size_t len, i;
	json_error_t jerr;
	json_t *doc, *o;
	const char *why;

	memset(out, 0, sizeof(*out));
	/* Read as planwatch's own file: a link planted there is refused. */
	if (fsutil_read_own(
		path, SILENCES_MAX_BYTES, &buf, &len, err, errlen) != 0)
		return errno == ENOENT ? 0 : -1;
	doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	free(buf);
	if (!json_is_array(doc)) {
		snprintf(err, errlen, "%s: %s", path,
		    doc ? "not a JSON array" : jerr.text);
		json_decref(doc);
		return -1;
	}
	json_array_foreach(doc, i, o)
	{
		struct silence one;

		if (entry(o, &one, &why) != 0 || push(out, &one) != 0) {
			snprintf(
			    err, errlen, "%s: entry %zu: %s", path, i + 1, why);
			json_decref(doc);
			silences_clear(out);
			return -1;
		}
	}
	json_decref(doc);
	return 0;
}

json_t *
silences_json(const struct silences *s, time_t now)
{
	json_t *doc = json_array();

	for (size_t i = 0; doc != NULL && i < s->n; i++) {
		const struct silence *x = &s->v[i];
		json_t *o = json_pack("{s:s, s:s, s:s?, s:I, s:s, s:s, s:I}",
		    "id", x->id, "indicator", x->indicator, "target", x->target,
		    "until", (json_int_t)x->until, "reason", x->reason, "by",
		    x->by, "created", (json_int_t)x->created);

		if (o != NULL && now > 0)
			json_object_set_new(
			    o, "active", json_boolean(now < x->until));
		json_array_append_new(doc, o);
	}
	return doc;
}

int
silences_save(
    const char *path, const struct silences *s, char *err, size_t errlen)
{
	json_t *doc = silences_json(s, 0);
	char *text = doc ? json_dumps(doc, JSON_INDENT(1)) : NULL;
	int rc;

	json_decref(doc);
	if (text == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	rc = fsutil_write_atomic(path, text, strlen(text), err, errlen);
	free(text);
	return rc;
}

const struct silence *
silences_match(const struct silences *s, const char *indicator,
    const char *target, time_t now)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct silence *x = &s->v[i];

		if (now < x->until && strcmp(x->indicator, indicator) == 0 &&
		    (x->target == NULL || strcmp(x->target, target) == 0))
			return x;
	}
	return NULL;
}

int
silences_add(struct silences *s, const char *indicator, const char *target,
    time_t until, const char *reason, const char *by, time_t now, char id[17])
{
	struct silence one = {.until = until, .created = now};
	unsigned char rnd[8];

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return -1;
	for (size_t i = 0; i < sizeof(rnd); i++)
		snprintf(one.id + 2 * i, 3, "%02x", rnd[i]);
	one.indicator = dup_capped(indicator);
	one.target = target ? dup_capped(target) : NULL;
	one.reason = dup_capped(reason);
	one.by = dup_capped(by);
	if (one.indicator == NULL || one.reason == NULL || one.by == NULL ||
	    (target != NULL && one.target == NULL) || push(s, &one) != 0) {
		silence_free(&one);
		return -1;
	}
	memcpy(id, one.id, 17);
	return 0;
}

int
silences_remove(struct silences *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].id, id) == 0) {
			silence_free(&s->v[i]);
			s->v[i] = s->v[--s->n];
			return 0;
		}
	return -1;
}

int
silences_add_checked(struct silences *s, const struct config *c,
    const char *pair, const char *until_day, const char *reason, const char *by,
    time_t now, char id[17], char *err, size_t errlen)
{
	char ind[256], *slash;
	const struct indicator_conf *ic;
	const char *tgt = NULL;
	time_t until;
	bool found = false;

	snprintf(ind, sizeof(ind), "%s", pair);
	if ((slash = strchr(ind, '/')) != NULL) {
		*slash = '\0';
		tgt = slash + 1;
	}
	if ((ic = config_indicator(c, ind)) == NULL) {
		snprintf(err, errlen, "no indicator '%s' in %s", ind, c->path);
		return -1;
	}
	for (size_t t = 0; tgt != NULL && t < ic->ntargets; t++)
		found |= strcmp(ic->targets[t].id, tgt) == 0;
	if (tgt != NULL && !found) {
		snprintf(
		    err, errlen, "indicator %s has no target '%s'", ind, tgt);
		return -1;
	}
	if (period_day_start(until_day, &until) != 0 ||
	    (until += 86400) <= now) {
		snprintf(err, errlen,
		    "until %s: expected a date ahead, YYYY-MM-DD", until_day);
		return -1;
	}
	if (reason == NULL || *reason == '\0' || by == NULL || *by == '\0') {
		snprintf(err, errlen, "a reason and a name (by) are needed");
		return -1;
	}
	if (silences_add(s, ind, tgt, until, reason, by, now, id) != 0) {
		snprintf(err, errlen, "out of memory, or a text over %d bytes",
		    SILENCE_TEXT_MAX - 1);
		return -1;
	}
	return 0;
}

int
silences_update(const char *state_dir,
    int (*change)(struct silences *s, void *arg, char *err, size_t errlen),
    void *arg, char *err, size_t errlen)
{
	char path[4096], lock[4096];
	struct silences s;
	int fd, rc = -1;

	silences_path(state_dir, path, sizeof(path));
	snprintf(lock, sizeof(lock), "%s/silences.lock", state_dir);
	if (fsutil_mkdirs(state_dir, err, errlen) != 0)
		return -1;
	if ((fd = fsutil_open_own(lock, O_RDWR | O_CREAT, err, errlen)) < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		snprintf(err, errlen,
		    "busy: another change of the silences is under way");
		close(fd);
		return -1;
	}
	if (silences_load(path, &s, err, errlen) == 0) {
		if (change(&s, arg, err, errlen) == 0)
			rc = silences_save(path, &s, err, errlen);
		silences_clear(&s);
	}
	close(fd); /* the lock goes with it */
	return rc;
}
