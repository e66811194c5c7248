/* kling-tui: the editor's draft: atomic save, load, origin, discard.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "draft.h"
#include "storyboard.h"
#include "tap.h"

int
main(void)
{
	char dir[] = "/tmp/kt-draft-XXXXXX", *cause = NULL, *origin = NULL, path[256];
	struct storyboard *sb, *back;
	time_t when = 0, before = time(NULL);
	struct stat st;

	if (mkdtemp(dir) == NULL)
		return 1;
	back = draft_load(dir, &when, &origin, &cause);
	ok(back == NULL && cause == NULL, "no draft: NULL and no error");

	sb = sb_template("multi-shot-customize");
	ok(sb != NULL, "a template to draft from");
	sb_set_str(&sb->shots[0].prompt, "雨の中の寺院 @hero");
	is_int(draft_save(dir, sb, "/work/story.json", &cause), 0, "draft saved");
	back = draft_load(dir, &when, &origin, &cause);
	ok(back != NULL && sb_equal(sb, back), "the draft loads back equal, CJK included");
	is_str(origin, "/work/story.json", "the draft remembers its file");
	ok(when >= before - 1, "the draft's time is when it was written");
	sb_free(&back);
	free(origin);
	origin = NULL;

	is_int(draft_save(dir, sb, NULL, &cause), 0, "a draft of a new storyboard");
	back = draft_load(dir, &when, &origin, &cause);
	ok(back != NULL && origin == NULL, "a new storyboard's draft has no origin");
	sb_free(&back);

	/* Atomic: no temporary files left beside the draft. */
	snprintf(path, sizeof path, "ls %s | grep -v '^draft\\.\\(json\\|origin\\)$' | grep -q .",
	    dir);
	ok(system(path) != 0, "no temporary files are left behind");

	draft_discard(dir);
	snprintf(path, sizeof path, "%s/draft.json", dir);
	ok(stat(path, &st) == -1, "discard removes the draft");
	back = draft_load(dir, &when, &origin, &cause);
	ok(back == NULL && cause == NULL, "after discard there is no draft");

	/* A directory that cannot be written: an error, not a crash. */
	snprintf(path, sizeof path, "%s/missing/dir", dir);
	ok(draft_save(path, sb, NULL, &cause) == -1 && cause != NULL,
	    "a draft that cannot be written says why");
	free(cause);
	cause = NULL;

	/* A corrupt draft is reported, not taken for no draft. */
	snprintf(path, sizeof path, "%s/draft.json", dir);
	{
		FILE *f = fopen(path, "w");

		fputs("{\"model\": ", f);
		fclose(f);
	}
	back = draft_load(dir, &when, &origin, &cause);
	ok(back == NULL && cause != NULL, "a truncated draft is an error with a cause");
	free(cause);
	draft_discard(dir);
	rmdir(dir);
	sb_free(&sb);
	return tap_done();
}
