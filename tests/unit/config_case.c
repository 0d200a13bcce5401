/*
 * config_case: the configuration tests' fixtures, loaded and compared
 * (config_case.h).
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "unit/config_case.h"

const char *
fixture(const char *name, char *buf, size_t len)
{
	const char *dir = getenv("PW_FIXTURES");

	snprintf(buf, len, "%s/config/%s", dir ? dir : "tests/fixtures", name);
	return buf;
}

/*
 * True when msg is want once every copy of dir (the fixture directory,
 * however it was given) is taken out of it.
 */
static bool
same_message(const char *msg, const char *want, const char *dir)
{
	size_t ld = strlen(dir), lw = strlen(want);

	while (*msg != '\0') {
		if (ld > 0 && strncmp(msg, dir, ld) == 0) {
			msg += ld;
			continue;
		}
		if (lw == 0 || *msg != *want)
			return false;
		msg++;
		want++;
		lw--;
	}
	return lw == 0;
}

static void
print_errors(const struct config_errors *e)
{
	for (size_t i = 0; i < e->n; i++)
		print_message("  %s\n", e->v[i]);
}

struct config *
load_ok(const char *name)
{
	struct config_errors e = {NULL, 0};
	struct config *conf;
	char path[PATH_MAX];

	conf = config_load(fixture(name, path, sizeof(path)), &e);
	if (e.n > 0)
		print_errors(&e);
	assert_int_equal(e.n, 0);
	assert_non_null(conf);
	config_errors_clear(&e);
	return conf;
}

void
expect_errors(
    const char *path, const char *dir, const char *const *want, size_t n)
{
	struct config_errors e = {NULL, 0};
	struct config *conf;
	bool ok = true;

	conf = config_load(path, &e);
	assert_null(conf);
	if (e.n != n)
		ok = false;
	for (size_t i = 0; ok && i < n; i++)
		ok = same_message(e.v[i], want[i], dir);
	if (!ok) {
		print_message("%s: got:\n", path);
		print_errors(&e);
		print_message("wanted:\n");
		for (size_t i = 0; i < n; i++)
			print_message("  %s\n", want[i]);
	}
	assert_true(ok);
	config_errors_clear(&e);
	assert_int_equal(e.n, 0);
	assert_null(e.v);
}
