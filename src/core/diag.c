/* kling-tui: diagnostics, each with a severity, a JSON path and a message.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "text.h"
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
	dl->more[DIAG_ERROR] = dl->more[DIAG_WARNING] = 0;
	dl->same_fmt = NULL;
}

/* 2500 -> "2,500", without printf: it runs for each of 800,000 dropped. */
static const char *
diag_num(char *buf, size_t n)
{
	char *p = buf + 31;
	int digits = 0;

	*p = '\0';
	do {
		if (digits++ % 3 == 0 && digits != 1)
			*--p = ',';
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n != 0);
	return p;
}

/* The last entry, saying how many were not kept, in the user's language.
 * It is rewritten for each of maybe 800,000 dropped, most of them saying
 * the same: that case's format is looked up once a check (a look-up costs
 * as much as the rest of the work). */
static void
diag_summarise(struct diag_list *dl)
{
	struct diag *d = &dl->v[DIAG_KEEP];
	size_t e = dl->more[DIAG_ERROR], w = dl->more[DIAG_WARNING], len, bad;
	char a[32], b[32], c[32], errs[64], warns[64];
	const char *n = diag_num(a, e + w);

	d->sev = e != 0 ? DIAG_ERROR : DIAG_WARNING;
	memcpy(d->path, "...", 4);
	dl->n = DIAG_KEEP + 1;
	if (!dl->same) {
		/* TRANSLATORS: the counts in "and N more (E errors, W
		 * warnings)"; %s is a number written 12,345. */
		snprintf(errs, sizeof errs, ngettext("%s error", "%s errors", e),
		    diag_num(b, e));
		snprintf(warns, sizeof warns, ngettext("%s warning", "%s warnings",
		    w), diag_num(c, w));
		/* TRANSLATORS: the last diagnostic, after the first 100: N
		 * more, then the two counts above. */
		snprintf(d->msg, sizeof d->msg, ngettext("and %s more (%s, %s)",
		    "and %s more (%s, %s)", e + w), n, errs, warns);
		return;
	}
	if (dl->same_fmt == NULL)
		/* TRANSLATORS: the last diagnostic, after the first 100,
		 * when all the others say the same: N more, then that
		 * message. N is at least 1; say it so that any N reads. */
		dl->same_fmt = _("and %s more: %s");
	if (snprintf(d->msg, sizeof d->msg, dl->same_fmt, n, dl->first) >=
	    (int)sizeof d->msg &&
	    !text_valid_utf8(d->msg, len = strlen(d->msg), &bad) && bad + 4 > len)
		d->msg[bad] = '\0';	/* cut to fit, not inside a character */
}

static void
diag_room(struct diag_list *dl)
{
	if (dl->n < dl->cap)
		return;
	dl->cap = dl->cap == 0 ? 16 : dl->cap * 2;
	dl->v = xreallocarray(dl->v, dl->cap, sizeof *dl->v);
}

static void
diag_put(struct diag_list *dl, enum diag_severity sev, const char *path,
    const char *msg)
{
	struct diag *d;

	if (dl->n >= DIAG_KEEP) {
		if (dl->more[DIAG_ERROR] + dl->more[DIAG_WARNING] == 0) {
			snprintf(dl->first, sizeof dl->first, "%s", msg);
			dl->same = 1;
		} else if (strcmp(dl->first, msg) != 0)
			dl->same = 0;
		dl->more[sev]++;
		msg = NULL;
	}
	diag_room(dl);
	if (msg == NULL) {
		diag_summarise(dl);
		return;
	}
	d = &dl->v[dl->n++];
	d->sev = sev;
	snprintf(d->path, sizeof d->path, "%s", path);
	snprintf(d->msg, sizeof d->msg, "%s", msg);
}

void
diag_add(struct diag_list *dl, enum diag_severity sev, const char *path,
    const char *fmt, ...)
{
	char msg[DIAG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_put(dl, sev, path, msg);
}

/* from's diagnostics after dl's, the uncounted ones counted again. */
void
diag_append(struct diag_list *dl, const struct diag_list *from)
{
	size_t i, kept = from->n < DIAG_KEEP ? from->n : DIAG_KEEP;

	for (i = 0; i < kept; i++)
		diag_put(dl, from->v[i].sev, from->v[i].path, from->v[i].msg);
	if (from->more[DIAG_ERROR] + from->more[DIAG_WARNING] == 0)
		return;
	/* dl now holds DIAG_KEEP or more: from's count joins dl's. */
	if (dl->more[DIAG_ERROR] + dl->more[DIAG_WARNING] == 0) {
		memcpy(dl->first, from->first, sizeof dl->first);
		dl->same = from->same;
	} else if (!from->same || strcmp(dl->first, from->first) != 0)
		dl->same = 0;
	dl->more[DIAG_ERROR] += from->more[DIAG_ERROR];
	dl->more[DIAG_WARNING] += from->more[DIAG_WARNING];
	diag_room(dl);
	diag_summarise(dl);
}

size_t
diag_count(const struct diag_list *dl, enum diag_severity sev)
{
	size_t i, n = dl->more[sev];

	for (i = 0; i < dl->n && i < DIAG_KEEP; i++)
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
