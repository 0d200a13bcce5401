/*
 * expo_check: a strict reader of the Prometheus text exposition format
 * (0.0.4), for the tests of /metrics.  Stricter than the format itself
 * where a careful exporter should be: every family needs a TYPE line
 * before its samples, a family's samples are contiguous, no series
 * (name and labels) appears twice, and counters end in _total.
 */
#ifndef PLANWATCH_EXPO_CHECK_H
#define PLANWATCH_EXPO_CHECK_H

#include <stddef.h>

/*
 * Checks text; 0 with the number of samples in *samples, or -1 with
 * "line N: what" in err.
 */
int expo_check(const char *text, size_t *samples, char *err, size_t errlen);

#endif
