/* kling-tui tests: what the network tests share.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <dirent.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "netlib.h"

void
netlib_conn(struct api_conn *c, const char *url)
{
	api_conn_init(c);
	c->base_url = url;
	c->key = NETLIB_KEY;
	c->connect_timeout_ms = 1000;
	c->timeout_ms = 1000;
	c->stall_secs = 1;
	c->retry.max_attempts = 3;
	c->retry.backoff_ms = 20;
	c->retry.backoff_max_ms = 3000;
}

int
netlib_wait_done(struct worker *w, struct worker_event *ev, int timeout_ms,
    int *progress)
{
	struct pollfd	pfd = { worker_fd(w), POLLIN, 0 };
	int64_t		end = clock_ms() + timeout_ms, now;

	for (;;) {
		while (worker_take(w, ev)) {
			if (ev->type == WORKER_DONE)
				return 1;
			if (progress != NULL)
				(*progress)++;
			worker_event_clear(ev);
		}
		/* Read once: a negative poll() timeout would wait for ever. */
		if ((now = clock_ms()) >= end)
			return 0;
		poll(&pfd, 1, (int)(end - now));
	}
}

int
netlib_threads_named(const char *name, char *dir, size_t len)
{
	DIR		*d = opendir("/proc/self/task");
	struct dirent	*de;
	char		 path[300], line[64];
	FILE		*f;
	int		 n = 0;

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "/proc/self/task/%s/comm", de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(line, sizeof line, f) != NULL &&
		    strcspn(line, "\n") == strlen(name) &&
		    strncmp(line, name, strlen(name)) == 0) {
			n++;
			if (dir != NULL)
				snprintf(dir, len, "/proc/self/task/%s", de->d_name);
		}
		fclose(f);
	}
	if (d != NULL)
		closedir(d);
	return n;
}
