/*
 * config_case: loading the fixtures of tests/fixtures/config (found
 * through PW_FIXTURES) for the configuration tests (test_config_load.c,
 * test_config_errors.c): one copy instead of one per file.  cmocka's
 * assertions are used: include after <cmocka.h>.
 */
#ifndef PLANWATCH_CONFIG_CASE_H
#define PLANWATCH_CONFIG_CASE_H

#include <stddef.h>

#include "config.h"

/* The path of fixture name, written to buf (len bytes); returns buf. */
const char *fixture(const char *name, char *buf, size_t len);
/* Loads a fixture that must be valid. */
struct config *load_ok(const char *name);
/*
 * Loads path, which must fail with exactly the messages of want, where
 * the files are named relative to dir.
 */
void expect_errors(
    const char *path, const char *dir, const char *const *want, size_t n);

#endif
