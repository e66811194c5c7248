/* kling-tui: which process on which boot wrote something.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "owner.h"

/* Linux's id of this boot; "" elsewhere (the pid alone is then checked). */
static const char *
owner_boot(void)
{
	static char boot[64];
	static int read_once;
	FILE *f;
	size_t n;

	if (read_once)
		return boot;
	read_once = 1;
	if ((f = fopen("/proc/sys/kernel/random/boot_id", "r")) == NULL)
		return boot;
	if (fgets(boot, sizeof boot, f) == NULL)
		boot[0] = '\0';
	fclose(f);
	n = strcspn(boot, " \n");
	boot[n] = '\0';
	return boot;
}

void
owner_self(char *buf, size_t len)
{
	snprintf(buf, len, "%ld %s", (long)getpid(), owner_boot());
}

long
owner_pid(const char *owner)
{
	char *end;
	long pid;

	if (owner == NULL)
		return 0;
	pid = strtol(owner, &end, 10);
	return end != owner && pid > 0 ? pid : 0;
}

bool
owner_gone(const char *owner)
{
	const char *boot, *me = owner_boot();
	long pid = owner_pid(owner);

	if (pid == 0)
		return false;
	boot = strchr(owner, ' ');
	boot = boot != NULL ? boot + 1 : "";
	if (*boot != '\0' && *me != '\0' && strcmp(boot, me) != 0)
		return true;	/* the machine was restarted since */
	/* EPERM: it exists, under another user. */
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH;
}
