/* kling-tui: the shots a mode change hides. Turning multi-shot off, or the
 * shot type to intelligence, leaves one prompt; shots 2 to n are kept aside
 * (the body would drop them anyway) and come back when customize does, so
 * cycling a choice never throws work away unseen.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "editor.h"

/* "shot 2" or "shots 2-6": the ones past the first. */
static void
editor_shots_name(char *buf, size_t len, size_t n)
{
	if (n == 2)
		snprintf(buf, len, _("shot 2"));
	else
		snprintf(buf, len, _("shots 2-%zu"), n);
}

void
editor_shots_follow(struct editor *ed, struct storyboard *before)
{
	struct storyboard *sb = ed->sb, *h;
	char which[32];
	size_t i;
	bool on;

	if (before->nshots > 1 && sb->nshots < before->nshots) {
		sb_free(&ed->hidden);
		ed->hidden = before;
		editor_shots_name(which, sizeof which, before->nshots);
		ui_message(_("%s hidden while %s: back with customize (u undoes)"), which,
		    sb->multi_shots == SB_TRUE ? _("the shot type is intelligence") :
		    _("multi-shot is off"));
		return;
	}
	/* Only the change that turns the shots on again brings them back. */
	on = !before->has_multi_prompt && sb->has_multi_prompt;
	sb_free(&before);
	if ((h = ed->hidden) == NULL || !on || sb->nshots != 1)
		return;
	for (i = 1; i < h->nshots; i++) {
		if (sb_shot_add(sb, i, h->shots[i].prompt, h->shots[i].duration) == -1)
			break;
		sb->shots[i].has_duration = h->shots[i].has_duration;
	}
	editor_shots_name(which, sizeof which, h->nshots);
	ui_message(_("%s back"), which);
	sb_free(&ed->hidden);
}
