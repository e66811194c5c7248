/* kling-tui: demo mode: a kling-sim of our own on a free loopback port.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_DEMO_H
#define KT_DEMO_H

#include <sys/types.h>

/* kling-sim accepts this key when started without --key. */
#define DEMO_KEY "demo-key"

struct demo {
	pid_t	 pid;
	char	*url;		/* http://127.0.0.1:PORT */
	int	 out;		/* its stdout, kept open so it never gets EPIPE */
};

/* kling-sim beside this program (/proc/self/exe's directory: the build tree,
 * or an install keeping both in one place), else on $PATH. Malloc'd; NULL
 * and *cause when there is none. */
char		*demo_find_sim(char **cause);

/* Start sim (NULL: demo_find_sim()) with --listen 127.0.0.1:0 and the
 * extra arguments (NULL-terminated, may be NULL), its stderr to errlog (NULL:
 * /dev/null), and wait (at most 5 s) for its "listening on URL" line. The
 * simulator dies with us even if we are killed (PR_SET_PDEATHSIG). NULL and
 * *cause on failure. */
struct demo	*demo_start(const char *sim, const char *const *args,
		    const char *errlog, char **cause);
/* SIGTERM, wait (SIGKILL after 2 s), free. Safe with NULL; sets *d NULL. */
void		 demo_stop(struct demo **d);

#endif
