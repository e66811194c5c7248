/* kling-tui: copy to the clipboard of the terminal the user sits at, even
 * over SSH, with OSC 52; inside tmux also wrapped for its passthrough.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dash.h"
#include "termout.h"
#include "xmalloc.h"

static char *
osc52_base64(const char *s)
{
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i, o = 0;
	char *out = xmalloc((len + 2) / 3 * 4 + 1);
	unsigned v;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		out[o++] = abc[v >> 18 & 63];
		out[o++] = abc[v >> 12 & 63];
		out[o++] = abc[v >> 6 & 63];
		out[o++] = abc[v & 63];
	}
	if (i < len) {
		v = (unsigned)p[i] << 16 | (i + 1 < len ? (unsigned)p[i + 1] << 8 : 0);
		out[o++] = abc[v >> 18 & 63];
		out[o++] = abc[v >> 12 & 63];
		out[o++] = i + 1 < len ? abc[v >> 6 & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return out;
}

void
osc_send(const char *seq)
{
	const char *tmux = getenv("TMUX");
	char *wrapped;
	size_t n;

	termout_write(seq, strlen(seq));
	if (tmux == NULL || *tmux == '\0')
		return;
	/* Inside tmux, the wrapped copy reaches the outer terminal when
	 * passthrough is allowed. */
	wrapped = termout_tmux_wrap(seq, strlen(seq), &n);
	termout_write(wrapped, n);
	free(wrapped);
}

void
osc52_copy(const char *text)
{
	char *b64 = osc52_base64(text), *seq;

	/* tmux takes the plain sequence itself when set-clipboard is on;
	 * the wrapped one reaches the outer terminal when passthrough is
	 * allowed. Either way the user's clipboard gets it once. */
	xasprintf(&seq, "\033]52;c;%s\a", b64);
	osc_send(seq);
	free(seq);
	free(b64);
}
