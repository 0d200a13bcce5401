/*
 * maildir: the classic delivery protocol: write to tmp/<unique>, fsync,
 * rename to new/<unique>.  A reader of new/ only ever sees whole messages.
 * Unique names are "<seconds>.P<pid>Q<counter>.<host>", as the Maildir
 * specification suggests.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "maildir.h"

static atomic_ulong maildir_counter;

int
maildir_deliver(
    const char *dir, const char *msg, size_t len, char *err, size_t errlen)
{
	char host[128] = "localhost", name[512], path[4096], tmp[4096];
	static const char *const subdirs[] = {"tmp", "new", "cur"};

	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, subdirs[i]);
		if (fsutil_mkdirs(path, err, errlen) != 0)
			return -1;
	}
	gethostname(host, sizeof(host) - 1);
	host[strcspn(host, "/:")] = '\0';
	snprintf(name, sizeof(name), "%lld.P%ldQ%lu.%s", (long long)time(NULL),
	    (long)getpid(), atomic_fetch_add(&maildir_counter, 1) + 1, host);
	snprintf(tmp, sizeof(tmp), "%s/tmp/%s", dir, name);
	snprintf(path, sizeof(path), "%s/new/%s", dir, name);
	if (fsutil_write_atomic(tmp, msg, len, err, errlen) != 0)
		return -1;
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, "rename %s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
