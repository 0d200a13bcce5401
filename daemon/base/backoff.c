/*
 * backoff: the retry schedule of failed items, by name.  The table is a
 * plain array: it holds only what failed and has not yet gone through
 * (a handful of outbox entries), and every use is a walk over it anyway.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backoff.h"
#include "buf.h"

struct item {
	char *name;
	unsigned failures; /* in a row */
	double next; /* the earliest next attempt */
};

struct backoff {
	struct item *items;
	size_t n, cap;
};

/* No cap of its own (the outbox caps its entries): only the size's. */
#define BACKOFF_ITEMS_MAX (SIZE_MAX / sizeof(struct item))

double
backoff_delay(const struct backoff_policy *p, unsigned failures, double u)
{
	double delay = p->initial;

	for (unsigned i = 1; i < failures && delay < p->max; i++)
		delay *= 2;
	if (delay > p->max)
		delay = p->max;
	return delay * (0.8 + 0.4 * u);
}

struct backoff *
backoff_new(void)
{
	return calloc(1, sizeof(struct backoff));
}

void
backoff_free(struct backoff *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++)
		free(b->items[i].name);
	free(b->items);
	free(b);
}

static struct item *
find(const struct backoff *b, const char *name)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->items[i].name, name) == 0)
			return &b->items[i];
	return NULL;
}

/* The item of name, added (no failure, due now) when it is new. */
static struct item *
find_or_add(struct backoff *b, const char *name)
{
	struct item *it = find(b, name);

	if (it != NULL)
		return it;
	if (grow_array(&b->items, &b->cap, b->n + 1, sizeof(*b->items),
		BACKOFF_ITEMS_MAX) != 0)
		return NULL;
	it = &b->items[b->n];
	if ((it->name = strdup(name)) == NULL)
		return NULL;
	it->failures = 0;
	it->next = 0;
	b->n++;
	return it;
}

double
backoff_failed(struct backoff *b, const char *name, double now,
    const struct backoff_policy *p, double u)
{
	struct item *it = find_or_add(b, name);

	if (it == NULL)
		return -1;
	it->failures++;
	it->next = now + backoff_delay(p, it->failures, u);
	return it->next;
}

int
backoff_wait_until(struct backoff *b, const char *name, double at)
{
	struct item *it;

	if (find(b, name) != NULL)
		return 0;
	if ((it = find_or_add(b, name)) == NULL)
		return -1;
	/* It failed at least once before the restart: the next failure
	 * waits longer than the first. */
	it->failures = 1;
	it->next = at;
	return 0;
}

bool
backoff_due(const struct backoff *b, const char *name, double now)
{
	const struct item *it = find(b, name);

	return it == NULL || it->next <= now;
}

bool
backoff_known(const struct backoff *b, const char *name)
{
	return find(b, name) != NULL;
}

void
backoff_forget(struct backoff *b, const char *name)
{
	struct item *it = find(b, name);

	if (it == NULL)
		return;
	free(it->name);
	*it = b->items[--b->n];
}

double
backoff_earliest(const struct backoff *b, double now)
{
	double at = 0;

	for (size_t i = 0; i < b->n; i++)
		if (b->items[i].next > now &&
		    (at == 0 || b->items[i].next < at))
			at = b->items[i].next;
	return at;
}
