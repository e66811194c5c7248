/* kling-tui: the subcommands that need no network: validate, body, curl.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * This path starts no curl, curses or thread: validate is meant to cost
 * little more than a process start. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codec.h"
#include "conf.h"
#include "rules.h"
#include "xmalloc.h"

#define LOCAL_CREATE_PATH "/api/v1/client/job/CreateTask"

/* "-" reads standard input; the name shown for it. */
static const char *
local_name(const char *file)
{
	return strcmp(file, "-") == 0 ? "(stdin)" : file;
}

/* Load and check one file into d. NULL when it cannot be read or is not
 * JSON, after saying why on stderr; the reason is also handed over in *cause
 * when cause is not NULL (for --json). */
static struct storyboard *
local_load(const char *file, struct diag_list *d, char **cause)
{
	struct storyboard *sb;
	char *why = NULL;

	sb = codec_load_file(strcmp(file, "-") == 0 ? "/dev/stdin" : file, &why);
	if (sb == NULL) {
		fprintf(stderr, "%s: %s\n", local_name(file), why);
		if (cause != NULL)
			*cause = why;
		else
			free(why);
		return NULL;
	}
	rules_check(sb, d);
	return sb;
}

static void
local_print_diags(const char *file, const struct diag_list *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		fprintf(stderr, "%s: %s: %s: %s\n", local_name(file), d->v[i].path,
		    diag_severity_name(d->v[i].sev), d->v[i].msg);
}

/* One {file, path, severity, message} of validate --json. */
static void
local_json_item(bool *first, const char *file, const char *path,
    const char *sev, const char *msg)
{
	char *f = codec_string(local_name(file)), *p = codec_string(path);
	char *m = codec_string(msg);

	printf("%s\n  {\"file\": %s, \"path\": %s, \"severity\": \"%s\", "
	    "\"message\": %s}", *first ? "" : ",", f, p, sev, m);
	*first = false;
	free(f);
	free(p);
	free(m);
}

/* Options of a subcommand: flags it knows, --help, and "--". Returns the
 * index of the first operand, or -1 after a usage error / -2 after help. */
static int
local_options(int argc, char **argv, const char *usage, bool *json)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			printf("Usage: kling-tui %s\n", usage);
			return -2;
		}
		if (json != NULL && strcmp(argv[i], "--json") == 0)
			*json = true;
		else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_usage_error("%s: unknown option '%s'", argv[0], argv[i]);
			return -1;
		} else
			break;
	}
	return i;
}

static const char validate_usage[] =
    "validate [--json] FILE...\n"
    "Check storyboards against the service's rules. Diagnostics go to stderr as\n"
    "FILE: PATH: error|warning: MESSAGE; with --json, a JSON array of\n"
    "{file, path, severity, message} goes to stdout. FILE - reads stdin.\n"
    "Exit: 0 no errors (warnings allowed), 1 errors, 2 usage or unreadable file.";

int
cmd_validate(struct cli_globals *g, int argc, char **argv)
{
	struct storyboard *sb;
	struct diag_list *d;
	bool json = false, first = true;
	int i, status = EXIT_OK, r;
	size_t k;
	char *cause;

	(void)g;
	if ((i = local_options(argc, argv, validate_usage, &json)) < 0)
		return i == -2 ? EXIT_OK : EXIT_USAGE;
	if (i >= argc)
		return cli_usage_error("validate: no FILE given");
	d = diag_list_new();
	if (json)
		fputs("[", stdout);
	for (; i < argc; i++) {
		if ((sb = local_load(argv[i], d, &cause)) == NULL) {
			if (json)
				local_json_item(&first, argv[i], "", "error", cause);
			free(cause);
			status = EXIT_USAGE;
			continue;
		}
		r = diag_count(d, DIAG_ERROR) != 0 ? EXIT_INVALID : EXIT_OK;
		if (json) {
			for (k = 0; k < d->n; k++)
				local_json_item(&first, argv[i], d->v[k].path,
				    diag_severity_name(d->v[k].sev), d->v[k].msg);
		} else
			local_print_diags(argv[i], d);
		if (r > status)
			status = r;
		sb_free(&sb);
	}
	if (json)
		fputs(first ? "]\n" : "\n]\n", stdout);
	diag_list_free(&d);
	return status;
}

/* The effective body of one valid file, or an exit code. */
static int
local_body(int argc, char **argv, const char *usage, char **body)
{
	struct storyboard *sb, *eff;
	struct diag_list *d;
	int i, status = EXIT_OK;

	if ((i = local_options(argc, argv, usage, NULL)) < 0)
		return i == -2 ? EXIT_OK : EXIT_USAGE;
	if (i >= argc)
		return cli_usage_error("%s: no FILE given", argv[0]);
	if (i + 1 < argc)
		return cli_usage_error("%s: one FILE only", argv[0]);
	d = diag_list_new();
	if ((sb = local_load(argv[i], d, NULL)) == NULL) {
		diag_list_free(&d);
		return EXIT_USAGE;
	}
	local_print_diags(argv[i], d);
	if (diag_count(d, DIAG_ERROR) != 0)
		status = EXIT_INVALID;
	else {
		eff = sb_effective(sb);
		*body = codec_encode(eff);
		sb_free(&eff);
	}
	sb_free(&sb);
	diag_list_free(&d);
	return status;
}

static const char body_usage[] =
    "body FILE\n"
    "Print the exact JSON body that would be sent, with the service's forced\n"
    "values applied (multi-shot: audio true; single shot: no shot_type).\n"
    "Exit 1, with the diagnostics on stderr, when the storyboard has errors.";

int
cmd_body(struct cli_globals *g, int argc, char **argv)
{
	char *body = NULL;
	int status;

	(void)g;
	if ((status = local_body(argc, argv, body_usage, &body)) != EXIT_OK ||
	    body == NULL)
		return status;
	fputs(body, stdout);
	free(body);
	return EXIT_OK;
}

/* s in single quotes for a POSIX shell: a ' inside becomes '\''. */
static void
local_shell_quote(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

static const char curl_usage[] =
    "curl FILE\n"
    "Print a curl command that sends FILE's body to the CreateTask endpoint of\n"
    "the base URL in use. The key is read from $CRUN_API_KEY when the command\n"
    "runs; it never appears in the printed text.";

int
cmd_curl(struct cli_globals *g, int argc, char **argv)
{
	struct conf *cf;
	char *body = NULL, *url, *cause = NULL;
	const char *base;
	size_t n;
	int status;

	if ((status = local_body(argc, argv, curl_usage, &body)) != EXIT_OK ||
	    body == NULL)
		return status;
	if ((cf = conf_load(NULL, &cause)) == NULL) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		free(body);
		return EXIT_USAGE;
	}
	conf_print_warnings(cf, stderr);
	base = conf_base_url(cf, g->base_url);
	n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	xasprintf(&url, "%.*s%s", (int)n, base, LOCAL_CREATE_PATH);
	fputs("curl -sS -X POST ", stdout);
	local_shell_quote(stdout, url);
	fputs(" \\\n  -H \"x-api-key: $CRUN_API_KEY\" \\\n"
	    "  -H 'Content-Type: application/json' \\\n  --data-binary ", stdout);
	local_shell_quote(stdout, body);
	fputc('\n', stdout);
	free(url);
	free(body);
	conf_free(&cf);
	return EXIT_OK;
}
