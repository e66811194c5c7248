/* kling-tui: the editor's drafts, autosaved so that nothing typed is lost.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_DRAFT_H
#define KT_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "storyboard.h"

/* As vim's swap files: one draft per storyboard file and editor process, in
 * DIR/drafts/ (DIR is the state directory): KEY.json, the CreateTask body as
 * the editor holds it, and KEY.info, the owner's pid and the file's
 * absolute, symlink-resolved path. KEY names both, so that two instances,
 * or two files, never share a draft. Written atomically (temp file, fsync,
 * rename): a crash leaves the old draft or the new one, never half of one.
 * origin NULL: a new storyboard, not yet saved. */
struct draft_info {
	char	*key;
	char	*origin;	/* absolute; NULL: a new storyboard */
	long	 pid;		/* the process that wrote it */
	bool	 alive;		/* that process still runs */
	time_t	 when;
};

/* path made absolute with its symlinks resolved (the directory's, when the
 * file does not exist yet). Never NULL; free it. */
char	*draft_resolve(const char *path);

int	 draft_save(const char *dir, const struct storyboard *, const char *origin,
	    long pid, char **cause);
/* Remove pid's draft of origin, if there is one (saved, or nothing unsaved). */
void	 draft_discard(const char *dir, const char *origin, long pid);

/* The drafts of origin (NULL: every draft), newest first; *n counts them.
 * NULL when there are none. */
struct draft_info *draft_list(const char *dir, const char *origin, size_t *n);
void	 draft_list_free(struct draft_info *, size_t n);
/* A listed draft's storyboard; NULL with *cause when it cannot be read. */
struct storyboard *draft_load(const char *dir, const struct draft_info *, char **cause);
void	 draft_remove(const char *dir, const struct draft_info *);
/* Make a listed draft pid's own (it was recovered): the same files under
 * pid's key, so that its autosaves replace it rather than sit beside it. */
int	 draft_adopt(const char *dir, const struct draft_info *, long pid, char **cause);

#endif
