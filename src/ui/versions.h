/* kling-tui: the screen libraries' versions, for doctor.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_VERSIONS_H
#define KT_VERSIONS_H

/* "ncurses 6.x, readline 8.x", for a bug report. Both are loaded to be
 * asked (dlopen), so that kling-tui-cmd.so, which runs doctor, links no
 * curses. */
const char	*ui_library_versions(void);

#endif
