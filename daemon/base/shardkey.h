/*
 * shardkey: which of several rrdcached daemons (shards) holds an
 * indicator's archive.  Rendezvous (highest-random-weight) hashing: each
 * shard's weight for an id is a fixed 64-bit hash of the shard's name and
 * the id, and the heaviest shard holds the archive.  Only the names count,
 * never the addresses, so an address can change without moving anything;
 * adding a shard moves only the archives whose new heaviest shard it is.
 */
#ifndef PLANWATCH_SHARDKEY_H
#define PLANWATCH_SHARDKEY_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a 64 of len bytes at p (offset basis 0xcbf29ce484222325). */
uint64_t shardkey_fnv1a64(const void *p, size_t len);
/*
 * The weight of shard name for indicator id: FNV-1a 64 over the bytes of
 * name, one zero byte and the bytes of id, then MurmurHash3's 64-bit
 * finaliser (fmix64) to spread FNV's weakly mixed high bits.  Fixed for
 * all versions: changing it moves archives (docs/storage.md).
 */
uint64_t shardkey_weight(const char *name, const char *id);
/*
 * The index in names[0..n) of the shard holding id: the highest weight,
 * the smaller name (strcmp) on a tie.  n must be at least 1.
 */
size_t shardkey_pick(const char *const *names, size_t n, const char *id);

#endif
