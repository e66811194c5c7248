/* kling-tui: list: the tasks in the local store (no network).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "i18n.h"
#include "output.h"
#include "store.h"
#include "vocab.h"

struct list_run {
	const struct cli_args	*a;
	size_t			 rows;
};

static void
list_row(void *arg, const struct store_task *t)
{
	struct list_run *r = arg;
	const struct cli_args *a = r->a;

	r->rows++;
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
	struct list_run r = { a, 0 };
	struct session s;
	char *cause = NULL;
	unsigned i;
	int rc;

	if (a->json && a->ids)
		return cli_usage_error(_("list: --json and --ids do not go together"));
	if ((rc = cli_session_open(&s, g, SESSION_STORE | SESSION_READONLY)) != EXIT_OK)
		return rc;
	/* Printed as read: a store of any size lists in the memory of a row. */
	if (store_query_each(s.store, &f, list_row, &r, &cause) != 0) {
		fflush(stdout);
		cli_print_error(cause);
		free(cause);
		session_close(&s);
		return EXIT_USAGE;
	}
	session_close(&s);
	/* A state word the service may send one day still filters; a typo
	 * ("runing") that finds nothing says which words there are. */
	if (r.rows == 0 && a->status != NULL && task_state_parse(a->status) == TASK_OTHER) {
		fprintf(stderr, _("kling-tui: no task is in state '%s'; the states:"),
		    a->status);
		for (i = 0; i < TASK_OTHER; i++)
			fprintf(stderr, " %s", task_state_name((enum task_state)i));
		fputc('\n', stderr);
	}
	return EXIT_OK;
}
