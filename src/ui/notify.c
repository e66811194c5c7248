/* kling-tui: desktop notifications through the terminal: the sequence
 * travels with the output, so it reaches the artist's own machine over SSH
 * and through tmux, where a bell in a background window would be missed.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dash.h"
#include "text.h"
#include "xmalloc.h"

/* Text for inside an OSC: printable, no terminator, no field separator. */
static char *
notify_clean(const char *s)
{
	char *t = text_sanitize(s, strlen(s), 200, false), *p;

	for (p = t; *p != '\0'; p++)
		if (*p == ';' || *p == '\a' || *p == '\033')
			*p = ',';
	return t;
}

void
notify_send(const char *title, const char *body)
{
	char *t = notify_clean(title), *b = notify_clean(body), *seq;
	const char *kitty = getenv("KITTY_WINDOW_ID");

	if (kitty != NULL && *kitty != '\0') {
		/* kitty's own protocol: title, then body, as one notification. */
		xasprintf(&seq, "\033]99;i=kt:d=0;%s\033\\\033]99;i=kt:d=1:p=body;%s\033\\",
		    t, b);
	} else {
		/* iTerm2, WezTerm, Windows Terminal, ghostty take OSC 9; urxvt,
		 * foot, Konsole and VTE take OSC 777. A terminal ignores the one
		 * it does not know. */
		xasprintf(&seq, "\033]9;%s: %s\a\033]777;notify;%s;%s\a", t, b, t, b);
	}
	osc_send(seq);
	free(seq);
	free(t);
	free(b);
}
