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
#include "text.h"
#include "urlrule.h"
#include "xmalloc.h"
#include "i18n.h"

#define LOCAL_CREATE_PATH "/api/v1/client/job/CreateTask"

/* "-" reads standard input; the name shown for it. */
static const char *
local_name(const char *file)
{
	return strcmp(file, "-") == 0 ? "(stdin)" : file;
}

/* "FILE: PATH: SEVERITY: MESSAGE" on stderr, each part sanitised: a file
 * name or a value in a message may hold escape sequences or bidi controls. */
static void
local_say(const char *file, const char *path, const char *sev, const char *msg)
{
	const char *parts[] = { local_name(file), path, sev, msg };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (parts[i] == NULL)
			continue;
		if (i != 0)
			fputs(": ", stderr);
		text_fputs(parts[i], stderr);
	}
	fputc('\n', stderr);
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
		local_say(file, NULL, NULL, why);
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
		local_say(file, d->v[i].path, diag_severity_name(d->v[i].sev),
		    d->v[i].msg);
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

int
cmd_validate(struct app_globals *g, const struct cli_args *a)
{
	struct storyboard *sb;
	struct diag_list *d;
	bool json = a->json, first = true;
	int i, status = EXIT_OK, r, argc = a->argc;
	char **argv = a->argv;
	size_t k;
	char *cause;

	(void)g;
	d = diag_list_new();
	if (json)
		fputs("[", stdout);
	for (i = 0; i < argc; i++) {
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
local_body(const struct cli_args *a, char **body)
{
	struct storyboard *sb, *eff;
	struct diag_list *d;
	int status = EXIT_OK;

	d = diag_list_new();
	if ((sb = local_load(a->argv[0], d, NULL)) == NULL) {
		diag_list_free(&d);
		return EXIT_USAGE;
	}
	local_print_diags(a->argv[0], d);
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

int
cmd_body(struct app_globals *g, const struct cli_args *a)
{
	char *body = NULL;
	int status;

	(void)g;
	if ((status = local_body(a, &body)) != EXIT_OK ||
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

int
cmd_curl(struct app_globals *g, const struct cli_args *a)
{
	struct conf *cf;
	char *body = NULL, *url, *cause = NULL, *scheme = NULL, *host = NULL;
	const char *base;
	size_t n;
	int status;

	/* The demo's simulator lives as long as one command: a command
	 * printed for it would point at nothing. */
	if (g->demo)
		return cli_usage_error(_("curl: --demo has no lasting address to print; "
		    "run kling-sim yourself and pass --base-url"));
	if ((status = local_body(a, &body)) != EXIT_OK ||
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
	/* The command sends the key: the client's own URL rule applies. */
	if (urlrule_split(base, &scheme, &host) != 0)
		xasprintf(&cause, _("the base URL is not a URL"));
	else
		urlrule_check(scheme, host, urlrule_loopback(host), g->allow_http,
		    &cause);
	free(scheme);
	free(host);
	if (cause != NULL) {
		local_say("curl", NULL, NULL, cause);
		free(cause);
		free(body);
		conf_free(&cf);
		return EXIT_USAGE;
	}
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
