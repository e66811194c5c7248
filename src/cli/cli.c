/* kling-tui: the command line: global options and the subcommand table.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

static const char validate_help[] =
    N_("Check storyboards against the service's rules. Diagnostics go to stderr as\n"
    "FILE: PATH: error|warning: MESSAGE; with --json, a JSON array of\n"
    "{file, path, severity, message} goes to stdout. FILE - reads stdin.\n"
    "Exit: 0 no errors (warnings allowed), 1 errors, 2 usage or unreadable file.");
static const char body_help[] =
    N_("Print the exact JSON body that would be sent, with the service's forced\n"
    "values applied (multi-shot: audio true; single shot: no shot_type).\n"
    "Exit 1, with the diagnostics on stderr, when the storyboard has errors.");
static const char curl_help[] =
    N_("Print a curl command that sends FILE's body to the CreateTask endpoint of\n"
    "the base URL in use. The key is read from $CRUN_API_KEY when the command\n"
    "runs; it never appears in the printed text.");

/* Where --help's summaries start. */
#define CLI_SYNOPSIS_COLUMN 34

static const char doctor_help[] =
    N_("Print what a bug report needs: the versions of kling-tui and its\n"
    "libraries, the terminal and locale, the config file and its warnings,\n"
    "where the API key comes from (never the key), the base URL, the store,\n"
    "and whether the service answers a balance request. Exit as for balance.");

const struct cli_cmd cli_cmds[] = {
	{ "validate", cmd_validate, OPT_JSON, 0, 1, -1, N_("no FILE given"), NULL,
	  "validate [--json] FILE...",
	  N_("check storyboards against the rules"), validate_help },
	{ "body", cmd_body, 0, 0, 1, 1, N_("no FILE given"), N_("one FILE only"),
	  "body FILE",
	  N_("print the exact JSON body to be sent"), body_help },
	{ "curl", cmd_curl, 0, 0, 1, 1, N_("no FILE given"), N_("one FILE only"),
	  "curl FILE",
	  N_("print an equivalent curl command"), curl_help },
	{ "submit", cmd_submit, OPT_JSON | OPT_WAIT | OPT_PARALLEL, 8, 1, -1,
	  N_("which file? submit [--wait] FILE..."), NULL,
	  "submit [--wait] [--json] [--parallel N] FILE...",
	  N_("record, send, print the task ids"), NULL },
	{ "status", cmd_status, OPT_JSON, 0, 1, -1,
	  N_("which task? status [--json] TASK_ID..."), NULL,
	  "status [--json] TASK_ID...",
	  N_("ask the service, record the answers"), NULL },
	{ "list", cmd_list, OPT_JSON | OPT_STATUS | OPT_LIMIT | OPT_ALL | OPT_IDS, 0, 0, 0,
	  NULL, NULL,
	  "list [--json|--ids] [--status S] [--limit N] [--all]",
	  N_("the tasks in the local store (no network)"), NULL },
	{ "watch", cmd_watch, OPT_JSON | OPT_ONCE | OPT_PARALLEL, 64, 0, -1, NULL, NULL,
	  "watch [--json] [--once] [--parallel N] [TASK_ID...]",
	  N_("follow tasks until they end"), NULL },
	{ "download", cmd_download, OPT_JSON | OPT_OUTPUT, 0, 1, 1,
	  N_("one task: download [-o FILE] TASK_ID"),
	  N_("one task: download [-o FILE] TASK_ID"),
	  "download [-o FILE] [--json] TASK_ID",
	  N_("save a finished task's video (resumable)"), NULL },
	{ "drafts", cmd_drafts, 0, 0, 0, 0, NULL, NULL,
	  "drafts",
	  N_("the editor's drafts and their processes"), NULL },
	{ "keys", cmd_keys, 0, 0, 0, 0, NULL, NULL,
	  "keys",
	  N_("every screen's keys, as Markdown tables"), NULL },
	{ "balance", cmd_balance, OPT_JSON, 0, 0, 0, NULL, NULL,
	  "balance [--json]",
	  N_("show the account's credits"), NULL },
	{ "doctor", cmd_doctor, 0, 0, 0, 0, NULL, NULL,
	  "doctor",
	  N_("what a bug report needs, and a check"), doctor_help },
	{ NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL }
};

/* Edits (insert, delete, change, swap of two neighbours) from a to b, up
 * to 3: enough to tell "stauts" from "status". */
static int
cli_distance(const char *a, const char *b)
{
	int d[24][24], i, j, la = (int)strlen(a), lb = (int)strlen(b), c;

	if (la > 22 || lb > 22)
		return 99;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	}
	return d[la][lb];
}

const char *
cli_suggest(const char *word)
{
	const struct cli_cmd *c, *best = NULL;
	int d, bestd = 3;

	if (strchr(word, '/') != NULL || strchr(word, '.') != NULL)
		return NULL;	/* a file's name */
	for (c = cli_cmds; c->name != NULL; c++) {
		if ((d = cli_distance(word, c->name)) < bestd) {
			bestd = d;
			best = c;
		}
	}
	return best != NULL ? best->name : NULL;
}

int
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("kling-tui: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(_("\nTry 'kling-tui --help'.\n"), stderr);
	return EXIT_USAGE;
}

void
cli_usage(FILE *f)
{
	const struct cli_cmd *c;

	fputs(_("Usage: kling-tui [GLOBAL OPTIONS] [FILE]\n"
	    "       kling-tui [GLOBAL OPTIONS] SUBCOMMAND [OPTIONS] [ARGS]\n"
	    "\n"
	    "Compose Kling v3 video storyboards and watch their tasks on the crun.ai API.\n"
	    "With no subcommand: the full-screen editor and dashboard.\n"
	    "\nSubcommands:\n"), f);
	/* A synopsis too long for the column gets a line of its own. */
	for (c = cli_cmds; c->name != NULL; c++) {
		if (strlen(c->synopsis) <= CLI_SYNOPSIS_COLUMN)
			fprintf(f, "  %-*s %s\n", CLI_SYNOPSIS_COLUMN, c->synopsis,
			    _(c->summary));
		else
			fprintf(f, "  %s\n  %-*s %s\n", c->synopsis, CLI_SYNOPSIS_COLUMN,
			    "", _(c->summary));
	}
	fputs(_("\nGlobal options (before or after the subcommand):\n"
	    "  --base-url URL      the API's base URL (default: $CRUN_BASE_URL, the config,\n"
	    "                      then https://api.crun.ai)\n"
	    "  --cacert FILE       trust this CA bundle for TLS\n"
	    "  --allow-http        allow plain http:// to a host that is not loopback\n"
	    "  --demo              start kling-sim on loopback and use it (no key needed)\n"
	    "  -v, --verbose       trace requests and task changes to a log file\n"
	    "                      ($KLING_TUI_LOG, else kling-tui.log in the state\n"
	    "                      directory); -vv adds retries and store events\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\nExit status:\n"
	    "  0  done\n"
	    "  1  a storyboard has errors, or a task failed\n"
	    "  2  usage, a file that cannot be read, or no API key (nothing was sent)\n"
	    "  3  the service refused: 401, 402, 404, 422, 505\n"
	    "  4  the service could not be reached or did not do it: no connection, no\n"
	    "     answer to a query, an answer that is not the API's, 5xx, 429 or 455\n"
	    "     after every retry\n"
	    "  5  a create whose fate is unknown: look for it before submitting again\n"
	    "  130  interrupted\n"
	    "\nThe API key is read from $CRUN_API_KEY, else from the key_file named in\n"
	    "the config ($XDG_CONFIG_HOME/kling-tui/config, by default\n"
	    "~/.config/kling-tui/config). See kling-tui(1).\n"), f);
}

/* Global options take a value either as "--opt VALUE" or "--opt=VALUE". */
static int
take_value(int argc, char **argv, int *i, const char *name, const char **out)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*out = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		cli_usage_error(_("option '%s' needs a value"), name);
		return -1;
	}
	*out = argv[++*i];
	return 1;
}

int
cli_parse_globals(struct app_globals *g, int argc, char **argv)
{
	int i, out = 1, r;
	bool dashdash = false;

	for (i = 1; i < argc; i++) {
		if (dashdash) {
			argv[out++] = argv[i];
			continue;
		}
		if (strcmp(argv[i], "--") == 0) {
			dashdash = true;
			argv[out++] = argv[i];
			continue;
		}
		if ((r = take_value(argc, argv, &i, "--base-url", &g->base_url)) != 0 ||
		    (r = take_value(argc, argv, &i, "--cacert", &g->cacert)) != 0) {
			if (r < 0)
				return -1;
			continue;
		}
		if (strcmp(argv[i], "--allow-http") == 0)
			g->allow_http = true;
		else if (strcmp(argv[i], "--verbose") == 0)
			g->verbose++;
		else if (argv[i][0] == '-' && argv[i][1] == 'v' &&
		    strspn(argv[i] + 1, "v") == strlen(argv[i] + 1))
			g->verbose += (int)strlen(argv[i] + 1);
		else if (strcmp(argv[i], "--demo") == 0)
			g->demo = true;
		else
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}
