/* kling-tui: the trace a user can attach to a bug report.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Lines are written with one write(2) each to a file opened O_APPEND, so
 * that the worker's lines and the main thread's never interleave inside a
 * line; a spin flag (no threads library in core) guards the rotation. */
#include "config.h"

#include <sys/stat.h>
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "text.h"
#include "xmalloc.h"

static int		 log_fd = -1;
static int		 log_level;
static long		 log_max = LOG_MAX_BYTES;
static char		*log_file;
static char		*log_redact;
static atomic_flag	 log_busy = ATOMIC_FLAG_INIT;

static int
log_reopen(char **cause)
{
	log_fd = open(log_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (log_fd < 0) {
		xasprintf(cause, "%s: %s", log_file, strerror(errno));
		return -1;
	}
	return 0;
}

int
log_open(const char *path, int level, long max_bytes, char **cause)
{
	log_close();
	log_max = max_bytes > 0 ? max_bytes : LOG_MAX_BYTES;
	log_file = xstrdup(path);
	if (log_reopen(cause) != 0) {
		free(log_file);
		log_file = NULL;
		return -1;
	}
	log_level = level > 0 ? level : LOG_INFO;
	return 0;
}

void
log_close(void)
{
	if (log_fd >= 0)
		close(log_fd);
	log_fd = -1;
	log_level = 0;
	free(log_file);
	log_file = NULL;
	if (log_redact != NULL)
		explicit_bzero(log_redact, strlen(log_redact));
	free(log_redact);
	log_redact = NULL;
}

bool
log_enabled(int level)
{
	return log_fd >= 0 && level <= log_level;
}

const char *
log_path(void)
{
	return log_fd >= 0 ? log_file : NULL;
}

void
log_secret(const char *s)
{
	if (log_redact != NULL)
		explicit_bzero(log_redact, strlen(log_redact));
	free(log_redact);
	log_redact = s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

/* Every occurrence of the secret replaced, in place (the marker is never
 * longer than what it replaces, or the line is cut). */
static void
log_scrub(char *line)
{
	static const char mark[] = "[redacted]";
	size_t n, m = sizeof mark - 1;
	char *p;

	if (log_redact == NULL || (n = strlen(log_redact)) == 0)
		return;
	while ((p = strstr(line, log_redact)) != NULL) {
		if (n >= m) {
			memcpy(p, mark, m);
			memmove(p + m, p + n, strlen(p + n) + 1);
		} else
			memset(p, '*', n);
	}
}

static void
log_rotate(void)
{
	struct stat st;
	char *old, *cause = NULL;

	if (fstat(log_fd, &st) != 0 || st.st_size < log_max)
		return;
	xasprintf(&old, "%s.1", log_file);
	close(log_fd);
	if (rename(log_file, old) != 0) { /* a file we cannot move: start it over */
		if (truncate(log_file, 0) != 0) {
			/* Nothing more to try: the next open appends. */
		}
	}
	free(old);
	if (log_reopen(&cause) != 0)
		free(cause);
}

void
log_msg(int level, const char *area, const char *fmt, ...)
{
	char stamp[40], raw[2048], *clean, *line;
	struct timeval tv;
	struct tm tm;
	va_list ap;
	ssize_t w;

	if (!log_enabled(level))
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	clean = text_sanitize(raw, strlen(raw), 0, false);
	log_scrub(clean);
	xasprintf(&line, "%s.%03ldZ %s: %s\n", stamp, (long)(tv.tv_usec / 1000), area,
	    clean);
	while (atomic_flag_test_and_set(&log_busy))
		;
	if (log_fd >= 0) {
		log_rotate();
		if (log_fd >= 0)
			w = write(log_fd, line, strlen(line));
		(void)w;
	}
	atomic_flag_clear(&log_busy);
	free(clean);
	free(line);
}
