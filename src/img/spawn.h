/* kling-tui: a program run in the background, never through a shell:
 * niced, its output thrown away, waited for with a deadline.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_IMG_SPAWN_H
#define KT_IMG_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

/* Start argv[0] (looked up in $PATH) with stdin, stdout and stderr on
 * /dev/null, at this niceness more than ours. The pid, or -1 and *cause. */
pid_t	 spawn_bg(const char *const argv[], int nice, char **cause);
/* Wait for it at most timeout_ms (then it is killed): 0 when it exited 0,
 * else -1 and *cause. Safe on any thread (posix_spawn, waitpid on its
 * pid only). */
int	 spawn_wait(pid_t, int timeout_ms, char **cause);
/* Run argv (looked up in $PATH; stdin and stderr on /dev/null) and read
 * its output into buf, NUL-ended, at most size - 1 bytes, for at most
 * timeout_ms (then it is killed): the bytes read when it exited 0, else -1
 * and *cause (may be NULL). For a short question to another program, such
 * as tmux: it waits on the calling thread. */
ssize_t	 spawn_read(const char *const argv[], int timeout_ms, char *buf, size_t size,
	    char **cause);
/* Is name an executable in $PATH? */
bool	 spawn_found(const char *name);

#endif
