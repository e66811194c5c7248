/* kling-tui: the network layer's start: libcurl loaded and initialised on
 * first need, or ahead of it on another processor (net_preload) while the
 * caller does its own start-up (the store), so that neither waits for the
 * other: a `watch --once` asks its first question about 1.5 ms sooner
 * (bench/RESULTS.md, session 13). The price: a process that turns out to
 * need no network (a watch with nothing to watch) waits for a load it did
 * not need, at its end (net_preload_end), rather than end with the
 * loader cut off in the middle (valgrind reports its thread's memory as
 * possibly lost, .ci/memcheck.sh).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>

#include "api.h"
#include "curlsym.h"
#include "thread.h"
#include "xmalloc.h"
#include "i18n.h"

static int	 net_state;	/* 0 not tried, 1 ready, -1 failed (net_why) */
static char	*net_why;
static pthread_t net_loader;
static bool	 net_loading;	/* net_loader started, not yet joined */

/* Load and initialise, on whichever thread: the main one, or net_loader
 * while the main one touches nothing of this file (net_preload_end()
 * first). */
static void
net_start(void)
{
	const char *lib;
	CURLcode rc;

	net_state = -1;
	if (net_load(&lib) != 0)
		xasprintf(&net_why, _("network unavailable: cannot load libcurl (%s)"), lib);
	else if ((rc = curl_global_init(CURL_GLOBAL_DEFAULT)) != CURLE_OK)
		xasprintf(&net_why, _("network unavailable: curl_global_init: %s"),
		    curl_easy_strerror(rc));
	else
		net_state = 1;
}

static void *
net_loader_main(void *arg)
{
	(void)arg;
	/* Named for top -H, debuggers and the tests. */
	pthread_setname_np(pthread_self(), "kt-netload");
	net_start();
	return NULL;
}

/* Also at exit: the loader is not left running through the libraries'
 * destructors (a build under a sanitizer exits through them; the others
 * end with _exit). */
void
net_preload_end(void)
{
	if (net_loading) {
		pthread_join(net_loader, NULL);
		net_loading = false;
	}
}

void
net_preload(void)
{
	static bool at_exit;

	/* On one processor the load would only take turns with the caller. */
	if (net_state != 0 || net_loading || thread_cpus() < 2)
		return;
	if (!at_exit)
		at_exit = atexit(net_preload_end) == 0;
	if (at_exit && thread_start(&net_loader, net_loader_main, NULL, true) == 0)
		net_loading = true;
}

int
net_global_init(char **cause)
{
	/* With CURLOPT_NOSIGNAL curl leaves SIGPIPE to us, and a TLS write
	 * to a peer that has gone would kill the process. */
	signal(SIGPIPE, SIG_IGN);
	net_preload_end();
	if (net_state == 0)
		net_start();
	if (net_state == 1)
		return 0;
	*cause = xstrdup(net_why);
	return -1;
}

void
net_global_free(void)
{
	net_preload_end();
	if (curl_global_cleanup != NULL)	/* loaded */
		curl_global_cleanup();
}
