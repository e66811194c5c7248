/* kling-tui: allocation that dies on out-of-memory, and fatal().
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/syscall.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"
#include "i18n.h"

void (*fatal_hook)(void);
void (*fatal_offthread)(const char *);

/* On Linux the main thread's id is the process id. */
static bool
fatal_on_main_thread(void)
{
	return (pid_t)syscall(SYS_gettid) == getpid();
}

void
fatal(const char *fmt, ...)
{
	void (*hook)(void) = fatal_hook;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* The hook restores the terminal and stops threads: main thread only.
	 * Another thread hands the message over (it does not come back). */
	if (fatal_offthread != NULL && !fatal_on_main_thread())
		fatal_offthread(msg);
	fatal_hook = NULL;	/* a fatal() inside the hook must not loop */
	if (hook != NULL)
		hook();
	/* gettext() of a constant allocates nothing it cannot do without:
	 * out of memory, it gives the English back. */
	fprintf(stderr, _("kling-tui: fatal: %s\n"), msg);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n == 0 ? 1 : n);

	if (p == NULL)
		fatal(_("out of memory (%zu bytes)"), n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

	if (p == NULL)
		fatal(_("out of memory (%zu x %zu bytes)"), n, size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n == 0 ? 1 : n);

	if (q == NULL)
		fatal(_("out of memory (%zu bytes)"), n);
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		fatal(_("allocation overflow (%zu x %zu)"), n, size);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
xasprintf(char **out, const char *fmt, ...)
{
	va_list ap, ap2;
	int n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("bad format: %s", fmt);
	*out = xmalloc((size_t)n + 1);
	vsnprintf(*out, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return n;
}
