/* kling-tui: bytes for the terminal itself, past curses (the clipboard,
 * notifications, pictures): written whole, and wrapped for tmux's
 * passthrough to reach the terminal outside it. Main thread only.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_UI_TERMOUT_H
#define KT_UI_TERMOUT_H

#include <stddef.h>

/* Write all len bytes of s to the terminal (standard output), again after
 * a signal; on an error the rest is dropped (the screen goes on). */
void	 termout_write(const char *s, size_t len);
/* s in tmux's passthrough (ESC P tmux; ... ESC \, each ESC inside
 * doubled), which tmux hands to the terminal outside it when its
 * allow-passthrough option is on: a new string of *outlen bytes, NUL-ended.
 * Caller frees. */
char	*termout_tmux_wrap(const char *s, size_t len, size_t *outlen);

#endif
