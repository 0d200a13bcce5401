/*
 * storage_cmd: the commands that work on the stored data without the
 * daemon: `planwatch revisions <id>` (the revision log from the journal)
 * and `planwatch rebuild [<id>...]` (archives built anew from the
 * journals, atomically, under the data_dir lock).
 */
#ifndef PLANWATCH_STORAGE_CMD_H
#define PLANWATCH_STORAGE_CMD_H

#include "config.h"

/* argv: what follows the command.  0, 1 on an error, 2 on a usage error. */
int revisions_command(const struct config *c, int argc, char **argv);
int rebuild_command(const struct config *c, int argc, char **argv);
/*
 * `planwatch import <indicator> <file.csv>`: a history (a yearbook's
 * table) as CSV with the columns "period" and "value" (others ignored),
 * read by the csv feed format; new periods and revisions are journaled
 * (collector "import") and the archive rebuilt, under the data_dir lock.
 */
int import_command(const struct config *c, int argc, char **argv);
/*
 * `planwatch storage where <indicator>...`: where each archive is, one
 * line each: "<id> <shard> <address> <name there>" on shards ('-' for
 * the shard with one rrdcached, "- local <path>" without one).
 */
int storage_command(const struct config *c, int argc, char **argv);
/* `planwatch export-data <indicator>`: the stored series as CSV. */
int export_data_command(const struct config *c, int argc, char **argv);

#endif
