/*
 * clock: the one monotonic clock, in seconds, for durations and
 * deadlines anywhere (the daemon, its tests, the benchmarks).  Wall-clock
 * time is time(NULL); this never jumps when the clock is set.
 */
#ifndef PLANWATCH_CLOCK_H
#define PLANWATCH_CLOCK_H

/* Seconds on CLOCK_MONOTONIC, with nanoseconds as the fraction. */
double clock_now_mono(void);

#endif
