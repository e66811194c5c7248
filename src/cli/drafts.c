/* kling-tui: drafts: the editor's drafts, from the shell (as `vim -r`).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "conf.h"
#include "draft.h"
#include "text.h"
#include "i18n.h"

/* One line of the table, its columns 16 screen columns wide (a Chinese
 * title or word is two columns a character, so bytes would not align). */
static void
drafts_row(const char *when, const char *proc, const char *file)
{
	printf("%s%*s  %s%*s  %s\n", when, text_pad(when, 16), "", proc,
	    text_pad(proc, 16), "", file);
}

int
cmd_drafts(struct app_globals *g, const struct cli_args *a)
{
	struct draft_info *v;
	char *dir, *cause = NULL, *name, when[32], proc[32];
	struct tm tm;
	size_t n, i;

	(void)g;
	(void)a;
	if ((dir = conf_state_dir(&cause)) == NULL) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		return EXIT_USAGE;
	}
	v = draft_list(dir, NULL, &n);
	if (n == 0)
		printf(_("no drafts (in %s/drafts)\n"), dir);
	else
		/* TRANSLATORS: the titles of drafts' columns: when a draft was
		 * saved, the process that wrote it, the file it belongs to. */
		drafts_row(_("SAVED"), _("PROCESS"), _("FILE"));
	for (i = 0; i < n; i++) {
		localtime_r(&v[i].when, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		/* TRANSLATORS: a process id, and whether that process runs. */
		snprintf(proc, sizeof proc, v[i].alive ? _("%ld running") :
		    _("%ld gone"), v[i].pid);
		/* A file name may hold anything, a terminal's escapes too. */
		name = v[i].origin != NULL ?
		    text_sanitize(v[i].origin, strlen(v[i].origin), 0, false) : NULL;
		drafts_row(when, proc, name != NULL ? name : _("(a new storyboard)"));
		free(name);
	}
	if (n > 0)
		printf(_("kling-tui FILE (or kling-tui alone, for every draft of a process"
		    " gone) offers to recover them.\n"));
	draft_list_free(v, n);
	free(dir);
	return EXIT_OK;
}
