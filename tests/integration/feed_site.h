/*
 * feed_site: the site an end-to-end test runs planwatch in: a temporary
 * directory with the paths the tests name in it (planwatch.yaml, run.log,
 * data, graphs) and a feed server on 127.0.0.1 for its collectors.  One
 * set-up and tear-down instead of one per test file.  Include after
 * <cmocka.h>: a step that fails fails the test.
 */
#ifndef PLANWATCH_FEED_SITE_H
#define PLANWATCH_FEED_SITE_H

struct feed_server;

struct feed_site {
	char dir[256], conf[600], log[600], data[600], graphs[600];
	struct feed_server *fs;
};

/* Starts the feed server (libevent threads on) and makes the directory,
 * its name holding name; nothing is written in it yet. */
void feed_site_open(struct feed_site *s, const char *name);
/* Stops the feed server and removes the directory. */
void feed_site_close(struct feed_site *s);
/* feed_site_open on a new site, for a test whose state is nothing else. */
struct feed_site *feed_site_new(const char *name);
/* A cmocka teardown: closes and frees the site feed_site_new made. */
int feed_site_teardown(void **state);

#endif
