/*
 * clock: the monotonic clock as seconds (clock.h), written once instead
 * of in each module that times something.
 */
#include <time.h>

#include "clock.h"

double
clock_now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
