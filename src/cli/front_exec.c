/* kling-tui: the lean front hands everything but the local subcommands over to
 * kling-tui-app, which links curl, curses and readline.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "exepath.h"
#include "xmalloc.h"
#include "i18n.h"

#define APP_NAME "kling-tui-app"

/* Beside this executable first (the build tree, or an install that keeps both
 * in one directory), then the package's libexec directory. */
int
front_exec_app(struct app_globals *g)
{
	char *path;

	if ((path = exepath_sibling(APP_NAME)) != NULL) {
		execv(path, g->orig_argv);
		free(path);
	}
	execv(PKGLIBEXECDIR "/" APP_NAME, g->orig_argv);
	fprintf(stderr, _("kling-tui: cannot run %s/%s: %s (is kling-tui installed completely?)\n"),
	    PKGLIBEXECDIR, APP_NAME, strerror(errno));
	return EXIT_USAGE;
}

#define FRONT_EXEC(fn) \
	int fn(struct app_globals *g, const struct cli_args *a) \
	{ (void)a; return front_exec_app(g); }

FRONT_EXEC(cmd_submit)
FRONT_EXEC(cmd_status)
FRONT_EXEC(cmd_list)
FRONT_EXEC(cmd_watch)
FRONT_EXEC(cmd_download)
FRONT_EXEC(cmd_balance)
FRONT_EXEC(cmd_doctor)
FRONT_EXEC(cmd_keys)

int
cli_fullscreen(struct app_globals *g, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return front_exec_app(g);
}
