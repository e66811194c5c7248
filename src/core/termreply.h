/* kling-tui: the terminal's answers to the picture queries, picked out of
 * the key input: the kitty graphics query's reply (ESC _ G ... ESC \), the
 * cell size (ESC [ 6 ; h ; w t), XTVERSION (ESC P > | name ESC \) and
 * Primary Device Attributes (ESC [ ? ... c), the sentinel every terminal
 * answers last. Everything else comes out as the keys it was, in order.
 * Pure: no terminal, no curses; fed one key event at a time.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_TERMREPLY_H
#define KT_TERMREPLY_H

#include <stdbool.h>
#include <stddef.h>

#define TERMREPLY_HOLD	128	/* the longest reply kept; longer is keys */

struct termreply_key {
	int	code;
	bool	fkey;
};

struct termreply {
	/* What the terminal said. */
	bool	da1;		/* Primary DA came: nothing more will */
	bool	sixel;		/* 4 among its parameters */
	bool	kitty_answered, kitty_ok;
	bool	iterm;		/* XTVERSION names iTerm2 */
	int	cell_w, cell_h;	/* px, from ESC [ 6 ; h ; w t; 0 unknown */
	char	version[64];	/* XTVERSION's text, printable ASCII only */
	int	replies;	/* how many were taken out of the input */

	/* A possible reply's start, held back from the keys. */
	int	held[TERMREPLY_HOLD];
	size_t	nheld;
	/* Keys to hand on, oldest first. */
	struct termreply_key out[TERMREPLY_HOLD + 2];
	size_t	nout, outpos;
};

void	termreply_init(struct termreply *);
/* One event from the key input (fkey: a curses KEY_ code). */
void	termreply_feed(struct termreply *, int code, bool fkey);
/* The input ran dry: what is held is keys after all (an Escape key, an
 * Alt-[ ...), or the rest of a reply still to come. With more_may_come
 * (the deadline has not passed) a hold longer than a lone ESC is kept;
 * else everything held goes out as keys. */
void	termreply_idle(struct termreply *, bool more_may_come);
bool	termreply_holding(const struct termreply *);
/* The next key to dispatch: false when none. */
bool	termreply_next(struct termreply *, struct termreply_key *);

#endif
