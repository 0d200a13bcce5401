/*
 * export_feeds: the feed column of the exported pages, from what the
 * daemon last saved of its collectors (state_dir/collectors.json): the
 * export runs without the daemon's memory, and without this its pages had
 * a "数据源" column with nothing in it.
 */
#ifndef PLANWATCH_EXPORT_FEEDS_H
#define PLANWATCH_EXPORT_FEEDS_H

#include "config.h"
#include "html.h"

struct export_feeds {
	struct html_feed *feeds; /* one per indicator */
	struct json_t *doc; /* holds the texts feeds point into */
};

/*
 * Fills ef from c's state_dir: a collector the file does not name (or no
 * file: never run) is "not fetched yet".  0, or -1 on ENOMEM; a file that
 * cannot be read is logged and read as none.  Free with export_feeds_free.
 */
int export_feeds_load(const struct config *c, struct export_feeds *ef);
void export_feeds_free(struct export_feeds *ef);

#endif
