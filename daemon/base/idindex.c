/*
 * idindex: a uthash table of heap-copied ids (idindex.h).  uthash's
 * default reaction to a failed allocation is exit(); HASH_NONFATAL_OOM
 * turns that into a flag the insert checks, so out of memory is an error
 * like any other.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define HASH_NONFATAL_OOM 1
#define uthash_nonfatal_oom(elt) (idindex_oom = true)
static _Thread_local bool idindex_oom;
#include <uthash.h>

#include "idindex.h"

struct idindex_entry {
	char *id;
	size_t value;
	UT_hash_handle hh;
};

struct idindex {
	struct idindex_entry *head;
};

struct idindex *
idindex_new(void)
{
	return calloc(1, sizeof(struct idindex));
}

int
idindex_put(struct idindex *ix, const char *id, size_t value)
{
	struct idindex_entry *e;
	size_t len = strlen(id);

	HASH_FIND(hh, ix->head, id, len, e);
	if (e != NULL)
		return 1;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return -1;
	if ((e->id = strdup(id)) == NULL) {
		free(e);
		return -1;
	}
	e->value = value;
	idindex_oom = false;
	HASH_ADD_KEYPTR(hh, ix->head, e->id, len, e);
	if (idindex_oom) {
		free(e->id);
		free(e);
		return -1;
	}
	return 0;
}

bool
idindex_get(const struct idindex *ix, const char *id, size_t *value)
{
	struct idindex_entry *e;

	if (ix == NULL)
		return false;
	HASH_FIND(hh, ix->head, id, strlen(id), e);
	if (e == NULL)
		return false;
	*value = e->value;
	return true;
}

size_t
idindex_count(const struct idindex *ix)
{
	return ix != NULL ? HASH_COUNT(ix->head) : 0;
}

void
idindex_free(struct idindex *ix)
{
	struct idindex_entry *e, *tmp;

	if (ix == NULL)
		return;
	HASH_ITER(hh, ix->head, e, tmp)
	{
		HASH_DEL(ix->head, e);
		free(e->id);
		free(e);
	}
	free(ix);
}
