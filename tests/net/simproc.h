/* kling-tui tests: run kling-sim from a C test and read its request log.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_SIMPROC_H
#define KT_SIMPROC_H

#include <sys/types.h>

struct simproc {
	pid_t	pid;
	char	url[128];	/* http://127.0.0.1:PORT */
	char	log[256];	/* its --log file */
};

/* Start $top_builddir/src/kling-sim on 127.0.0.1:0 with --log in dir and
 * the given options (NULL-terminated); waits for "listening on". */
int	 simproc_start(struct simproc *, const char *dir, ...);
void	 simproc_stop(struct simproc *);

/* Log lines containing every one of the given strings (NULL-terminated). */
int	 simlog_count(const struct simproc *, ...);
/* The "t" (seconds) of the nth (from 0) line containing s; -1 if none. */
double	 simlog_time(const struct simproc *, const char *s, int nth);
/* The shortest time (seconds) from a line containing s to the next line
 * (requests in log order); -1 when no such pair. */
double	 simlog_min_gap_after(const struct simproc *, const char *s);
/* Distinct "conn" numbers in the log: TCP connections that made requests. */
int	 simlog_conns(const struct simproc *);

#endif
