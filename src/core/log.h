/* kling-tui: the trace a user can attach to a bug report (kling-tui -v,
 * KLING_TUI_LOG=FILE): timestamped lines of what the client did, in a file,
 * never on the terminal, never the key, bounded in size.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_LOG_H
#define KT_LOG_H

#include <stdbool.h>
#include <stddef.h>

#define LOG_INFO	1	/* -v: requests, answers, task state changes */
#define LOG_DEBUG	2	/* -vv: also retries, the worker, the store */

/* When the file reaches max_bytes (0: this) it becomes FILE.1 (one kept)
 * and a new one starts. */
#define LOG_MAX_BYTES	(1024 * 1024)

/* Open (append, mode 0600) at this level. 0, or -1 and *cause. Safe to call
 * from one thread before others start; the rest may be called from any. */
int	log_open(const char *path, int level, long max_bytes, char **cause);
void	log_close(void);
bool	log_enabled(int level);
/* Text that must never reach the file (the API key): written as
 * [redacted]. The string is copied. */
void	log_secret(const char *);
/* One line: "TIME AREA: message", control characters made visible. */
void	log_msg(int level, const char *area, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The file written (NULL when off). */
const char *log_path(void);

#endif
