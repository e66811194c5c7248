/* kling-tui: keys: every screen's keys as Markdown tables, from the tables
 * the help screens draw (README's key tables are made from this).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>

#include "cli.h"
#include "ui/keys.h"
#include "i18n.h"

/* A cell: '|' would end it. */
static void
keys_cell(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|')
			fputs("\\|", stdout);
		else
			putchar(*s);
	}
}

int
cmd_keys(struct app_globals *g, const struct cli_args *a)
{
	const struct ui_keydoc *k;
	const char *name;
	size_t i;

	(void)g;
	(void)a;
	for (i = 0; (name = keys_table_name(i)) != NULL; i++) {
		/* The help screens' words: README's tables are made under C. */
		printf("%s%s\n\n| %s | %s |\n|---|---|\n", i > 0 ? "\n" : "",
		    i == 0 ? _("Editor keys:") : i == 1 ? _("Dashboard keys:") :
		    _("Detail view keys:"), _("Key"), _("What it does"));
		for (k = keys_table(name); k->what != NULL; k++) {
			fputs("| ", stdout);
			if (k->key == NULL) {
				fputs("**", stdout);
				keys_cell(_(k->what));
				fputs("** | |\n", stdout);
				continue;
			}
			putchar('`');
			keys_cell(k->key);
			fputs("` | ", stdout);
			keys_cell(_(k->what));
			fputs(" |\n", stdout);
		}
	}
	return EXIT_OK;
}
