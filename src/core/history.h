/* kling-tui: undo and redo, as a list of storyboard snapshots.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_HISTORY_H
#define KT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "storyboard.h"

#define HISTORY_DEPTH	200		/* snapshots kept; the oldest go first */
#define HISTORY_BYTES	(32u << 20)	/* and the memory they may take */

struct history;

/* Starts with a copy of sb as the only state. depth 0: HISTORY_DEPTH;
 * budget 0: HISTORY_BYTES. The oldest snapshots go when either is passed,
 * but the current state and the one before it are always kept, so that the
 * last edit can be undone however large the storyboard. */
struct history	*history_new(const struct storyboard *sb, size_t depth, size_t budget);
void		 history_free(struct history **);
/* Forget everything; sb becomes the only state (a file was opened). */
void		 history_reset(struct history *, const struct storyboard *sb);
/* Record sb as the state after an edit; drops what redo would have
 * restored. Returns false (and records nothing) when sb equals the
 * current state. */
bool		 history_push(struct history *, const struct storyboard *sb);
/* The state to show after undo or redo (owned by the history: clone it),
 * or NULL when there is nothing to undo or redo. */
const struct storyboard *history_undo(struct history *);
const struct storyboard *history_redo(struct history *);
const struct storyboard *history_current(const struct history *);
bool		 history_can_undo(const struct history *);
bool		 history_can_redo(const struct history *);
/* The memory the snapshots take (sb_bytes), and how many there are. */
size_t		 history_bytes(const struct history *);
size_t		 history_count(const struct history *);

#endif
