/*
 * file_case: assertions about files and the errors that name them, for
 * the journal and storage tests (file_case.h).
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "unit/file_case.h"

void
assert_err_line(const char *err, const char *path, long line)
{
	char want[256];

	snprintf(want, sizeof(want), "%s:%ld:", path, line);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("err \"%s\" does not begin with \"%s\"", err, want);
}

void
assert_refused_link(const char *err, const char *path)
{
	char want[400];

	snprintf(want, sizeof(want), "%s: is a symbolic link, refused", path);
	if (strstr(err, want) == NULL)
		fail_msg("err \"%s\" does not say \"%s\"", err, want);
}

bool
is_link(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}
