/*
 * test_status_style: every status's fill carries text that meets WCAG AA
 * (4.5:1), computed, not trusted; the contrast arithmetic on known
 * colours; symbols that tell problems from good news without colour; the
 * CSS rules the dashboard's badges are drawn with.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "status_style.h"

static void
test_every_badge_meets_aa(void **state)
{
	(void)state;
	for (int s = 0; s < STATUS_COUNT; s++) {
		const char *bg = status_fill((enum status)s);

		assert_true(status_contrast(status_text_on(bg), bg) >=
		    STATUS_CONTRAST_AA);
	}
	/* White on vermilion is 3.8:1: black it is. */
	assert_string_equal(status_text_on("#D55E00"), "#000000");
	assert_string_equal(status_text_on("#0072B2"), "#FFFFFF");
}

static void
test_contrast_arithmetic(void **state)
{
	(void)state;
	assert_true(fabs(status_contrast("#FFFFFF", "#000000") - 21) < 1e-9);
	assert_true(fabs(status_contrast("#777777", "#777777") - 1) < 1e-9);
	/* Not "#rrggbb": no ratio, so nothing passes by accident. */
	assert_true(status_contrast("red", "#FFFFFF") == 0);
	assert_true(status_contrast(NULL, "#FFFFFF") == 0);
	assert_true(status_contrast("#FFFFFF0", "#FFFFFF") == 0);
}

/* A problem and a good status never share a symbol or a fill. */
static void
test_symbols_tell_without_colour(void **state)
{
	const enum status bad[] = {
	    STATUS_NOT_MET, STATUS_BREACH, STATUS_REGRESSING, STATUS_OFF_TRACK};
	const enum status good[] = {STATUS_ON_TRACK, STATUS_AHEAD, STATUS_MET};

	(void)state;
	for (size_t i = 0; i < 4; i++)
		for (size_t k = 0; k < 3; k++) {
			assert_string_not_equal(
			    status_symbol(bad[i]), status_symbol(good[k]));
			assert_string_not_equal(
			    status_fill(bad[i]), status_fill(good[k]));
		}
	assert_string_equal(status_symbol((enum status)99), "?");
}

static void
test_css_rules(void **state)
{
	char *css = NULL;
	size_t len;
	FILE *f = open_memstream(&css, &len);

	(void)state;
	assert_non_null(f);
	status_style_css(f, ".b.");
	assert_int_equal(fclose(f), 0);
	assert_non_null(strstr(css,
	    ".b.off_track{background:#D55E00;"
	    "color:#000000}"));
	assert_non_null(
	    strstr(css, ".b.met{background:#0072B2;color:#FFFFFF}"));
	free(css);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_badge_meets_aa),
	    cmocka_unit_test(test_contrast_arithmetic),
	    cmocka_unit_test(test_symbols_tell_without_colour),
	    cmocka_unit_test(test_css_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
