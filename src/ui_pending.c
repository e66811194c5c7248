/* kling-tui: placeholder for the full-screen program until src/ui/ lands;
 * the editor's change removes this file and its Makefile line.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "cli.h"

int
ui_main(struct cli_globals *g, int argc, char **argv)
{
	(void)g; (void)argc; (void)argv;
	return cli_usage_error("no subcommand given (the full-screen program is not built yet)");
}
