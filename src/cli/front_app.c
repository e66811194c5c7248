/* kling-tui: the lean front hands everything but the local subcommands over to
 * kling-tui-app.so, which links curses and loads curl and readline: loaded
 * into this process and run here, not a second program started.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "exepath.h"
#include "i18n.h"

#define APP_NAME "kling-tui-app.so"

/* Beside this executable first (the build tree, or an install that keeps both
 * in one directory), then the package's library directory. NULL: dlerror()
 * says why the last try failed. */
static void *
front_load(void)
{
	char *path;
	void *h = NULL;

	if ((path = exepath_sibling(APP_NAME)) != NULL) {
		h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		free(path);
	}
	return h != NULL ? h : dlopen(PKGLIBDIR "/" APP_NAME, RTLD_NOW | RTLD_LOCAL);
}

int
front_run_app(struct app_globals *g)
{
	int (*app_main)(int, char **);
	void *h;

	if ((h = front_load()) == NULL ||
	    (*(void **)&app_main = dlsym(h, "kt_app_main")) == NULL) {
		/* The loader's message names the file it tried; taken before
		 * gettext, which may load a converter. */
		const char *why = dlerror();

		fprintf(stderr, _("kling-tui: cannot load the application: %s (is "
		    "kling-tui installed completely?)\n"), why);
		return EXIT_USAGE;
	}
	/* The command line as given: the application parses it again. The
	 * library stays loaded until the process ends. */
	return app_main(g->orig_argc, g->orig_argv);
}

#define FRONT_RUN(fn) \
	int fn(struct app_globals *g, const struct cli_args *a) \
	{ (void)a; return front_run_app(g); }

FRONT_RUN(cmd_submit)
FRONT_RUN(cmd_status)
FRONT_RUN(cmd_list)
FRONT_RUN(cmd_watch)
FRONT_RUN(cmd_download)
FRONT_RUN(cmd_balance)
FRONT_RUN(cmd_doctor)
FRONT_RUN(cmd_keys)

int
cli_fullscreen(struct app_globals *g, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return front_run_app(g);
}
