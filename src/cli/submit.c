/* kling-tui: submit: validate, record, send, and optionally follow.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "codec.h"
#include "diag.h"
#include "follow.h"
#include "output.h"
#include "rules.h"
#include "storyboard.h"
#include "xmalloc.h"
#include "i18n.h"

/* Load and check every file first: one bad file and nothing is sent. */
static int
submit_check(struct follow_file *f, size_t n)
{
	struct diag_list *dl = diag_list_new();
	char *cause = NULL;
	size_t i, j, errors;
	int rc = EXIT_OK;

	for (i = 0; i < n; i++) {
		if ((f[i].sb = codec_load_file(f[i].file, &cause)) == NULL) {
			fprintf(stderr, "%s: %s\n", f[i].file, cause);
			free(cause);
			cause = NULL;
			rc = exit_worse(rc, EXIT_USAGE);
			continue;
		}
		errors = rules_check(f[i].sb, dl);
		for (j = 0; j < dl->n; j++)
			fprintf(stderr, "%s: %s: %s: %s\n", f[i].file, dl->v[j].path,
			    diag_severity_name(dl->v[j].sev), dl->v[j].msg);
		if (errors > 0)
			rc = exit_worse(rc, EXIT_INVALID);
	}
	diag_list_free(&dl);
	if (rc != EXIT_OK)
		fputs(_("kling-tui: nothing was sent\n"), stderr);
	return rc;
}

int
cmd_submit(struct app_globals *g, const struct cli_args *a)
{
	struct follow_opts fo = { .print = FOLLOW_CHANGES, .json = a->json,
	    .wait = a->wait, .parallel = a->parallel > 0 ? a->parallel : 2 };
	struct follow_file *f;
	struct session s;
	size_t i, n = (size_t)a->argc;
	int rc;

	f = xcalloc(n, sizeof *f);
	for (i = 0; i < n; i++)
		f[i].file = a->argv[i];
	if ((rc = submit_check(f, n)) == EXIT_OK &&
	    (rc = cli_session_open(&s, g, SESSION_STORE | SESSION_NET | SESSION_KEY)) ==
	    EXIT_OK) {
		rc = cli_run_engine(&s, f, n, NULL, 0, &fo);
		session_close(&s);
	}
	for (i = 0; i < n; i++)
		sb_free(&f[i].sb);
	free(f);
	return rc;
}
