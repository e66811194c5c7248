/* kling-tui: watch: follow tasks (default: every unfinished one) until they end.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "follow.h"
#include "net/worker.h"
#include "output.h"
#include "store.h"
#include "xmalloc.h"
#include "i18n.h"

int
cmd_watch(struct app_globals *g, const struct cli_args *a)
{
	struct follow_opts fo = { .print = FOLLOW_CHANGES, .once = a->once,
	    .json = a->json, .parallel = a->parallel > 0 ? a->parallel : 8 };
	struct store_filter filt = { .unfinished = true, .hidden = true };
	struct store_list l = { NULL, 0 };
	struct session s;
	char **ids = a->argv, *cause = NULL;
	size_t i, n = (size_t)a->argc;
	int rc;

	/* libcurl is loaded once there is something to ask (nothing to
	 * watch: nothing to load, no thread). */
	worker_hold();
	if ((rc = cli_session_open(&s, g, SESSION_STORE | SESSION_NET | SESSION_KEY)) !=
	    EXIT_OK)
		return rc;
	if (n == 0) {
		if (store_query(s.store, &filt, &l, &cause) != 0) {
			cli_print_error(cause);
			free(cause);
			session_close(&s);
			return EXIT_USAGE;
		}
		ids = xcalloc(l.n + 1, sizeof *ids);
		for (i = 0; i < l.n; i++)
			ids[i] = l.v[i].task_id;
		n = l.n;
		if (n == 0 && !a->json)
			puts(_("nothing to watch: every task in the store is finished"));
	}
	if (n == 0)
		rc = EXIT_OK;
	else if (worker_release(&cause) != 0) {
		cli_print_error(cause);
		free(cause);
		rc = EXIT_NETWORK;
	} else
		rc = cli_run_engine(&s, NULL, 0, ids, n, &fo);
	if (ids != a->argv)
		free(ids);
	store_list_free(&l);
	session_close(&s);
	return rc;
}
