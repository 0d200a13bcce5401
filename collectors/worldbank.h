/*
 * worldbank: the World Bank Indicators API v2 in JSON (the "worldbank"
 * format), e.g. https://api.worldbank.org/v2/country/CN/indicator/
 * NY.GDP.MKTP.CD?format=json&per_page=1000.  A response is one page of
 * rows; the selector's series picks one country's one indicator:
 *
 *	series: {country: CN, indicator: NY.GDP.MKTP.CD}
 *
 * country matches a row's country.id ("CN") or its countryiso3code
 * ("CHN"), indicator its indicator.id, both ignoring ASCII case.  Either
 * or both may be left out when the rows hold only one country or one
 * indicator.  Dates are years (2021), quarters (2021Q3) and months
 * (2021M07); a null value is not published and skipped.
 *
 * Pages: select reads the rows of the document it is given, which is one
 * page of the answer.  worldbank_pages tells the fetcher how many pages
 * there are; the fetcher requests the others (&page=2 ...) and merges
 * them into the first with worldbank_merge before selecting, so that the
 * checks that span rows (one series, no conflicting duplicates) see every
 * row.  Asking for a large per_page (the API allows 32,500) keeps most
 * answers on one page.
 *
 * Pure code over (buf, len): no I/O, so it is fuzzable and testable alone.
 */
#ifndef PLANWATCH_WORLDBANK_H
#define PLANWATCH_WORLDBANK_H

#include "feed.h"

/* Most pages an answer may have: a larger one is rejected by load. */
#define WORLDBANK_PAGES_MAX 1000

/* The format's entry for the table of collectors/feed.c. */
extern const struct feed_format worldbank_format;

/*
 * The number of the page doc holds (1-based) and the number of pages of
 * the answer, from the page's metadata; pages is 0 for an answer with no
 * rows.  After worldbank_merge, page stays that of the first page.
 */
int worldbank_pages(const struct feed_doc *doc, int *page, int *pages);
/*
 * Appends the rows of another page of the same answer to doc.  Fails,
 * leaving doc unchanged, when page belongs to another answer (a different
 * number of pages or rows: the data changed between the requests), was
 * already merged, or would take doc past OBS_LIST_MAX rows.  page stays
 * the caller's to free.
 */
int worldbank_merge(struct feed_doc *doc, const struct feed_doc *page,
    char *err, size_t errlen);

#endif
