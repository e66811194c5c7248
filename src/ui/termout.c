/* kling-tui: bytes for the terminal itself, past curses (termout.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "termout.h"
#include "xmalloc.h"

void
termout_write(const char *s, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(STDOUT_FILENO, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

char *
termout_tmux_wrap(const char *s, size_t len, size_t *outlen)
{
	static const char head[] = "\033Ptmux;", tail[] = "\033\\";
	char *out = xmalloc(sizeof head - 1 + 2 * len + sizeof tail), *o = out;
	size_t i;

	memcpy(o, head, sizeof head - 1);
	o += sizeof head - 1;
	for (i = 0; i < len; i++) {
		if (s[i] == '\033')
			*o++ = '\033';
		*o++ = s[i];
	}
	memcpy(o, tail, sizeof tail);	/* with its NUL */
	*outlen = (size_t)(o - out) + sizeof tail - 1;
	return out;
}
