/* kling-tui: binding the message catalogs.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* The locale LC_MESSAGES will have: the first of LC_ALL, LC_MESSAGES, LANG
 * that is set and not empty, as setlocale() chooses it. */
static const char *
i18n_messages_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return v;
	return NULL;
}

/* C, POSIX and C.<charset> (C.UTF-8) speak the messages as written. */
static int
i18n_is_c(const char *v)
{
	return v == NULL || strcmp(v, "POSIX") == 0 || strcmp(v, "C") == 0 ||
	    strncmp(v, "C.", 2) == 0;
}

void
i18n_init(void)
{
#ifdef ENABLE_NLS
	const char *dir;

	if (i18n_is_c(i18n_messages_locale()))
		return;
	setlocale(LC_MESSAGES, "");
	setlocale(LC_CTYPE, "");
	if ((dir = getenv("KLING_TUI_LOCALEDIR")) == NULL || *dir == '\0')
		dir = LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	textdomain(PACKAGE);
#endif
}


void
i18n_off(void)
{
#ifdef ENABLE_NLS
	setlocale(LC_MESSAGES, "C");
#endif
}
