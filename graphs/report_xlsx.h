/*
 * report_xlsx: the plan office's document (views/evaldoc.h) as an XLSX
 * workbook, for the bureaus who carry on in a spreadsheet: a summary
 * sheet (verdict, counts, the targets behind schedule) and one sheet per
 * chapter, numbers as numbers.  The one file that uses libxlsxwriter.
 */
#ifndef PLANWATCH_REPORT_XLSX_H
#define PLANWATCH_REPORT_XLSX_H

#include <stddef.h>

#include "evaldoc.h"

/*
 * Writes doc's workbook to path (created or replaced; the caller renames
 * it into place).  Its creation date is the document's as-of date, so
 * the same data gives the same bytes.  0, or -1 with err.
 */
int report_xlsx(
    const struct evaldoc *doc, const char *path, char *err, size_t errlen);

#endif
