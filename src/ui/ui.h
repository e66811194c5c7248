/* kling-tui: the curses frame: start and stop, styles, screens, key input.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_UI_H
#define KT_UI_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "i18n.h"

/* The smallest terminal the screens are laid out for. */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 15

/* Meanings, not colours: each maps to a colour pair when colours are on and
 * to an attribute otherwise (NO_COLOR, monochrome terminals). */
enum ui_style {
	UI_NORMAL,
	UI_TITLE,	/* section headings */
	UI_LABEL,	/* field labels */
	UI_SELECTED,	/* the focused field */
	UI_ERROR,
	UI_WARNING,
	UI_OK,
	UI_DIM,		/* a setting that does not apply */
	UI_MENTION,	/* @name of an element */
	UI_MENTION_BAD,	/* @name with no element */
	UI_SEG_A,	/* timeline segments, alternating */
	UI_SEG_B,
	UI_STATUS,	/* the status line */
	UI_NSTYLES
};

/* One key press. code is a character (wint_t) or, when fkey, a KEY_* code;
 * meta: it came after a lone ESC (Alt-x). */
struct ui_key {
	int	code;
	bool	fkey;
	bool	meta;
};
#define UI_CTRL(c) ((c) & 0x1f)

/* A screen draws the whole terminal and takes keys. The editor is one; the
 * dashboard and help screens are others. cursor_y/x: where the terminal's
 * cursor goes after drawing, -1 to hide it. */
struct ui_screen {
	const char	*name;
	void		(*draw)(void *data, WINDOW *w, int rows, int cols,
			    int *cursor_y, int *cursor_x);
	void		(*key)(void *data, const struct ui_key *);
	void		*data;
};

int	 ui_init(char **cause);
void	 ui_shutdown(void);		/* idempotent, safe from fatal() */
/* Without curses, from any thread: the terminal's saved modes back and the
 * full screen left, for when the main thread cannot run ui_shutdown(). */
void	 ui_emergency_restore(void);
bool	 ui_active(void);
bool	 ui_has_colours(void);
attr_t	 ui_attr(enum ui_style);

/* The screen stack: the top one is drawn and gets the keys. */
void	 ui_screen_push(const struct ui_screen *);
void	 ui_screen_pop(void);
const struct ui_screen *ui_screen_top(void);
/* Top-level screens that F2 cycles through (editor, then the dashboard when
 * it registers); the first registered is shown first. */
void	 ui_screen_register(const struct ui_screen *);
void	 ui_screen_next(void);

/* Ask for a redraw; it happens once, after the events being handled. */
void	 ui_redraw(void);
/* Repaint every cell (after an external program or SIGCONT). */
void	 ui_repaint(void);
/* Draw now if needed. */
void	 ui_flush(void);
/* Re-read the terminal size (after SIGWINCH). */
void	 ui_resize(void);
/* Read every pending key and give each to the top screen. */
void	 ui_input(void);

/* Hand the terminal to another program and take it back. */
void	 ui_suspend(void);
void	 ui_resume(void);

/* Draw s at y,x in at most width columns (never splitting a character;
 * control characters shown as '?'); returns the columns used. */
int	 ui_put(WINDOW *, int y, int x, int width, attr_t, const char *s);
/* The same for the first len bytes of s. */
int	 ui_putn(WINDOW *, int y, int x, int width, attr_t, const char *s, size_t len);
/* Fill width columns with spaces. */
void	 ui_fill(WINDOW *, int y, int x, int width, attr_t);

/* A transient message on the status line, until the next key. */
void	 ui_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *ui_message_text(void);
void	 ui_message_clear(void);

#endif
