/* kling-tui: the messages a person reads, in the user's language (GNU
 * gettext). _() translates now; N_() marks a string of a static table whose
 * translation is looked up where it is shown. What programs read (--json,
 * JSON paths, config keys, exit codes) is never translated.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_I18N_H
#define KT_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)		gettext(s)
#else
#define _(s)		(s)
#define gettext(s)	(s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s)		s

/* Bind the message catalogs for the locale of the environment; call once,
 * early in main(). Under C/POSIX or no locale at all, it does nothing and
 * costs nothing: the messages are already English. Otherwise it sets
 * LC_MESSAGES and LC_CTYPE from the environment (the catalogs' UTF-8 must
 * reach the terminal as the locale's charset) and binds the domain to
 * $KLING_TUI_LOCALEDIR when set (the tests' build-tree catalogs), else to
 * the installed ones. */
void	i18n_init(void);

/* Back to the messages as written, for output that programs read (--json):
 * its text stays the same whatever the locale. */
void	i18n_off(void);

#endif
