/*
 * test_shardkey: the key that places archives on shards
 * (daemon/base/shardkey.c): the hash's published vectors, weights
 * computed independently (Python, in the commit that wrote this test),
 * an even spread, and that a new shard takes only what it now ranks first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "shardkey.h"

#define IDS 10000

static void
test_fnv1a64_published_vectors(void **state)
{
	(void)state;
	/* The FNV reference's test vectors. */
	assert_true(shardkey_fnv1a64("", 0) == 0xcbf29ce484222325ULL);
	assert_true(shardkey_fnv1a64("a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(shardkey_fnv1a64("foobar", 6) == 0x85944171f73967e8ULL);
}

static void
test_weight_known_vectors(void **state)
{
	(void)state;
	assert_true(shardkey_weight("a", "gdp") == 0xb416efbe4d47b44cULL);
	assert_true(shardkey_weight("b", "gdp") == 0x6be601a8584d986eULL);
	assert_true(
	    shardkey_weight("a", "unemployment_rate") == 0x88bed3f0c7f18bf7ULL);
	assert_true(
	    shardkey_weight("b", "unemployment_rate") == 0xb1b7e83568e82f68ULL);
	assert_true(shardkey_weight("east", "x") == 0x433eea7971a7015fULL);
	assert_true(shardkey_weight("west", "x") == 0x5cfb1155cb8f00e4ULL);
	/* The separator: ("ab", "c") is not ("a", "bc"). */
	assert_true(shardkey_weight("ab", "c") != shardkey_weight("a", "bc"));
}

static void
test_pick_known_vectors(void **state)
{
	const char *const abc[] = {"a", "b", "c"};
	const char *const cba[] = {"c", "b", "a"};

	(void)state;
	assert_int_equal(shardkey_pick(abc, 3, "gdp"), 0);
	assert_int_equal(shardkey_pick(abc, 3, "unemployment_rate"), 1);
	assert_int_equal(shardkey_pick(abc, 3, "cpi"), 1);
	assert_int_equal(shardkey_pick(abc, 3, "pop_total"), 2);
	/* The order of the list does not matter, only the names. */
	assert_int_equal(shardkey_pick(cba, 3, "gdp"), 2);
	assert_int_equal(shardkey_pick(cba, 3, "pop_total"), 0);
	assert_int_equal(shardkey_pick(abc, 1, "gdp"), 0);
}

/* The shard of ids 0..IDS-1 ("ind_<i>") over names[0..n). */
static void
spread(const char *const *names, size_t n, size_t *shard)
{
	char id[32];

	for (size_t i = 0; i < IDS; i++) {
		snprintf(id, sizeof(id), "ind_%zu", i);
		shard[i] = shardkey_pick(names, n, id);
	}
}

static void
test_spread_is_even(void **state)
{
	const char *const names[] = {"a", "b", "c", "d"};
	static size_t shard[IDS];
	size_t count[4] = {0};

	(void)state;
	spread(names, 4, shard);
	for (size_t i = 0; i < IDS; i++)
		count[shard[i]]++;
	/* 2,500 each; binomial sd is 43, so 10 % is over 5 sd. */
	for (size_t k = 0; k < 4; k++) {
		assert_true(count[k] > 2250);
		assert_true(count[k] < 2750);
	}
}

static void
test_new_shard_takes_only_its_own(void **state)
{
	const char *const three[] = {"a", "b", "c"};
	const char *const four[] = {"a", "b", "c", "d"};
	static size_t before[IDS], after[IDS];
	size_t moved = 0;

	(void)state;
	spread(three, 3, before);
	spread(four, 4, after);
	for (size_t i = 0; i < IDS; i++) {
		if (after[i] == before[i])
			continue;
		/* Whatever moved went to the new shard, nowhere else. */
		assert_int_equal(after[i], 3);
		moved++;
	}
	/* About a quarter moves (1/(n+1)). */
	assert_true(moved > 2250);
	assert_true(moved < 2750);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fnv1a64_published_vectors),
	    cmocka_unit_test(test_weight_known_vectors),
	    cmocka_unit_test(test_pick_known_vectors),
	    cmocka_unit_test(test_spread_is_even),
	    cmocka_unit_test(test_new_shard_takes_only_its_own),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
