#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crashpoint.h"

void
crashpoint(const char *name)
{
	const char *want = getenv("PLANWATCH_TEST_CRASH");

	if (want != NULL && strcmp(want, name) == 0)
		_exit(137);
}
