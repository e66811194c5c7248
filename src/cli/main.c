/* kling-tui: entry point: global options, then a subcommand or the full screen.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "xmalloc.h"

static int
main_dispatch(struct app_globals *g, int argc, char **argv)
{
	const struct cli_cmd *c;
	struct cli_args a;
	const char *near;
	int rc;

	if ((argc = cli_parse_globals(g, argc, argv)) < 0)
		return EXIT_USAGE;
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		cli_usage(stdout);
		return EXIT_OK;
	}
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return EXIT_OK;
	}
	if (argc >= 2) {
		for (c = cli_cmds; c->name != NULL; c++)
			if (strcmp(argv[1], c->name) == 0) {
				if ((rc = cli_parse_args(c, argc - 1, argv + 1, &a)) != EXIT_OK)
					return rc < 0 ? EXIT_OK : rc;
				return c->fn(g, &a);
			}
		if (argv[1][0] == '-')
			return cli_usage_error(_("unknown option '%s'"), argv[1]);
		/* "stauts" is not a storyboard to start writing. */
		if (access(argv[1], F_OK) != 0 && (near = cli_suggest(argv[1])) != NULL)
			return cli_usage_error(_("unknown subcommand '%s'; did you mean '%s'? "
			    "(to start a new storyboard of that name: kling-tui ./%s)"),
			    argv[1], near, argv[1]);
	}
	return cli_fullscreen(g, argc, argv);
}

#ifdef KT_APP_SO
/* kling-tui-app.so's entry: the front (src/cli/front_app.c) hands it the
 * command line as it was given, and it runs as a program would. */
int	kt_app_main(int, char **) __attribute__((visibility("default")));
#define main kt_app_main
#endif

int
main(int argc, char **argv)
{
	struct app_globals g = { .base_url = NULL };
	char **orig;
	int i, rc;

	/* The messages' language: nothing at all under C or no locale (and
	 * under another, its character set with it). */
	i18n_init();
	/* Keep argv as given: cli_parse_globals rewrites it in place. */
	orig = xcalloc((size_t)argc + 1, sizeof *orig);
	for (i = 0; i < argc; i++)
		orig[i] = argv[i];
	g.orig_argc = argc;
	g.orig_argv = orig;
	rc = main_dispatch(&g, argc, argv);
	free(orig);	/* valgrind and LeakSanitizer see every exit path */
	return rc;
}
