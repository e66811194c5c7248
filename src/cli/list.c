/* kling-tui: list: the tasks in the local store (no network).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "output.h"
#include "store.h"

int
cmd_list(struct app_globals *g, const struct cli_args *a)
{
	struct store_filter f = { .status = a->status, .hidden = a->all,
	    .limit = a->limit };
	struct store_list l;
	struct session s;
	char *cause = NULL;
	size_t i;
	int rc;

	if ((rc = cli_session_open(&s, g, SESSION_STORE | SESSION_READONLY)) != EXIT_OK)
		return rc;
	if (store_query(s.store, &f, &l, &cause) != 0) {
		cli_print_error(cause);
		free(cause);
		session_close(&s);
		return EXIT_USAGE;
	}
	for (i = 0; i < l.n; i++) {
		if (a->ids) {
			/* For shell completion: one id a line, nothing else. */
			if (l.v[i].task_id != NULL)
				cli_print_id(stdout, l.v[i].task_id);
		} else if (a->json) {
			cli_json_task(stdout, &l.v[i]);
			putchar('\n');
		} else
			cli_print_row(stdout, &l.v[i]);
	}
	store_list_free(&l);
	session_close(&s);
	return EXIT_OK;
}
