/*
 * idindex: ids to indexes through a hash (uthash), the one way planwatch
 * finds a collector, an indicator or a target by its id: in the
 * configuration's references, across a reload and per web request.  A
 * linear scan per lookup made these O(n²) at 10,000 feeds.
 */
#ifndef PLANWATCH_IDINDEX_H
#define PLANWATCH_IDINDEX_H

#include <stdbool.h>
#include <stddef.h>

struct idindex;

/* An empty index, or NULL when out of memory. */
struct idindex *idindex_new(void);
/*
 * Maps id (copied) to value.  0; 1 when id is already there (its first
 * value is kept); -1 when out of memory (the index is unchanged).
 */
int idindex_put(struct idindex *ix, const char *id, size_t value);
/* True, with *value set, when id is in the index. */
bool idindex_get(const struct idindex *ix, const char *id, size_t *value);
/* How many ids it holds. */
size_t idindex_count(const struct idindex *ix);
/* Frees the index; NULL is a no-op. */
void idindex_free(struct idindex *ix);

#endif
