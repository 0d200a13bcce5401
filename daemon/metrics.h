/*
 * metrics: the runner's state in the Prometheus text exposition format
 * (version 0.0.4), for GET /metrics.  Every family is written whole, after
 * its HELP and TYPE lines, as the format requires.
 */
#ifndef PLANWATCH_METRICS_H
#define PLANWATCH_METRICS_H

struct runner;
struct evbuffer;

/* Appends every family to b. */
void metrics_write(const struct runner *r, struct evbuffer *b);

#endif
