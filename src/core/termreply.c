/* kling-tui: the terminal's answers out of the key input (termreply.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <string.h>

#include "termreply.h"

#define ESC	27

enum match { M_NO, M_PREFIX, M_DONE };

void
termreply_init(struct termreply *r)
{
	memset(r, 0, sizeof *r);
}

static void
out_push(struct termreply *r, int code, bool fkey)
{
	if (r->outpos == r->nout)
		r->outpos = r->nout = 0;
	/* The caller drains after each feed: at most a hold and one more. */
	if (r->nout == sizeof r->out / sizeof r->out[0])
		return;
	r->out[r->nout].code = code;
	r->out[r->nout].fkey = fkey;
	r->nout++;
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* A string terminated by ST (ESC \), from h[from]: done, prefix or not. */
static enum match
match_st(const int *h, size_t n, size_t from)
{
	size_t i;

	for (i = from; i < n; i++) {
		if (h[i] == ESC)
			return i + 1 == n ? M_PREFIX : h[i + 1] == '\\' && i + 2 == n ? M_DONE : M_NO;
		if (h[i] < 0x20 || h[i] > 0x7e)
			return M_NO;
	}
	return M_PREFIX;
}

/* Digits and semicolons up to the final byte fin. */
static enum match
match_params(const int *h, size_t n, size_t from, int fin)
{
	size_t i;

	for (i = from; i < n; i++) {
		if (h[i] == fin)
			return i + 1 == n && i > from ? M_DONE : M_NO;
		if (!is_digit(h[i]) && h[i] != ';')
			return M_NO;
	}
	return M_PREFIX;
}

static enum match
classify(const int *h, size_t n)
{
	if (n < 2)
		return M_PREFIX;
	switch (h[1]) {
	case '[':
		if (n == 2)
			return M_PREFIX;
		if (h[2] == '?')
			return match_params(h, n, 3, 'c');
		if (h[2] != '6')
			return M_NO;
		if (n == 3)
			return M_PREFIX;
		return h[3] == ';' ? match_params(h, n, 4, 't') : M_NO;
	case '_':
		if (n == 2)
			return M_PREFIX;
		return h[2] == 'G' ? match_st(h, n, 3) : M_NO;
	case 'P':
		if (n == 2)
			return M_PREFIX;
		if (h[2] != '>')
			return M_NO;
		if (n == 3)
			return M_PREFIX;
		return h[3] == '|' ? match_st(h, n, 4) : M_NO;
	default:
		return M_NO;
	}
}

/* The parameters of "a;b;c" in h[from..to) into v (-1: empty), how many. */
static size_t
params(const int *h, size_t from, size_t to, long *v, size_t max)
{
	size_t k, n = 0;

	if (max == 0)
		return 0;
	v[0] = -1;
	for (k = from; k < to; k++) {
		if (h[k] == ';') {
			if (++n == max)
				return n;
			v[n] = -1;
		} else if (v[n] < 100000)
			v[n] = (v[n] < 0 ? 0 : v[n]) * 10 + (h[k] - '0');
	}
	return n + 1;
}

static void
take(struct termreply *r)
{
	const int *h = r->held;
	size_t n = r->nheld, i, np;
	long v[32];

	r->replies++;
	if (h[1] == '[' && h[2] == '?') {
		r->da1 = true;
		np = params(h, 3, n - 1, v, 32);
		/* The first is the terminal's class; 4 after it: sixel. */
		for (i = 1; i < np; i++)
			if (v[i] == 4)
				r->sixel = true;
	} else if (h[1] == '[') {
		np = params(h, 2, n - 1, v, 3);
		if (np == 3 && v[1] > 0 && v[1] < 1000 && v[2] > 0 && v[2] < 1000) {
			r->cell_h = (int)v[1];
			r->cell_w = (int)v[2];
		}
	} else if (h[1] == '_') {
		/* "Gi=31;OK" or "Gi=31;ENOTSUPPORTED:..." */
		r->kitty_answered = true;
		for (i = 3; i + 2 < n; i++)
			if (h[i] == ';') {
				r->kitty_ok = h[i + 1] == 'O' && h[i + 2] == 'K' &&
				    (i + 3 == n - 2 || h[i + 3] == ESC);
				break;
			}
	} else {
		size_t o = 0;

		for (i = 4; i < n - 2 && o + 1 < sizeof r->version; i++)
			r->version[o++] = (char)h[i];
		r->version[o] = '\0';
		r->iterm = strncmp(r->version, "iTerm2", 6) == 0;
	}
	r->nheld = 0;
}

/* What is held is no reply: its first byte goes out as a key, and the
 * bytes after it are read again, since one of them may start a reply. */
static void
release_first(struct termreply *r)
{
	int again[TERMREPLY_HOLD];
	size_t n = r->nheld, i;

	memcpy(again, r->held + 1, (n - 1) * sizeof again[0]);
	out_push(r, r->held[0], false);
	r->nheld = 0;
	for (i = 0; i + 1 < n; i++)
		termreply_feed(r, again[i], false);
}

void
termreply_feed(struct termreply *r, int code, bool fkey)
{
	if (r->nheld == 0) {
		if (!fkey && code == ESC)
			r->held[r->nheld++] = code;
		else
			out_push(r, code, fkey);
		return;
	}
	if (!fkey && r->nheld < TERMREPLY_HOLD) {
		r->held[r->nheld++] = code;
		switch (classify(r->held, r->nheld)) {
		case M_PREFIX:
			return;
		case M_DONE:
			take(r);
			return;
		case M_NO:
			r->nheld--;
			break;
		}
	}
	/* Not a reply: its first byte is a key; the rest may start one. */
	release_first(r);
	termreply_feed(r, code, fkey);
}

void
termreply_idle(struct termreply *r, bool more_may_come)
{
	/* Curses waited its escape delay after a lone ESC: a key. */
	while (r->nheld > 0 && (!more_may_come || r->nheld == 1))
		release_first(r);
}

bool
termreply_holding(const struct termreply *r)
{
	return r->nheld > 0;
}

bool
termreply_next(struct termreply *r, struct termreply_key *k)
{
	if (r->outpos >= r->nout)
		return false;
	*k = r->out[r->outpos++];
	return true;
}
