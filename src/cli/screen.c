/* kling-tui: `kling-tui [FILE]`: the full screen, in kling-tui-app.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "cli.h"
#include "ui/fullscreen.h"
#include "i18n.h"

int
cli_fullscreen(struct app_globals *g, int argc, char **argv)
{
	if (argc > 2)
		return cli_usage_error(_("too many arguments: kling-tui [FILE]"));
	return ui_main(g, argc == 2 ? argv[1] : NULL);
}
