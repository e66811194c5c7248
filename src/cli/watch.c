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

/* The unfinished tasks' ids, nothing more: a sweep over 500 needs 500
 * short strings, not 500 rows with every column copied (0.4 ms of pages). */
struct watch_ids {
	char	**v;
	size_t	  n, cap;
};

static void
watch_add_id(void *arg, const struct store_task *t)
{
	struct watch_ids *ids = arg;

	if (t->task_id == NULL)
		return;
	if (ids->n == ids->cap) {
		ids->cap = ids->cap == 0 ? 64 : ids->cap * 2;
		ids->v = xreallocarray(ids->v, ids->cap, sizeof *ids->v);
	}
	ids->v[ids->n++] = xstrdup(t->task_id);
}

static void
watch_ids_free(struct watch_ids *ids)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		free(ids->v[i]);
	free(ids->v);
}

int
cmd_watch(struct app_globals *g, const struct cli_args *a)
{
	struct follow_opts fo = { .print = FOLLOW_CHANGES, .once = a->once,
	    .json = a->json, .parallel = a->parallel > 0 ? a->parallel : 8 };
	struct store_filter filt = { .unfinished = true, .hidden = true, .ids_only = true };
	struct watch_ids found = { NULL, 0, 0 };
	struct session s;
	char **ids = a->argv, *cause = NULL;
	size_t n = (size_t)a->argc;
	int rc;

	/* The network thread starts once there is something to ask
	 * (nothing to watch: no thread, no question). libcurl loads on the
	 * other processor meanwhile, while the store opens (session_open). */
	worker_hold();
	if ((rc = cli_session_open(&s, g, SESSION_STORE | SESSION_NET | SESSION_KEY)) !=
	    EXIT_OK)
		return rc;
	if (n == 0) {
		if (store_query_each(s.store, &filt, watch_add_id, &found, &cause) != 0) {
			cli_print_error(cause);
			free(cause);
			watch_ids_free(&found);
			session_close(&s);
			return EXIT_USAGE;
		}
		ids = found.v;
		n = found.n;
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
	watch_ids_free(&found);
	session_close(&s);
	return rc;
}
