/*
 * sdmx_json_doc: an SDMX-JSON data message read into its structure, for
 * sdmx_json.c, which selects from it.  Private to those two files.
 */
#ifndef PLANWATCH_SDMX_JSON_DOC_H
#define PLANWATCH_SDMX_JSON_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "feed.h"

/* Most dimensions a message may have; SDMX DSDs rarely pass 20. */
#define SDMX_DIM_MAX 64
/* Nested message buffers, each larger than the one it quotes. */
#define SDMX_ERR_MAX 256
#define SDMX_WHY_MAX 384
#define SDMX_MSG_MAX 640
/* Longest text from the document quoted in a message. */
#define SDMX_QUOTE_MAX 40
/* Codes listed in a message before "...". */
#define SDMX_LIST_MAX 8
/* An identity's key text: SDMX_DIM_MAX indices of up to 10 digits. */
#define SDMX_ID_TEXT_MAX (SDMX_DIM_MAX * 11 + 1)

enum sdmx_level {
	SDMX_DATASET,
	SDMX_SERIES,
	SDMX_OBS,
	SDMX_NLEVELS,
};

/* One dimension: its id, the level it is presented at, its codes. */
struct sdmx_dim {
	const char *id;
	enum sdmx_level level;
	bool time_role;
	size_t ncodes;
	const char **codes;
};

/* The parsed message. */
struct feed_doc {
	json_t *root; /* first: json_value_doc() fills it */
	json_t *series; /* the data set's series, or NULL */
	json_t *observations; /* or its flat observations, or NULL */
	struct sdmx_dim dim[SDMX_DIM_MAX];
	size_t ndim;
	size_t at[SDMX_NLEVELS][SDMX_DIM_MAX]; /* dimensions of each level */
	size_t nat[SDMX_NLEVELS];
	size_t time; /* the time dimension */
	bool obs_keyed; /* an observation key holds more than time */
	size_t nmeasures; /* measures first in an observation's array */
	size_t value_pos; /* OBS_VALUE's position there */
	long status_pos; /* OBS_STATUS's position there, or -1 */
	bool status_coded; /* its values are indices into status_codes */
	const char **status_codes; /* NULL for a value with no id */
	size_t nstatus;
	const char *status_default;
};

/* Parses and reads a message; NULL with the reason in err. */
struct feed_doc *sdmx_json_doc_load(
    const char *buf, size_t len, char *err, size_t errlen);
/* Frees doc; NULL is a no-op. */
void sdmx_json_doc_free(struct feed_doc *doc);

#endif
