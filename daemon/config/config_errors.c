/*
 * config_errors: the messages of a configuration that does not load.
 * They are gathered as the files are read and the references resolved,
 * then put in the order a user reads them: files in the order they were
 * read, and within each file by line and column.
 */
#include <stdlib.h>
#include <string.h>

#include "config_load.h"

/* Splits "file:line:column: ..." into its file length, line and column. */
static void
error_position(const char *msg, size_t *flen, long *line, long *col)
{
	const char *p = msg;

	*flen = strlen(msg);
	*line = *col = 0;
	while ((p = strchr(p, ':')) != NULL) {
		char *end;
		long l = strtol(p + 1, &end, 10);

		if (end > p + 1 && *end == ':') {
			*flen = (size_t)(p - msg);
			*line = l;
			*col = strtol(end + 1, NULL, 10);
			return;
		}
		p++;
	}
}

/* Rank of msg's file: the position of the first message from that file. */
static size_t
error_file_rank(const struct config_errors *errors, const char *msg)
{
	size_t flen, f2;
	long line, col;

	error_position(msg, &flen, &line, &col);
	for (size_t i = 0; i < errors->n; i++) {
		error_position(errors->v[i], &f2, &line, &col);
		if (f2 == flen && strncmp(errors->v[i], msg, flen) == 0)
			return i;
	}
	return errors->n;
}

static bool
error_before(const struct config_errors *orig, const char *a, const char *b)
{
	size_t ra = error_file_rank(orig, a), rb = error_file_rank(orig, b);
	size_t flen;
	long la, lb, ca, cb;

	if (ra != rb)
		return ra < rb;
	error_position(a, &flen, &la, &ca);
	error_position(b, &flen, &lb, &cb);
	return la < lb || (la == lb && ca < cb);
}

/*
 * Orders the messages from first to n by line and column within each
 * file, files in the order they were read, so that a user reads them top
 * to bottom (references are checked after all files were read).  Ranks
 * come from the original order; insertion sort keeps ties in order.
 */
void
config_errors_sort(struct config_errors *errors, size_t first)
{
	size_t n = errors->n - first;
	char **orig = malloc(n * sizeof(*orig));
	struct config_errors view;

	if (orig == NULL)
		return;
	memcpy(orig, errors->v + first, n * sizeof(*orig));
	view = (struct config_errors){orig, n};
	for (size_t i = first + 1; i < errors->n; i++) {
		char *m = errors->v[i];
		size_t j = i;

		while (j > first && error_before(&view, m, errors->v[j - 1])) {
			errors->v[j] = errors->v[j - 1];
			j--;
		}
		errors->v[j] = m;
	}
	free(orig);
}

void
config_errors_clear(struct config_errors *errors)
{
	config_yaml_free_strings(errors->v, errors->n);
	errors->v = NULL;
	errors->n = 0;
}
