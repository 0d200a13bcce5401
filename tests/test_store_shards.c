/*
 * test_store_shards: the store's routing over rrdcached shards
 * (daemon/store/store_daemon.c) without a daemon: each archive's address
 * is its key's shard, its name there is relative ("<id>.rrd"), `storage
 * where` and the store agree, and a configuration with another shard set
 * is not the storage in use (a reload keeps the old one).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "shardkey.h"
#include "store.h"

static struct storage_shard two[] = {
    {.name = "east", .address = "127.0.0.1:42217"},
    {.name = "west", .address = "unix:/run/west.sock"},
};

static void
test_each_archive_goes_to_its_key(void **state)
{
	const char *const names[] = {"east", "west"};
	char path[256], id[32], buf[256];
	size_t on[2] = {0};

	(void)state;
	assert_int_equal(store_set_shards(two, 2, "/var/lib/pw"), 0);
	assert_null(store_daemon());
	for (int i = 0; i < 200; i++) {
		const char *name, *addr;
		size_t k;

		snprintf(id, sizeof(id), "ind%d", i);
		k = shardkey_pick(names, 2, id);
		on[k]++;
		store_path("/var/lib/pw", id, path, sizeof(path));
		assert_string_equal(store_daemon_for(path), two[k].address);
		assert_int_equal(store_shard_of(id, &name, &addr), 0);
		assert_string_equal(name, two[k].name);
		assert_string_equal(addr, two[k].address);
		/* Relative to the shard's base directory, on a unix socket
		 * too. */
		snprintf(id + strlen(id), sizeof(id) - strlen(id), ".rrd");
		assert_string_equal(
		    store_daemon_name(path, buf, sizeof(buf)), id);
	}
	assert_true(on[0] > 0 && on[1] > 0);
	/* One shard takes every archive. */
	assert_int_equal(store_set_shards(two, 1, "/var/lib/pw"), 0);
	store_path("/var/lib/pw", "gdp", path, sizeof(path));
	assert_string_equal(store_daemon_for(path), "127.0.0.1:42217");
	assert_int_equal(store_set_daemon(NULL, "/var/lib/pw"), 0);
}

static void
test_single_daemon_unchanged(void **state)
{
	const char *name, *addr;
	char buf[256];

	(void)state;
	assert_int_equal(store_set_daemon("127.0.0.1:42217", "/d"), 0);
	assert_string_equal(store_daemon(), "127.0.0.1:42217");
	assert_string_equal(store_daemon_for("/d/x.rrd"), "127.0.0.1:42217");
	assert_string_equal(
	    store_daemon_name("/d/x.rrd", buf, sizeof(buf)), "x.rrd");
	assert_int_equal(store_shard_of("x", &name, &addr), -1);
	assert_int_equal(store_set_daemon("unix:/run/s", "/d"), 0);
	assert_string_equal(
	    store_daemon_name("/d/x.rrd", buf, sizeof(buf)), "/d/x.rrd");
	assert_int_equal(store_set_daemon(NULL, "/d"), 0);
	assert_null(store_daemon_for("/d/x.rrd"));
	assert_string_equal(
	    store_daemon_name("/d/x.rrd", buf, sizeof(buf)), "/d/x.rrd");
}

static void
test_reload_sees_another_shard_set(void **state)
{
	struct storage_shard renamed[] = {
	    {.name = "east", .address = "127.0.0.1:42217"},
	    {.name = "north", .address = "unix:/run/west.sock"},
	};
	struct storage_shard moved[] = {
	    {.name = "east", .address = "127.0.0.1:42218"},
	    {.name = "west", .address = "unix:/run/west.sock"},
	};
	struct config c = {.shards = two, .nshards = 2};
	char buf[256];

	(void)state;
	assert_int_equal(store_set_shards(two, 2, "/d"), 0);
	assert_true(store_same_storage(&c));
	assert_string_equal(store_storage_text(buf, sizeof(buf)),
	    "shards east=127.0.0.1:42217, west=unix:/run/west.sock");
	c.shards = renamed;
	assert_false(store_same_storage(&c));
	c.shards = moved;
	assert_false(store_same_storage(&c));
	c.nshards = 1;
	c.shards = two;
	assert_false(store_same_storage(&c));
	/* One daemon instead of shards, and back. */
	c = (struct config){.rrdcached = "127.0.0.1:42217"};
	assert_false(store_same_storage(&c));
	assert_int_equal(store_set_daemon("127.0.0.1:42217", "/d"), 0);
	assert_true(store_same_storage(&c));
	c = (struct config){.shards = two, .nshards = 2};
	assert_false(store_same_storage(&c));
	assert_int_equal(store_set_daemon(NULL, "/d"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_each_archive_goes_to_its_key),
	    cmocka_unit_test(test_single_daemon_unchanged),
	    cmocka_unit_test(test_reload_sees_another_shard_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
