/* kling-tui: `kling-tui [FILE]`: the full screen, in kling-tui-app.so.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <locale.h>

#include "cli.h"
#include "ui/fullscreen.h"
#include "i18n.h"

int
cli_fullscreen(struct app_globals *g, int argc, char **argv)
{
	if (argc > 2)
		return cli_usage_error(_("too many arguments: kling-tui [FILE]"));
	/* Curses and readline need the user's character set, and nothing
	 * else of the locale: times are printed as numbers, numbers with a
	 * '.' (codec.c), nothing is sorted by strcoll(). LC_ALL would load a
	 * dozen files (all of C.UTF-8's categories) before the first frame.
	 * The subcommands print through text.c, whose UTF-8 handling is
	 * locale-independent: they load none (0.4 ms of each start). */
	setlocale(LC_CTYPE, "");
	return ui_main(g, argc == 2 ? argv[1] : NULL);
}
