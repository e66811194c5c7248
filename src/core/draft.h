/* kling-tui: the editor's draft, autosaved so that nothing typed is lost.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_DRAFT_H
#define KT_DRAFT_H

#include <stdbool.h>
#include <time.h>

#include "storyboard.h"

/* In dir (the state directory): draft.json, the CreateTask body as the
 * editor holds it, and draft.origin, the file it was opened from. Both are
 * written atomically (temp file, fsync, rename): a crash leaves the old
 * draft or the new one, never half of one. */
int	 draft_save(const char *dir, const struct storyboard *, const char *origin,
	    char **cause);

/* The draft, with its modification time and origin (NULL: a new storyboard;
 * free it). NULL with *cause NULL when there is no draft; NULL with *cause
 * set when one exists but cannot be read. */
struct storyboard *draft_load(const char *dir, time_t *when, char **origin,
	    char **cause);

/* Remove the draft (after a save, or when the user declines it). */
void	 draft_discard(const char *dir);

#endif
