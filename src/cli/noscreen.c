/* kling-tui: kling-tui-cmd.so has no full screen: the front loads
 * kling-tui-app.so for it (front_app.c), so this is never reached.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>

#include "cli.h"

int
cli_fullscreen(struct app_globals *g, int argc, char **argv)
{
	(void)g;
	(void)argc;
	(void)argv;
	fputs("kling-tui: kling-tui-cmd.so runs the subcommands; the full screen "
	    "is in kling-tui-app.so\n", stderr);
	return EXIT_USAGE;
}
