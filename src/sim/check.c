/* kling-sim: checking a CreateTask body with the client's own decoder and
 * rules (libcore), so that the simulator refuses exactly what kling-tui
 * would refuse before sending.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "diag.h"
#include "rules.h"
#include "sim.h"
#include "storyboard.h"
#include "xmalloc.h"

/* A 422's message: every error as "PATH: MESSAGE", joined by "; ". */
static char *
body_check_message(const struct diag_list *dl)
{
	char	*msg = xstrdup(""), *next;
	size_t	 i;

	for (i = 0; i < dl->n; i++) {
		if (dl->v[i].sev != DIAG_ERROR)
			continue;
		xasprintf(&next, "%s%s%s: %s", msg, *msg != '\0' ? "; " : "",
		    dl->v[i].path, dl->v[i].msg);
		free(msg);
		msg = next;
	}
	return msg;
}

int
body_check(const char *body, size_t len, struct body_check *bc, char **cause)
{
	struct storyboard	*sb;
	struct diag_list	*dl;
	char			*why;

	memset(bc, 0, sizeof *bc);
	if ((sb = codec_decode(body, len, &why)) == NULL) {
		xasprintf(cause, "the body is not valid JSON: %s", why);
		free(why);
		return -1;
	}
	dl = diag_list_new();
	if (rules_check(sb, dl) != 0) {
		*cause = body_check_message(dl);
		diag_list_free(&dl);
		sb_free(&sb);
		return -1;
	}
	diag_list_free(&dl);
	bc->mode = xstrdup(sb->mode != NULL ? sb->mode : "std");
	bc->duration = sb->duration;
	sb_free(&sb);
	return 0;
}

void
body_check_free(struct body_check *bc)
{
	free(bc->mode);
	bc->mode = NULL;
}
