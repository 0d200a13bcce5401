/*
 * rrd_check: what a test reads back from an archive, with librrd (not
 * the rrdtool program).  Include after <cmocka.h>.
 */
#ifndef PLANWATCH_RRD_CHECK_H
#define PLANWATCH_RRD_CHECK_H

#include <time.h>

/*
 * The value stored for the day that ends at t, NAN when unknown.  With
 * daemon (an rrdcached address, or NULL) the daemon first writes what it
 * holds for the file, as any reader must ask: name is the file as the
 * daemon knows it (absolute on a unix socket, relative over TCP).
 * Fails the test when the archive cannot be read.
 */
double rrd_check_value_at(
    const char *path, time_t t, const char *daemon, const char *name);
/*
 * The value of indicator id for year y in its archive under data_dir
 * (id.rrd), read as rrd_check_value_at reads it (daemon: the same).
 */
double rrd_check_year(
    const char *data_dir, const char *id, int y, const char *daemon);
/* Midnight UTC of the day y-m-d. */
time_t rrd_check_utc(int y, int m, int d);

#endif
