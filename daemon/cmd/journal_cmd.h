/*
 * journal_cmd: `planwatch journal check <id>` and `planwatch journal
 * repair <id>`, for a journal that does not load (a damaged record): what
 * is good and what is bad in it, and a new journal of the good records
 * with the damaged file kept beside it (docs/journal.md).
 */
#ifndef PLANWATCH_JOURNAL_CMD_H
#define PLANWATCH_JOURNAL_CMD_H

#include "config.h"

/*
 * argv: what follows "journal" ("check" or "repair", then the indicator).
 * check: 0 when the journal is sound, 1 when it is damaged or cannot be
 * read; repair: 0 when it is sound or repaired, 1 when it cannot be (or
 * the daemon holds the data directory); 2 on a usage error.
 */
int journal_command(const struct config *c, int argc, char **argv);

#endif
