#include <pthread.h>

#include "rrdlock.h"

static pthread_mutex_t rrd_graph_lock = PTHREAD_MUTEX_INITIALIZER;

void
rrdlock_acquire(void)
{
	pthread_mutex_lock(&rrd_graph_lock);
}

void
rrdlock_release(void)
{
	pthread_mutex_unlock(&rrd_graph_lock);
}
