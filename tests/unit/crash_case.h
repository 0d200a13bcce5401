/*
 * crash_case: what the crash tests (test_crash.c) and the delivery tests
 * (test_delivery.c) share: a site under test (a temporary directory with
 * a configuration whose one floor is breached on the first evaluation),
 * delivering to a Maildir or by SMTP to a sink of its own; planwatch run
 * once on it; the messages it received, their Message-IDs checked.
 * cmocka's assertions are used: include after <cmocka.h>.
 */
#ifndef PLANWATCH_CRASH_CASE_H
#define PLANWATCH_CRASH_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "integration/harness.h"

/*
 * A site under test: its directory and configuration, and where its
 * messages arrive (files named *suffix in inbox).
 */
struct site {
	char dir[256], conf[600];
	char inbox[600];
	const char *suffix;
	bool smtp; /* the sink runs and must be stopped */
	struct harness_smtp sink;
};

/* The smtp section of a site delivering to the Maildir dir/mail. */
extern const char maildir_yaml[];

void write_site_with(const char *dir, const char *smtp, const char *coll,
    const char *listen, char *conf, size_t len);
void write_site(const char *dir, const char *smtp, char *conf, size_t len);
bool is_message(const char *name, const char *suffix);
int messages(const struct site *s, char ids[][128], int n);
void site_maildir(struct site *s);
void site_smtp_in(struct site *s, int refuse_first);
void site_smtp(struct site *s, int refuse_first);
void site_close(struct site *s);
int run_once(const struct site *s, const char *name);

#endif
