/* kling-tui: diagnostics, each with a severity, a JSON path and a message.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "xmalloc.h"

struct diag_list *
diag_list_new(void)
{
	return xcalloc(1, sizeof(struct diag_list));
}

void
diag_list_free(struct diag_list **dlp)
{
	if (*dlp == NULL)
		return;
	free((*dlp)->v);
	free(*dlp);
	*dlp = NULL;
}

/* Keeps the storage: the next check refills it without allocating. */
void
diag_list_clear(struct diag_list *dl)
{
	dl->n = 0;
}

void
diag_add(struct diag_list *dl, enum diag_severity sev, const char *path,
    const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	if (dl->n == dl->cap) {
		dl->cap = dl->cap == 0 ? 16 : dl->cap * 2;
		dl->v = xreallocarray(dl->v, dl->cap, sizeof *dl->v);
	}
	d = &dl->v[dl->n++];
	d->sev = sev;
	snprintf(d->path, sizeof d->path, "%s", path);
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
}

size_t
diag_count(const struct diag_list *dl, enum diag_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < dl->n; i++)
		if (dl->v[i].sev == sev)
			n++;
	return n;
}

const char *
diag_severity_name(enum diag_severity sev)
{
	return sev == DIAG_ERROR ? "error" : "warning";
}

/* Insertion sort: stable, and the list is short. */
void
diag_errors_first(struct diag_list *dl)
{
	struct diag t;
	size_t i, j;

	for (i = 1; i < dl->n; i++) {
		if (dl->v[i].sev != DIAG_ERROR)
			continue;
		t = dl->v[i];
		for (j = i; j > 0 && dl->v[j - 1].sev != DIAG_ERROR; j--)
			dl->v[j] = dl->v[j - 1];
		dl->v[j] = t;
	}
}
