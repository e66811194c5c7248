/* kling-tui: the command line: the subcommand table, its one option parser,
 * and the global options.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Two builds share main.c, cli.c, opts.c, local.c and this table.
 * `kling-tui` is the lean front: it links libcore only, so that validate,
 * body and curl start as fast as a bare process; for the full screen it
 * loads `kling-tui-app.so` (curses, SQLite; it loads curl and readline when
 * first needed), and for every other subcommand `kling-tui-cmd.so` (the same
 * without the full screen and curses), into its own process, and runs its
 * kt_app_main() (main.c), which parses the command line again.
 * front_app.c defines the app-only entry points of the front as that
 * hand-over.
 *
 * To add a subcommand: a row in cli_cmds (cli.c) naming its options, its
 * function in a file of its own, and, when it needs the network, the store or
 * the screen, a FRONT_RUN() line in front_app.c. */
#ifndef KT_CLI_H
#define KT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "app/exitcode.h"
#include "app/session.h"

/* The subcommands' options, one bit each; a row of cli_cmds says which of
 * them its subcommand takes (opts.c has the one table of their spellings). */
#define OPT_JSON	0x01	/* --json */
#define OPT_WAIT	0x02	/* --wait */
#define OPT_ONCE	0x04	/* --once */
#define OPT_ALL		0x08	/* --all */
#define OPT_PARALLEL	0x10	/* --parallel N */
#define OPT_LIMIT	0x20	/* -n, --limit N */
#define OPT_OUTPUT	0x40	/* -o, --output FILE */
#define OPT_STATUS	0x80	/* --status S */
#define OPT_IDS		0x100	/* --ids */

/* What the parser found: every option's value, then the operands. */
struct cli_args {
	const char	*cmd;		/* the subcommand's name */
	bool		 json, wait, once, all, ids;
	unsigned	 parallel;	/* 0: not given */
	unsigned	 limit;		/* 0: not given */
	const char	*output;
	const char	*status;
	int		 argc;		/* operands */
	char	       **argv;
};

typedef int (*cli_cmd_fn)(struct app_globals *, const struct cli_args *);

struct cli_cmd {
	const char	*name;
	cli_cmd_fn	 fn;
	unsigned	 opts;		/* OPT_* it takes */
	unsigned	 max_parallel;	/* the bound of --parallel */
	int		 min_args;	/* operands: at least, at most (-1: any) */
	int		 max_args;
	const char	*missing;	/* said when operands are missing */
	const char	*too_many;	/* ... too many (NULL: "unexpected 'X'") */
	const char	*synopsis;	/* "validate [--json] FILE..." */
	const char	*summary;	/* one line for --help */
	const char	*help;		/* more for `kling-tui CMD --help`, or NULL */
};

/* The table, NULL-terminated; defined in cli.c. */
extern const struct cli_cmd cli_cmds[];

/* Strip the global options out of argv (any position before "--"), fill g.
 * Returns the new argc, or -1 after printing a usage error. */
int	cli_parse_globals(struct app_globals *g, int argc, char **argv);
void	cli_usage(FILE *);
/* The subcommand a mistyped word most likely meant (at most two edits, and
 * not a file's name), or NULL. */
const char *cli_suggest(const char *word);
/* Print "kling-tui: " + message to stderr, for usage errors; returns EXIT_USAGE. */
int	cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parse a subcommand's argv (argv[0] its name) against its row: EXIT_OK and
 * *a filled; -1 after printing its help (exit 0); or EXIT_USAGE after
 * printing why. */
int	cli_parse_args(const struct cli_cmd *, int argc, char **argv,
	    struct cli_args *a);

/* The lean front's hand-over to the application in the shared object
 * named (kling-tui-app.so, kling-tui-cmd.so): its exit status, or
 * EXIT_USAGE (said why) when it cannot be loaded. */
int	front_run_app(struct app_globals *, const char *name);

/* The full-screen program (src/ui/fullscreen.c): argc/argv after the
 * global options, argv[0] the program. */
int	cli_fullscreen(struct app_globals *, int argc, char **argv);

/* Subcommands, one file each (local.c holds the three the front runs). */
int	cmd_validate(struct app_globals *, const struct cli_args *);
int	cmd_body(struct app_globals *, const struct cli_args *);
int	cmd_curl(struct app_globals *, const struct cli_args *);
int	cmd_submit(struct app_globals *, const struct cli_args *);
int	cmd_status(struct app_globals *, const struct cli_args *);
int	cmd_list(struct app_globals *, const struct cli_args *);
int	cmd_watch(struct app_globals *, const struct cli_args *);
int	cmd_download(struct app_globals *, const struct cli_args *);
int	cmd_balance(struct app_globals *, const struct cli_args *);
int	cmd_doctor(struct app_globals *, const struct cli_args *);
int	cmd_keys(struct app_globals *, const struct cli_args *);
int	cmd_drafts(struct app_globals *, const struct cli_args *);

#endif
