/* kling-tui: o (v on the dashboard): the downloaded video in the user's
 * player: $KLING_TUI_PLAYER, else xdg-open when there is a display, else
 * its path in the status line to open elsewhere.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>

#include "dash.h"
#include "editor.h"
#include "img/spawn.h"
#include "i18n.h"

static bool
player_set(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0';
}

void
dash_act_play(const struct store_task *t)
{
	const char *cmd = getenv("KLING_TUI_PLAYER");
	struct stat st;
	char *cause = NULL;

	if (t == NULL)
		return;
	if (t->download_path == NULL) {
		ui_message(_("not downloaded yet: d downloads the video, then o plays it"));
		return;
	}
	if (stat(t->download_path, &st) != 0) {
		ui_message(_("the video is gone from %s: d downloads it again"), t->download_path);
		return;
	}
	if (!player_set("KLING_TUI_PLAYER")) {
		cmd = NULL;
		/* A terminal alone (SSH, a console) has nothing to show it in. */
		if ((player_set("DISPLAY") || player_set("WAYLAND_DISPLAY")) &&
		    spawn_found("xdg-open"))
			cmd = "xdg-open";
	}
	if (cmd == NULL) {
		ui_message(_("the video is %s (set KLING_TUI_PLAYER to play it from here)"),
		    t->download_path);
		return;
	}
	/* The player gets the terminal, as $EDITOR does: a terminal player
	 * (mpv --vo=tct) works, a windowed one returns at once or on close. */
	if (extedit_exec(cmd, t->download_path, &cause) != 0) {
		ui_message(_("the video is %s; %s"), t->download_path, cause);
		free(cause);
		return;
	}
	ui_message(_("played %s"), t->download_path);
}
