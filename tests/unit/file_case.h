/*
 * file_case: assertions the journal and storage tests both make about
 * files and the errors that name them: an error that begins with
 * "path:line:", a symbolic link refused, a path that is a link.  cmocka's
 * assertions are used: include after <cmocka.h>.
 */
#ifndef PLANWATCH_FILE_CASE_H
#define PLANWATCH_FILE_CASE_H

#include <stdbool.h>

/* Asserts that err begins with "path:line:". */
void assert_err_line(const char *err, const char *path, long line);

/* err says that path is a symbolic link and was refused. */
void assert_refused_link(const char *err, const char *path);

/* True when path itself (not what it points to) is a symbolic link. */
bool is_link(const char *path);

#endif
