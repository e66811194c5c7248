/* kling-tui: the exit codes, the same for every subcommand (kling-tui(1)),
 * and what a request's outcome means as one.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_EXITCODE_H
#define KT_EXITCODE_H

#define EXIT_OK		0	/* done; for validate: no errors */
#define EXIT_INVALID	1	/* a storyboard has errors; a task failed */
#define EXIT_USAGE	2	/* bad usage, or a file that cannot be read or parsed */
#define EXIT_SERVICE	3	/* the service refused (401, 402, 404, 505, ...) */
#define EXIT_NETWORK	4	/* the service could not be reached, or answered garbage */
#define EXIT_UNKNOWN	5	/* a create's fate is unknown: it may have been created */
#define EXIT_INTERRUPTED 130	/* Ctrl-C */

struct api_result;

/* The exit code for a request that did not succeed (EXIT_OK for API_OK). */
int	exit_code_for(const struct api_result *);
/* The worse of two exit codes: a fate unknown beats an interruption, then
 * the network, the service, usage, a failed task. */
int	exit_worse(int a, int b);

#endif
