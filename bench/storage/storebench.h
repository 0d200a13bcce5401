/*
 * storebench.h: what storebench.c and its rebuild subcommand
 * (storebench_rebuild.c) share: the path buffer's size, the JSON string
 * writer, the subcommand itself.
 */
#ifndef PLANWATCH_STOREBENCH_H
#define PLANWATCH_STOREBENCH_H

#define PATHLEN 4096

/* Writes s as a JSON string on stdout. */
void json_str(const char *s);

/*
 * A 30-year monthly archive built anew runs times in dir, each way in
 * turn (through the rrdcached at addr too when addr is not NULL); one
 * JSON object on stdout.  0, or -1 said on stderr.
 */
int cmd_rebuild(const char *dir, int runs, const char *addr);

#endif
