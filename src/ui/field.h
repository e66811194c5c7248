/* kling-tui: one line of text input through GNU readline in callback mode,
 * drawn inside a curses screen.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_FIELD_H
#define KT_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "ui.h"

/* Each kind keeps its own history, so Up in a URL field recalls URLs. */
enum field_kind {
	FIELD_PROMPT,	/* @name completion, character counter */
	FIELD_NUMBER,
	FIELD_URL,
	FIELD_NAME,
	FIELD_PATH,	/* file name completion */
	FIELD_NKINDS
};

/* text is the committed line, or NULL when the edit was cancelled (Escape,
 * Ctrl-G, Ctrl-C). Called after readline is done with it, so it may begin
 * another field. */
typedef void (*field_done_cb)(void *arg, const char *text);

void	 field_init(void);
void	 field_free(void);

/* Start editing: limit is the character limit shown by the counter (0:
 * none); names are the @names offered (NULL-terminated, may be NULL). */
void	 field_begin(enum field_kind, const char *label, const char *initial,
	    size_t limit, const char *const *names, field_done_cb, void *arg);
bool	 field_active(void);
void	 field_cancel(void);
void	 field_key(const struct ui_key *);

/* The line as it is now. */
const char *field_text(void);
const char *field_label(void);

/* Draw the line in width columns at y,x, scrolled so the cursor shows, and
 * the counter at the right end when a limit is set; sets the cursor. */
void	 field_draw(WINDOW *, int y, int x, int width, int *cy, int *cx);
/* Completion candidates to show under the field ("@hero @villain"), or
 * NULL: up to n of them into v. Returns how many. */
size_t	 field_hints(const char **v, size_t n);

#endif
