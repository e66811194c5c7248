/* kling-tui: the command line: global options and the subcommand table.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_CLI_H
#define KT_CLI_H

#include <stdbool.h>
#include <stdio.h>

/* Exit codes, the same for every subcommand (documented in kling-tui(1)). */
#define EXIT_OK		0	/* done; for validate: no errors */
#define EXIT_INVALID	1	/* a storyboard has errors; a task failed */
#define EXIT_USAGE	2	/* bad usage, or a file that cannot be read or parsed */
#define EXIT_SERVICE	3	/* the service refused (401, 402, 404, 505, ...) */
#define EXIT_NETWORK	4	/* the service could not be reached, or answered garbage */
#define EXIT_UNKNOWN	5	/* a create's fate is unknown: it may have been created */

/* Options that every subcommand and the full-screen program accept, before or
 * after the subcommand's name. */
struct cli_globals {
	const char	*base_url;	/* --base-url, else NULL: see config */
	const char	*cacert;	/* --cacert FILE */
	bool		 allow_http;	/* --allow-http: plain http to a non-loopback host */
	bool		 demo;		/* --demo */
	const char	*progname;
	int		 orig_argc;	/* argv as given, for handing over to kling-tui-app */
	char	       **orig_argv;
};

typedef int (*cli_cmd_fn)(struct cli_globals *, int argc, char **argv);

struct cli_cmd {
	const char	*name;
	cli_cmd_fn	 fn;
	const char	*synopsis;	/* "validate [--json] FILE..." */
	const char	*summary;	/* one line for --help */
};

/* The table, NULL-terminated; defined in cli.c. */
extern const struct cli_cmd cli_cmds[];

/* Strip the global options out of argv (any position before "--"), fill g.
 * Returns the new argc, or -1 after printing a usage error. */
int	cli_parse_globals(struct cli_globals *g, int argc, char **argv);
void	cli_usage(FILE *);
/* Print "kling-tui: " + message to stderr, for usage errors; returns EXIT_USAGE. */
int	cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Two programs share main.c, cli.c and this table. `kling-tui` is the lean
 * front: it links libcore only, so that validate/body/curl start as fast as a
 * bare process; for every other subcommand and for the full screen it execs
 * `kling-tui-app` (curl, curses, readline: their libraries alone cost ~15 ms
 * to load), which links everything. front_exec.c defines the app-only entry
 * points of the front as that hand-over.
 *
 * To add a subcommand: a row in cli_cmds (cli.c), its function in its family's
 * file, and, when it needs the network, store or screen, a FRONT_EXEC() line
 * in front_exec.c. */
int	front_exec_app(struct cli_globals *);	/* does not return on success */

/* The full-screen program (src/ui/): FILE may be NULL. */
int	ui_main(struct cli_globals *, int argc, char **argv);

/* Subcommands, one file per family. */
int	cmd_validate(struct cli_globals *, int, char **);	/* cli_local.c */
int	cmd_body(struct cli_globals *, int, char **);
int	cmd_curl(struct cli_globals *, int, char **);
int	cmd_submit(struct cli_globals *, int, char **);	/* cli_submit.c */
int	cmd_status(struct cli_globals *, int, char **);	/* cli_net.c */
int	cmd_list(struct cli_globals *, int, char **);
int	cmd_balance(struct cli_globals *, int, char **);
int	cmd_watch(struct cli_globals *, int, char **);	/* cli_watch.c */
int	cmd_download(struct cli_globals *, int, char **);	/* cli_download.c */

#endif
