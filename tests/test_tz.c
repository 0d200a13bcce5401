/*
 * test_tz: times people read, in the configured zone (daemon/base/tz.c): the
 * same instant in Asia/Shanghai and in UTC, daylight saving time on both
 * hemispheres, a zone's history (Shanghai's summer time of 1986-1991),
 * times after the last transition of the file (its POSIX footer), and
 * names and files refused.  The zone files are the system's (Debian's
 * tzdata); a sweep over two centuries compares every offset with glibc's
 * localtime_r.  Instants are literal Unix seconds (UTC).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "tz.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct tz *
load(const char *name)
{
	char err[512];
	struct tz *z = tz_load(name, err, sizeof(err));

	if (z == NULL)
		fail_msg("tz_load(%s): %s", name, err);
	return z;
}

static void
check_datetime(const struct tz *z, time_t t, const char *want)
{
	char buf[64];

	tz_datetime(z, t, buf, sizeof(buf));
	if (strcmp(buf, want) != 0)
		fail_msg("%s at %lld: \"%s\", want \"%s\"", tz_name(z),
		    (long long)t, buf, want);
}

/*
 * 2026-11-25 20:00 UTC (1795636800) is already the 26th in Shanghai, at
 * 04:00: the date people read there is not the UTC one.
 */
static void
test_shanghai_and_utc(void **state)
{
	struct tz *sh = load("Asia/Shanghai"), *utc = load("UTC");
	char date[32];

	(void)state;
	check_datetime(sh, 1795636800, "2026-11-26 04:00 UTC+8");
	check_datetime(NULL, 1795636800, "2026-11-25 20:00 UTC");
	check_datetime(utc, 1795636800, "2026-11-25 20:00 UTC");
	tz_date(sh, 1795636800, date, sizeof(date));
	assert_string_equal(date, "2026-11-26");
	tz_date(NULL, 1795636800, date, sizeof(date));
	assert_string_equal(date, "2026-11-25");
	assert_string_equal(tz_name(sh), "Asia/Shanghai");
	assert_string_equal(tz_name(NULL), "UTC");
	/* Summer time in China, 1986-1991: 1988-07-01 00:00 UTC. */
	check_datetime(sh, 583718400, "1988-07-01 09:00 UTC+9");
	tz_free(sh);
	tz_free(utc);
	tz_free(NULL);
}

/*
 * New York: EST (UTC-5) and EDT (UTC-4); the change of 2024-03-10 at
 * 07:00 UTC (02:00 EST becomes 03:00 EDT); 2040 is past the file's
 * transitions (2037), so its footer's rule (M3.2.0,M11.1.0) says EDT.
 */
static void
test_daylight_saving(void **state)
{
	struct tz *ny = load("America/New_York"), *syd, *ind;
	struct tm tm;

	(void)state;
	check_datetime(ny, 1705320000, "2024-01-15 07:00 UTC-5");
	check_datetime(ny, 1719835200, "2024-07-01 08:00 UTC-4");
	check_datetime(ny, 1710053999, "2024-03-10 01:59 UTC-5");
	check_datetime(ny, 1710054000, "2024-03-10 03:00 UTC-4");
	check_datetime(ny, 2224756800, "2040-07-01 08:00 UTC-4");
	assert_int_equal(tz_localtime(ny, 2224756800, &tm), -4 * 3600);
	assert_int_equal(tm.tm_isdst, 1);
	assert_string_equal(tm.tm_zone, "EDT");
	/* Sydney: summer in January, also in 2045 (the footer). */
	syd = load("Australia/Sydney");
	check_datetime(syd, 1705276800, "2024-01-15 11:00 UTC+11");
	check_datetime(syd, 1721001600, "2024-07-15 10:00 UTC+10");
	check_datetime(syd, 2368051200, "2045-01-15 11:00 UTC+11");
	/* Half hours. */
	ind = load("Asia/Kolkata");
	check_datetime(ind, 1795636800, "2026-11-26 01:30 UTC+5:30");
	tz_free(ny);
	tz_free(syd);
	tz_free(ind);
}

/*
 * Every offset and local time of a few zones, every 6 days and 7 hours
 * from 1901 to 2099, as glibc's localtime_r has them (the test sets TZ;
 * planwatch never does).
 */
static void
test_sweep_against_glibc(void **state)
{
	static const char *const zones[] = {"Asia/Shanghai", "America/New_York",
	    "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata",
	    "America/Sao_Paulo", "Pacific/Chatham", "Europe/Dublin",
	    "America/Santiago", "UTC"};

	(void)state;
	for (size_t i = 0; i < NELEM(zones); i++) {
		struct tz *z = load(zones[i]);

		assert_int_equal(setenv("TZ", zones[i], 1), 0);
		tzset();
		for (int64_t t = -2145916800LL; t < 4102444800LL;
		     t += 6 * 86400 + 7 * 3600) {
			struct tm mine, libc;
			time_t tt = (time_t)t;

			tz_localtime(z, tt, &mine);
			localtime_r(&tt, &libc);
			if (mine.tm_gmtoff != libc.tm_gmtoff ||
			    mine.tm_hour != libc.tm_hour ||
			    mine.tm_mday != libc.tm_mday ||
			    mine.tm_isdst != libc.tm_isdst)
				fail_msg("%s at %lld: offset %ld dst %d, glibc "
					 "%ld dst %d",
				    zones[i], (long long)t, mine.tm_gmtoff,
				    mine.tm_isdst, libc.tm_gmtoff,
				    libc.tm_isdst);
		}
		tz_free(z);
	}
	assert_int_equal(setenv("TZ", "UTC", 1), 0);
	tzset();
}

/* A TZif file written by the test into dir/name. */
static void
write_zone(const char *dir, const char *name, const char *footer)
{
	/* One type (offset 0, "UTC"), no transition; version 2. */
	static const unsigned char block[] = {'T', 'Z', 'i', 'f', '2', 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* isut */
	    0, 0, 0, 0, /* isstd */
	    0, 0, 0, 0, /* leap */
	    0, 0, 0, 0, /* time */
	    0, 0, 0, 1, /* type */
	    0, 0, 0, 4, /* char */
	    0, 0, 0, 0, 0, 0, 'U', 'T', 'C', 0};
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(block, sizeof(block), 1, f), 1);
	assert_int_equal(fwrite(block, sizeof(block), 1, f), 1);
	fprintf(f, "\n%s\n", footer);
	assert_int_equal(fclose(f), 0);
}

/*
 * The footer alone: a quoted name and minutes ("<+0330>-3:30", UTC+3:30),
 * and Julian-day rules: J60 is March 1st, also in a leap year, at 00:00
 * standard time (UTC+2): 2030-02-28 22:00 UTC; J300/0 is October 27th at
 * 00:00 daylight time (UTC+3).
 */
static void
test_footer_rules(void **state)
{
	char dir[] = "/tmp/test_tz.XXXXXX", path[512];
	struct tz *z;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(setenv("TZDIR", dir, 1), 0);
	write_zone(dir, "Quoted", "<+0330>-3:30");
	write_zone(dir, "Julian", "XST-2XDT,J60/0,J300/0");
	z = load("Quoted");
	check_datetime(z, 1795636800, "2026-11-25 23:30 UTC+3:30");
	tz_free(z);
	z = load("Julian");
	check_datetime(z, 1898546340, "2030-02-28 23:59 UTC+2");
	check_datetime(z, 1898546400, "2030-03-01 01:00 UTC+3");
	check_datetime(z, 1906502400, "2030-06-01 03:00 UTC+3");
	tz_free(z);
	unsetenv("TZDIR");
	snprintf(path, sizeof(path), "%s/Quoted", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/Julian", dir);
	unlink(path);
	rmdir(dir);
}

/* Names outside the zoneinfo directory and files that are not zones. */
static void
test_refused(void **state)
{
	static const struct {
		const char *name, *why;
	} cases[] = {
	    {"Asia/Shangai",
		"unknown time zone 'Asia/Shangai': "
		"/usr/share/zoneinfo/Asia/Shangai: No such file"},
	    {"Asia", "Is a directory"},
	    {"../../etc/passwd", "expected a name such as Asia/Shanghai"},
	    {"/etc/passwd", "expected a name such as Asia/Shanghai"},
	    {"Asia/Shanghai ", "expected a name such as Asia/Shanghai"},
	    {"", "expected a name such as Asia/Shanghai"},
	    {"zone.tab", "expected a name such as Asia/Shanghai"},
	    {"tzdata.zi", "expected a name such as Asia/Shanghai"},
	    {"iso3166.tab", "expected a name such as Asia/Shanghai"},
	};
	char dir[] = "/tmp/test_tz.XXXXXX", path[512], err[512];
	FILE *f;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		err[0] = '\0';
		assert_null(tz_load(cases[i].name, err, sizeof(err)));
		if (strstr(err, cases[i].why) == NULL)
			fail_msg("'%s': \"%s\", want \"%s\"", cases[i].name,
			    err, cases[i].why);
	}
	/* A file that is not TZif. */
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/Bad", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("TZif but not really\n", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(setenv("TZDIR", dir, 1), 0);
	assert_null(tz_load("Bad", err, sizeof(err)));
	assert_non_null(strstr(err, "is not a TZif file"));
	unsetenv("TZDIR");
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shanghai_and_utc),
	    cmocka_unit_test(test_daylight_saving),
	    cmocka_unit_test(test_sweep_against_glibc),
	    cmocka_unit_test(test_footer_rules),
	    cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
