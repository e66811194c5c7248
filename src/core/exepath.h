/* kling-tui: finding a program installed beside this one.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_EXEPATH_H
#define KT_EXEPATH_H

/* name in the directory of /proc/self/exe (the build tree, or an install
 * that keeps both in one place) when it is executable there: malloc'd, else
 * NULL. */
char	*exepath_sibling(const char *name);

#endif
