/* kling-tui: allocation that dies on out-of-memory, and fatal().
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_XMALLOC_H
#define KT_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...) __attribute__((format(printf, 2, 3)));

/* An impossible state: print and abort. fatal_hook lets the UI restore the
 * terminal first; it runs on the main thread only. On any other thread
 * fatal() calls fatal_offthread with the message, when set, which hands it to
 * the main thread and does not return (app/loop.c). */
extern void (*fatal_hook)(void);
extern void (*fatal_offthread)(const char *msg);
void	 fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
