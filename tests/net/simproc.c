/* kling-tui tests: run kling-sim from a C test and read its request log.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/wait.h>

#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "simproc.h"
#include "xmalloc.h"

#define SIMPROC_MAX_ARGS 32

int
simproc_start(struct simproc *s, const char *dir, ...)
{
	const char	*argv[SIMPROC_MAX_ARGS + 6], *top;
	char		*prog, buf[256] = "";
	va_list		 ap;
	int		 fd[2], n = 0;
	ssize_t		 got;
	size_t		 len = 0;
	static int	 seq;
	struct pollfd	 pfd;

	top = getenv("top_builddir");
	xasprintf(&prog, "%s/src/kling-sim", top != NULL ? top : ".");
	snprintf(s->log, sizeof s->log, "%s/sim-%d.log", dir, ++seq);
	argv[n++] = prog;
	argv[n++] = "--listen";
	argv[n++] = "127.0.0.1:0";
	argv[n++] = "--log";
	argv[n++] = s->log;
	va_start(ap, dir);
	while (n < SIMPROC_MAX_ARGS && (argv[n] = va_arg(ap, const char *)) !=
	    NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;

	if (pipe(fd) == -1 || (s->pid = fork()) == -1)
		return -1;
	if (s->pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execv(prog, (char **)argv);
		_exit(127);
	}
	free(prog);
	close(fd[1]);
	pfd.fd = fd[0];
	pfd.events = POLLIN;
	while (len < sizeof buf - 1 && strchr(buf, '\n') == NULL) {
		if (poll(&pfd, 1, 5000) <= 0 ||
		    (got = read(fd[0], buf + len, sizeof buf - 1 - len)) <= 0)
			break;
		len += (size_t)got;
		buf[len] = '\0';
		if (memchr(buf, '\n', len) != NULL)
			break;
	}
	close(fd[0]);
	buf[len] = '\0';
	if (sscanf(buf, "listening on %127s", s->url) != 1) {
		simproc_stop(s);
		return -1;
	}
	return 0;
}

void
simproc_stop(struct simproc *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
	}
	s->pid = 0;
}

static FILE *
simlog_open(const struct simproc *s)
{
	return fopen(s->log, "r");
}

int
simlog_count(const struct simproc *s, ...)
{
	FILE		*f = simlog_open(s);
	char		 line[4096];
	const char	*needle;
	va_list		 ap;
	int		 n = 0, all;

	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		all = 1;
		va_start(ap, s);
		while (all && (needle = va_arg(ap, const char *)) != NULL)
			all = strstr(line, needle) != NULL;
		va_end(ap);
		n += all;
	}
	if (f != NULL)
		fclose(f);
	return n;
}

double
simlog_time(const struct simproc *s, const char *needle, int nth)
{
	FILE	*f = simlog_open(s);
	char	 line[4096];
	double	 t = -1;

	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		if (strstr(line, needle) != NULL && nth-- == 0) {
			if (sscanf(line, "{\"t\":%lf", &t) != 1)
				t = -1;
			break;
		}
	}
	if (f != NULL)
		fclose(f);
	return t;
}

double
simlog_min_gap_after(const struct simproc *s, const char *needle)
{
	FILE	*f = simlog_open(s);
	char	 line[4096];
	double	 t, prev = -1, gap = -1;

	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "{\"t\":%lf", &t) != 1)
			continue;
		if (prev >= 0 && (gap < 0 || t - prev < gap))
			gap = t - prev;
		prev = strstr(line, needle) != NULL ? t : -1;
	}
	if (f != NULL)
		fclose(f);
	return gap;
}

int
simlog_conns(const struct simproc *s)
{
	FILE		*f = simlog_open(s);
	char		 line[4096], *p;
	unsigned long	 c, seen[4096];
	int		 n = 0, i;

	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		if ((p = strstr(line, "\"conn\":")) == NULL ||
		    sscanf(p, "\"conn\":%lu", &c) != 1)
			continue;
		for (i = 0; i < n && seen[i] != c; i++)
			;
		if (i == n && n < (int)(sizeof seen / sizeof seen[0]))
			seen[n++] = c;
	}
	if (f != NULL)
		fclose(f);
	return n;
}
