/*
 * export_stamp: the digests of the export's pages.  An indicator's page
 * (in both languages) and its CSV are written again only when the digest
 * of what they show differs from <dir>/.stamps/<id>; the dashboard, the
 * chapters', the bureaus' and the wall pages only when the digest of all
 * their rows differs from <dir>/.stamps/.site.  What invalidates which
 * is listed in docs/scaling.md.
 */
#ifndef PLANWATCH_EXPORT_STAMP_H
#define PLANWATCH_EXPORT_STAMP_H

#include <stdint.h>
#include <time.h>

#include "config.h"
#include "html.h"
#include "stamp.h"
#include "stored.h"

/* Bumped whenever the pages' code changes what the same inputs show. */
#define EXPORT_STAMP_VERSION 1

/*
 * The digest of what every page reads beyond its own indicator: the
 * configuration's site-wide settings (languages, plans, chapters,
 * bureaus, time zone, judgement, sizes), the plan documents linked, and
 * the day of at in the configuration's time zone.
 */
uint64_t export_stamp_site(const struct config *c,
    const struct html_document *docs, size_t ndocs, time_t at);
/*
 * The digest of indicator i's page and CSV: site's, its settings, its
 * series and its growth targets' rate series, its revisions and entries,
 * its judgements and its notes.
 */
uint64_t export_stamp_page(
    const struct config *c, const struct stored *st, size_t i, uint64_t site);
/* Feeds indicator i's dashboard row to s (the site pages' digest): its
 * page's digest and its feed's health (f, may be NULL), which only the
 * dashboard shows. */
void export_stamp_row(
    struct stamp *s, uint64_t page, const struct html_feed *f);

#endif
