/* kling-tui: the editor's drafts: one per file and process, keyed by the
 * resolved path, atomic save, list, load, adopt, discard.
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
	char dir[] = "/tmp/kt-draft-XXXXXX", *cause = NULL, path[512], file[512];
	char link[512], *real;
	struct storyboard *sb, *back, *other;
	struct draft_info *v;
	time_t before = time(NULL);
	long self = (long)getpid(), dead = 999999999L;
	size_t n;
	struct stat st;

	if (mkdtemp(dir) == NULL)
		return 1;
	v = draft_list(dir, NULL, &n);
	ok(v == NULL && n == 0, "no drafts: an empty list");

	snprintf(file, sizeof file, "%s/story.json", dir);
	snprintf(link, sizeof link, "%s/link.json", dir);
	fclose(fopen(file, "w"));
	ok(symlink("story.json", link) == 0, "a symlink to the file");
	real = draft_resolve(link);
	is_str(real, file, "a path resolves through its symlink");
	free(real);
	ok(chdir(dir) == 0, "into the file's folder");
	real = draft_resolve("story.json");
	is_str(real, file, "a relative path resolves to the absolute one");
	free(real);
	real = draft_resolve("new.json");
	snprintf(path, sizeof path, "%s/new.json", dir);
	is_str(real, path, "so does a file not written yet");
	free(real);

	sb = sb_template("multi-shot-customize");
	sb_set_str(&sb->shots[0].prompt, "雨の中の寺院 @hero");
	is_int(draft_save(dir, sb, "story.json", self, &cause), 0, "a draft saved");
	v = draft_list(dir, link, &n);
	ok(n == 1, "listed under the file's real path, whichever name asks");
	is_str(n == 1 ? v[0].origin : "", file, "the draft remembers the absolute path");
	ok(n == 1 && v[0].pid == self && v[0].alive, "and its process, alive");
	ok(n == 1 && v[0].when >= before - 1, "and when it was written");
	back = n == 1 ? draft_load(dir, &v[0], &cause) : NULL;
	ok(back != NULL && sb_equal(sb, back), "it loads back equal, CJK included");
	sb_free(&back);
	draft_list_free(v, n);

	/* A second process, same file: a draft of its own. */
	other = sb_template("text-to-video");
	is_int(draft_save(dir, other, file, dead, &cause), 0, "another process's draft");
	v = draft_list(dir, file, &n);
	ok(n == 2, "two drafts of one file, neither lost");
	draft_list_free(v, n);
	v = draft_list(dir, "other.json", &n);
	ok(n == 0, "none is listed for another file");
	is_int(draft_save(dir, other, NULL, dead, &cause), 0, "a new storyboard's draft");
	v = draft_list(dir, NULL, &n);
	ok(n == 3, "every draft is listed when no file is named");
	draft_list_free(v, n);

	/* Adopting the dead process's draft makes it ours. */
	draft_discard(dir, file, self);
	v = draft_list(dir, file, &n);
	ok(n == 1 && v[0].pid == dead && !v[0].alive, "a draft of a process gone");
	is_int(n == 1 ? draft_adopt(dir, &v[0], self, &cause) : -1, 0, "adopted");
	draft_list_free(v, n);
	v = draft_list(dir, file, &n);
	ok(n == 1 && v[0].pid == self, "it is now this process's, and only one");
	draft_list_free(v, n);

	/* Atomic: nothing but drafts in the folder. */
	snprintf(path, sizeof path,
	    "ls %s/drafts | grep -v '^[0-9a-fnew]*-[0-9]*\\.\\(json\\|info\\)$' | grep -q .", dir);
	ok(system(path) != 0, "no temporary files are left behind");

	draft_discard(dir, "story.json", self);
	v = draft_list(dir, file, &n);
	ok(n == 0, "discard removes this process's draft");
	v = draft_list(dir, NULL, &n);
	ok(n == 1 && v[0].origin == NULL, "the new storyboard's is still there");
	draft_remove(dir, &v[0]);
	draft_list_free(v, n);
	v = draft_list(dir, NULL, &n);
	ok(n == 0, "remove deletes a listed draft");

	/* A directory that cannot be written: an error, not a crash. */
	snprintf(path, sizeof path, "%s/missing/dir", dir);
	ok(draft_save(path, sb, NULL, self, &cause) == -1 && cause != NULL,
	    "a draft that cannot be written says why");
	free(cause);
	cause = NULL;

	/* A corrupt draft is reported, not taken for no draft. */
	is_int(draft_save(dir, sb, file, self, &cause), 0, "a draft to corrupt");
	v = draft_list(dir, file, &n);
	snprintf(path, sizeof path, "%s/drafts/%s.json", dir, n == 1 ? v[0].key : "");
	{
		FILE *f = fopen(path, "w");

		fputs("{\"model\": ", f);
		fclose(f);
	}
	back = n == 1 ? draft_load(dir, &v[0], &cause) : NULL;
	ok(back == NULL && cause != NULL, "a truncated draft is an error with a cause");
	free(cause);
	draft_list_free(v, n);
	draft_discard(dir, file, self);
	ok(stat(path, &st) == -1, "and can be discarded");
	snprintf(path, sizeof path, "rm -rf %s", dir);
	system(path);
	sb_free(&sb);
	sb_free(&other);
	return tap_done();
}
