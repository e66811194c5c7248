/* kling-tui: replacing a file so that a crash leaves the old or the new
 * contents, never a mix: the one way the program writes a file it keeps.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_ATOMIC_H
#define KT_ATOMIC_H

#include <stddef.h>
#include <sys/types.h>

/* Write len bytes to path: a unique temporary file in the same folder
 * (mkstemp), fsync, rename over path, fsync of the folder. An existing
 * file's permission bits are kept; a new file gets mode. 0, or -1 and
 * *cause (the old file, if any, is untouched and no temporary is left). */
int	atomic_write(const char *path, const void *data, size_t len, mode_t mode,
	    char **cause);

#endif
