/*
 * storage_case: what the storage tests (test_storage_*.c) share: literal
 * UTC instants, the per-test mkdtemp directory under /tmp with the list
 * and fetched data teardown frees (a failed assertion jumps out of the
 * test and leaks nothing), journals written as text, archives fetched
 * back at one-day resolution and checked day by day.  cmocka's
 * assertions are used: include after <cmocka.h>.
 */
#ifndef PLANWATCH_STORAGE_CASE_H
#define PLANWATCH_STORAGE_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <rrd.h>

#include "obs.h"
#include "period.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define DAY 86400L

/* Literal UTC instants, not computed with timegm. */
#define T_2015 1420070400L /* 2015-01-01 */
#define T_2016 1451606400L
#define T_2020 1577836800L
#define T_2021 1609459200L
#define T_2021_02 1612137600L /* 2021-02-01 */
#define T_2021_03 1614556800L
#define T_2021_04 1617235200L
#define T_2021_07 1625097600L
#define T_2021_10 1633046400L
#define T_2022 1640995200L
#define T_2023 1672531200L
#define T_2024 1704067200L
#define T_2025 1735689600L
#define T_2026 1767225600L
#define T_2027 1798761600L
#define T_2021_01_02 1609545600L
#define T_2021_01_03 1609632000L
#define T_2021_01_04 1609718400L
#define T_2021_01_05 1609804800L

/* The archive fetched back at one-day resolution. */
struct fetched {
	time_t start, end;
	unsigned long step, ds_cnt;
	rrd_value_t *data;
	size_t rows;
};

/*
 * The per-test directory, a file path inside it, and the list and fetched
 * data a test fills: teardown frees them, so a failed assertion (which
 * jumps out of the test) leaks nothing.
 */
struct fixture {
	char dir[64];
	char path[128];
	struct obs_list l;
	struct fetched fe;
};

int setup(void **state);
int teardown(void **state);
struct period per(enum freq freq, int year, int sub);
void write_text(const char *path, const char *text);
bool exists(const char *path);

/* Fetches [from, to) of the archive at path at one-day resolution. */
void fetch(const char *path, time_t from, time_t to, struct fetched *out);
void fetched_free(struct fetched *fe);
void check_days(const struct fetched *fe, time_t from, time_t to, double want);
void list_add(struct obs_list *l, enum freq freq, int year, int sub, double v);
void new_path(const struct fixture *f, const char *id, char *buf, size_t len);
void assert_no_tmp(const char *path);
char *slurp(const char *path, size_t *len);

/* The annual series 2015, 2020-2023 (a 2016-2019 gap) and its values. */
extern const double annual_values[];
void annual_list(struct obs_list *l);
time_t jan1(int y);

#endif
