/*
 * test_hex: the one hex codec (daemon/base/hex.c): lowercase out, lowercase
 * only in, every length checked before a byte is written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hex.h"

static void
test_hex_round_trip(void **state)
{
	const unsigned char in[] = {0x00, 0x0f, 0xa5, 0xff};
	unsigned char out[4];
	char hex[9];

	(void)state;
	assert_int_equal(hex_encode(in, sizeof(in), hex, sizeof(hex)), 0);
	assert_string_equal(hex, "000fa5ff");
	assert_int_equal(hex_decode(hex, 8, out, sizeof(out)), 0);
	assert_memory_equal(in, out, sizeof(in));
	assert_int_equal(hex_encode(in, 0, hex, 1), 0);
	assert_string_equal(hex, "");
}

static void
test_hex_refuses_bad_lengths_and_digits(void **state)
{
	const unsigned char in[] = {1, 2};
	unsigned char out[2];
	char hex[5];

	(void)state;
	assert_int_equal(hex_encode(in, 2, hex, 4), -1);
	assert_int_equal(hex_encode(in, 0, hex, 0), -1);
	assert_int_equal(hex_decode("abc", 3, out, sizeof(out)), -1);
	assert_int_equal(hex_decode("abcdef", 6, out, sizeof(out)), -1);
	assert_int_equal(hex_decode("AB", 2, out, sizeof(out)), -1);
	assert_int_equal(hex_decode("0g", 2, out, sizeof(out)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hex_round_trip),
	    cmocka_unit_test(test_hex_refuses_bad_lengths_and_digits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
