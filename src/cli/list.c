/* kling-tui: list: the tasks in the local store (no network).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "output.h"
#include "store.h"

static void
list_row(void *arg, const struct store_task *t)
{
	const struct cli_args *a = arg;

	if (a->ids) {
		/* For shell completion: one id a line, nothing else. */
		if (t->task_id != NULL)
			cli_print_id(stdout, t->task_id);
	} else if (a->json) {
		cli_json_task(stdout, t);
		putchar('\n');
	} else
		cli_print_row(stdout, t);
}

int
cmd_list(struct app_globals *g, const struct cli_args *a)
{
	struct store_filter f = { .status = a->status, .hidden = a->all,
	    .limit = a->limit };
	struct session s;
	char *cause = NULL;
	int rc;

	if ((rc = cli_session_open(&s, g, SESSION_STORE | SESSION_READONLY)) != EXIT_OK)
		return rc;
	/* Printed as read: a store of any size lists in the memory of a row. */
	if (store_query_each(s.store, &f, list_row, (void *)a, &cause) != 0) {
		fflush(stdout);
		cli_print_error(cause);
		free(cause);
		session_close(&s);
		return EXIT_USAGE;
	}
	session_close(&s);
	return EXIT_OK;
}
