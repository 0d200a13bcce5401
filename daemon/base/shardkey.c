/*
 * shardkey: rendezvous hashing of (shard name, indicator id), the stable
 * key that spreads archives over several rrdcached daemons (shardkey.h).
 */
#include <string.h>

#include "fnv.h"
#include "shardkey.h"

uint64_t
shardkey_fnv1a64(const void *p, size_t len)
{
	return fnv1a64_more(FNV1A64_BASIS, p, len);
}

/* MurmurHash3's fmix64: every input bit reaches every output bit. */
static uint64_t
fmix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

uint64_t
shardkey_weight(const char *name, const char *id)
{
	/* The zero byte keeps ("ab", "c") apart from ("a", "bc"). */
	uint64_t h = fnv1a64_more(FNV1A64_BASIS, name, strlen(name) + 1);

	return fmix64(fnv1a64_more(h, id, strlen(id)));
}

size_t
shardkey_pick(const char *const *names, size_t n, const char *id)
{
	size_t best = 0;
	uint64_t top = shardkey_weight(names[0], id);

	for (size_t i = 1; i < n; i++) {
		uint64_t w = shardkey_weight(names[i], id);

		if (w > top ||
		    (w == top && strcmp(names[i], names[best]) < 0)) {
			best = i;
			top = w;
		}
	}
	return best;
}
