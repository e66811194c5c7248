/* kling-tui: status: ask the service about tasks and record the answers.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "cli.h"
#include "follow.h"
#include "output.h"

int
cmd_status(struct app_globals *g, const struct cli_args *a)
{
	struct follow_opts fo = { .once = true, .print = FOLLOW_EVERY, .parallel = 8,
	    .json = a->json };
	struct session s;
	int rc;

	if ((rc = cli_session_open(&s, g, SESSION_STORE | SESSION_NET | SESSION_KEY)) !=
	    EXIT_OK)
		return rc;
	rc = cli_run_engine(&s, NULL, 0, a->argv, (size_t)a->argc, &fo);
	session_close(&s);
	return rc;
}
