/* kling-tui: the editor's drafts: the autosave, and at start the question
 * about each draft another process left (recover, open the file as it is,
 * delete, or later), as vim asks about a swap file.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "codec.h"
#include "draft.h"
#include "editor.h"
#include "xmalloc.h"

void
editor_drop_draft(struct editor *ed)
{
	if (ed->state_dir != NULL)
		draft_discard(ed->state_dir, ed->path, (long)getpid());
}

void
editor_save_draft(struct editor *ed)
{
	char *cause = NULL;

	if (ed->state_dir == NULL || !ed->draft_dirty)
		return;
	ed->draft_dirty = false;
	/* The text of a field still being typed counts too: a link that
	 * drops mid-sentence must not take the sentence with it. A draft
	 * with nothing unsaved in it (an edit cancelled, undone or saved)
	 * would only bring back what the user threw away. */
	if (!ed->modified && (ed->preview == NULL ||
	    (ed->saved != NULL && sb_equal(ed->preview, ed->saved)))) {
		editor_drop_draft(ed);
		return;
	}
	if (draft_save(ed->state_dir, editor_view(ed), ed->path, (long)getpid(),
	    &cause) == -1) {
		ui_message(_("draft not saved: %s"), cause);
		free(cause);
		ed->draft_dirty = true;
	}
}

static void
editor_offers_done(struct editor *ed)
{
	draft_list_free(ed->offers, ed->noffers);
	ed->offers = NULL;
	ed->noffers = ed->offer_i = 0;
}

/* A draft of a process gone that holds just what its file holds. */
static bool
editor_draft_stale(struct editor *ed, const struct draft_info *d)
{
	struct storyboard *sb, *file;
	char *cause = NULL;
	bool same;

	if (d->alive || d->origin == NULL)
		return false;
	if ((sb = draft_load(ed->state_dir, d, &cause)) == NULL) {
		free(cause);
		return false;
	}
	file = codec_load_file(d->origin, &cause);
	free(cause);
	same = file != NULL && sb_equal(sb, file);
	sb_free(&sb);
	sb_free(&file);
	return same;
}

/* Ask about the next draft, or finish. */
static void
editor_offer_next(struct editor *ed)
{
	const struct draft_info *d = NULL;
	char when[32], more[32] = "";
	struct tm tm;

	for (; ed->offer_i < ed->noffers; ed->offer_i++) {
		d = &ed->offers[ed->offer_i];
		if (!editor_draft_stale(ed, d))
			break;
		draft_remove(ed->state_dir, d);
	}
	if (d == NULL || ed->offer_i == ed->noffers) {
		editor_offers_done(ed);
		return;
	}
	localtime_r(&d->when, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	if (ed->noffers - ed->offer_i > 1)
		/* TRANSLATORS: after the draft asked about, how many more
		 * drafts will be asked about. */
		snprintf(more, sizeof more, ngettext(" (%zu more)", " (%zu more)",
		    ed->noffers - ed->offer_i - 1), ed->noffers - ed->offer_i - 1);
	editor_ask(ed, EP_DRAFT, d->origin != NULL ? "rod" : "rd",
	    _("Draft of %s, %s, process %ld %s%s: [r]ecover %s[d]elete [Esc] later"),
	    d->origin != NULL ? d->origin : _("a new storyboard"), when, d->pid,
	    d->alive ? _("STILL RUNNING") : _("gone"), more,
	    d->origin != NULL ? _("[o]pen file as is ") : "");
}

void
editor_offer_drafts(struct editor *ed)
{
	struct draft_info *v;
	size_t n, i, keep = 0;
	long self = (long)getpid();

	if (ed->state_dir == NULL)
		return;
	v = draft_list(ed->state_dir, ed->path, &n);
	/* With no file named, the drafts of running instances are theirs
	 * to keep; a file named is worth a warning whoever holds it. */
	for (i = 0; i < n; i++) {
		if (v[i].pid == self || (ed->path == NULL && v[i].alive)) {
			free(v[i].key);
			free(v[i].origin);
			continue;
		}
		v[keep++] = v[i];
	}
	if (keep == 0) {
		free(v);
		return;
	}
	ed->offers = v;
	ed->noffers = keep;
	ed->offer_i = 0;
	editor_offer_next(ed);
}

static void
editor_recover(struct editor *ed, const struct draft_info *d)
{
	struct storyboard *sb, *saved = NULL;
	char *cause = NULL;

	if ((sb = draft_load(ed->state_dir, d, &cause)) == NULL) {
		ui_message(_("draft unreadable: %s"), cause);
		free(cause);
		return;
	}
	if (d->origin != NULL && (saved = codec_load_file(d->origin, &cause)) == NULL) {
		free(cause);
		cause = NULL;
	}
	editor_replace(ed, sb, saved, d->origin);
	if (saved != NULL)
		editor_stamp(ed);
	/* Ours now: our autosaves replace it instead of sitting beside it. */
	if (draft_adopt(ed->state_dir, d, (long)getpid(), &cause) == -1) {
		ui_message(_("draft restored, but %s"), cause);
		free(cause);
		return;
	}
	ui_message(_("draft restored"));
}

void
editor_draft_answer(struct editor *ed, int c)
{
	const struct draft_info *d = &ed->offers[ed->offer_i];
	char *cause = NULL;

	switch (c) {
	case 'r':
		editor_recover(ed, d);
		editor_offers_done(ed);
		return;
	case 'o':
		/* The file as it is; the draft stays for later. */
		if (ed->path == NULL && editor_open(ed, d->origin, &cause) == -1) {
			ui_message("%s", cause);
			free(cause);
		}
		editor_offers_done(ed);
		return;
	case 'd':
		draft_remove(ed->state_dir, d);
		break;
	default:
		/* Later: the draft stays, and nothing of ours writes over it. */
		break;
	}
	ed->offer_i++;
	editor_offer_next(ed);
}
