/* kling-tui: the keys of every screen, in one place.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_KEYS_H
#define KT_KEYS_H

#include <stddef.h>

/* One key (or a few that do the same) and what it does; a NULL key is a
 * group's title; both NULL end a table. */
struct ui_keydoc {
	const char	*key;
	const char	*what;
};

/* "editor", "dashboard", "detail"; NULL for another name. */
const struct ui_keydoc	*keys_table(const char *name);
/* The tables' names in order, then NULL. */
const char		*keys_table_name(size_t i);

#endif
