/* kling-tui: the lean front hands everything but the local subcommands over:
 * the full screen to kling-tui-app.so (curses; it loads curl and readline),
 * the other subcommands to kling-tui-cmd.so (the same without curses),
 * loaded into this process and run here, not a second program started.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "exepath.h"
#include "xmalloc.h"
#include "i18n.h"

#define APP_NAME "kling-tui-app.so"
#define CMD_NAME "kling-tui-cmd.so"

/* Beside this executable first (the build tree, or an install that keeps both
 * in one directory), then the package's library directory. NULL: dlerror()
 * says why the last try failed. */
static void *
front_load(const char *name)
{
	char *path;
	void *h = NULL;

	if ((path = exepath_sibling(name)) != NULL) {
		h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		free(path);
	}
	if (h == NULL) {
		xasprintf(&path, "%s/%s", PKGLIBDIR, name);
		h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		free(path);
	}
	return h;
}

/* The application has closed and flushed what it owns by now (the store,
 * the log, the terminal). All exit() would add is the loaded libraries'
 * clean-up (OpenSSL's, GnuTLS's: some forty destructors), which frees memory
 * the kernel takes back anyway, page by page: 1.4 ms of a `watch --once`
 * (bench/RESULTS.md, session 11). So stdio is flushed and the process ends
 * here. Not under a sanitizer: its leak check runs at exit. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define FRONT_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define FRONT_SANITIZED 1
#endif

static void
front_exit(int rc)
{
#ifndef FRONT_SANITIZED
	fflush(NULL);
	_exit(rc);
#else
	(void)rc;
#endif
}

int
front_run_app(struct app_globals *g, const char *name)
{
	int (*app_main)(int, char **);
	void *h;
	int rc;

	if ((h = front_load(name)) == NULL ||
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
	rc = app_main(g->orig_argc, g->orig_argv);
	front_exit(rc);
	return rc;
}

#define FRONT_RUN(fn) \
	int fn(struct app_globals *g, const struct cli_args *a) \
	{ (void)a; return front_run_app(g, CMD_NAME); }

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
	return front_run_app(g, APP_NAME);
}
