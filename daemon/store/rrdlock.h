/*
 * rrdlock: librrd 1.7's rrd_graph and rrd_xport keep global state; every
 * call to either, from any thread, holds this lock.  rrd_create_r,
 * rrd_update_r and rrd_last_r are thread-safe and need none.
 */
#ifndef PLANWATCH_RRDLOCK_H
#define PLANWATCH_RRDLOCK_H

void rrdlock_acquire(void);
void rrdlock_release(void);

#endif
