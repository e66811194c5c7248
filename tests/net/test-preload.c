/* kling-tui tests: netinit.c: libcurl loaded ahead on another thread
 * (net_preload) is the same as loaded when first needed: net_global_init()
 * waits for it and says how it went, the same each time, the loading
 * thread gone by then; a libcurl that cannot be loaded gives the same
 * cause either way. Run under TSan in CI: the hand-over is a join.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api.h"
#include "netlib.h"
#include "tap.h"

/* In a child, so that each case starts with nothing loaded: how
 * net_global_init() went after net_preload() (preload) or without it. */
static void
child(bool preload, const char *fault, int fd)
{
	char *cause = NULL, buf[512];
	int rc, rc2;

	if (fault != NULL)
		setenv("KLING_TUI_FAULT", fault, 1);
	if (preload)
		net_preload();
	rc = net_global_init(&cause);
	snprintf(buf, sizeof buf, "%d %d %s", rc, netlib_threads_named("kt-netload", NULL, 0),
	    cause != NULL ? cause : "-");
	free(cause);
	cause = NULL;
	/* Asked again: the first outcome. */
	rc2 = net_global_init(&cause);
	if (rc2 != rc)
		snprintf(buf, sizeof buf, "second call gave %d", rc2);
	free(cause);
	if (write(fd, buf, strlen(buf)) < 0)
		_exit(1);
	_exit(0);
}

static char *
outcome(bool preload, const char *fault)
{
	static char buf[512];
	ssize_t n;
	int p[2], status;
	pid_t pid;

	if (pipe(p) != 0 || (pid = fork()) < 0)
		return "fork failed";
	if (pid == 0) {
		close(p[0]);
		child(preload, fault, p[1]);
	}
	close(p[1]);
	n = read(p[0], buf, sizeof buf - 1);
	close(p[0]);
	waitpid(pid, &status, 0);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

#define PREFIX "-1 0 network unavailable: cannot load libcurl"

int
main(void)
{
	char want[512];

	is_str(outcome(false, NULL), "0 0 -", "loaded when first needed: ready");
	is_str(outcome(true, NULL), "0 0 -",
	    "loaded ahead: ready, and the loading thread is gone");
	snprintf(want, sizeof want, "%s", outcome(false, "no-libcurl"));
	ok(strncmp(want, PREFIX, strlen(PREFIX)) == 0,
	    "no libcurl, loaded when first needed: %s", want);
	is_str(outcome(true, "no-libcurl"), want, "loaded ahead: the same");
	return tap_done();
}
