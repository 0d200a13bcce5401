/*
 * fnv: FNV-1a, 64 bits, the one hash of the shard key (shardkey.c) and
 * of the change detectors (stamp.c, collstate.c, alert.c).  Fast and
 * stable across hosts and versions; not a defence against an input
 * chosen to collide.
 */
#ifndef PLANWATCH_FNV_H
#define PLANWATCH_FNV_H

#include <stddef.h>
#include <stdint.h>

/* The offset basis: the hash of no bytes. */
#define FNV1A64_BASIS 0xcbf29ce484222325ULL

/* FNV-1a 64 continued from h over len bytes at p. */
static inline uint64_t
fnv1a64_more(uint64_t h, const void *p, size_t len)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

#endif
