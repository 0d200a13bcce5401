/*
 * jsonstat_doc: a JSON-stat 2.0 dataset read and checked as a cube, for
 * jsonstat.c, which selects from it.  Private to those two files.
 */
#ifndef PLANWATCH_JSONSTAT_DOC_H
#define PLANWATCH_JSONSTAT_DOC_H

#include <stddef.h>

#include <jansson.h>

#include "feed.h"

/* Most dimensions a dataset may have. */
#define JSTAT_DIM_MAX 64
/* Nested message buffers, each larger than the one it quotes. */
#define JSTAT_ERR_MAX 256
#define JSTAT_WHY_MAX 384
#define JSTAT_MSG_MAX 640
/* Longest text from the document quoted in a message. */
#define JSTAT_QUOTE_MAX 40
/* Categories listed in a message before "...". */
#define JSTAT_LIST_MAX 8
/* Largest size taken: doubles are exact integers up to 2^53. */
#define JSTAT_SIZE_MAX 9007199254740992.0

/* One dimension: its id, size, stride and category ids by position. */
struct jstat_dim {
	const char *id;
	size_t size;
	size_t stride;
	const char **cats;
};

/* The parsed dataset. */
struct feed_doc {
	json_t *root; /* first: json_value_doc() fills it */
	struct jstat_dim dim[JSTAT_DIM_MAX];
	size_t ndim;
	size_t time; /* the time dimension */
	size_t ncells; /* the product of the sizes */
	json_t *value; /* an array or an object */
	json_t *status; /* a string, an array, an object, or NULL */
};

/* Parses and checks a dataset; NULL with the reason in err. */
struct feed_doc *jsonstat_doc_load(
    const char *buf, size_t len, char *err, size_t errlen);
/* Frees doc; NULL is a no-op. */
void jsonstat_doc_free(struct feed_doc *doc);
/* The dimension called id, or -1. */
long jsonstat_doc_dim_find(const struct feed_doc *doc, const char *id);

#endif
