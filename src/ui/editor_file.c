/* kling-tui: the editor's files: open, save, save as, and the
 * questions on the way (replace? save first? changed on disk?).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "codec.h"
#include "editor.h"
#include "field.h"
#include "history.h"
#include "app/loop.h"
#include "xmalloc.h"

/* Replace the storyboard (open, new, restore): a fresh undo history. */
void
editor_replace(struct editor *ed, struct storyboard *sb, struct storyboard *saved,
    const char *path)
{
	/* The storyboard left behind was saved or given up: its draft goes. */
	editor_drop_draft(ed);
	ed->stamped = false;
	sb_free(&ed->sb);
	sb_free(&ed->saved);
	sb_free(&ed->hidden);
	free(ed->broken);
	ed->broken = NULL;
	ed->sb = sb;
	ed->saved = saved;
	free(ed->path);
	ed->path = path != NULL ? xstrdup(path) : NULL;
	history_reset(ed->hist, sb);
	ed->row = ed->col = ed->top = 0;
	memset(&ed->focus, 0, sizeof ed->focus);
	editor_changed(ed, false);
	editor_focus(ed, NULL);
}

int
editor_open(struct editor *ed, const char *path, char **cause)
{
	struct storyboard *sb;
	struct stat st;

	if (stat(path, &st) == -1) {
		/* Like vi: a name that does not exist yet is a new file. */
		editor_replace(ed, sb_new_default(), NULL, path);
		ui_message(_("%s: new file"), path);
		return 0;
	}
	if ((sb = codec_load_file(path, cause)) == NULL)
		return -1;
	editor_replace(ed, sb, sb_clone(sb), path);
	editor_stamp(ed);
	return 0;
}

void
editor_stamp(struct editor *ed)
{
	struct stat st;

	ed->stamped = ed->path != NULL && stat(ed->path, &st) == 0;
	if (ed->stamped) {
		ed->stamp_mtime = st.st_mtim;
		ed->stamp_size = st.st_size;
	}
}

/* Someone else wrote the file since it was opened or saved. */
static bool
editor_changed_outside(const struct editor *ed)
{
	struct stat st;

	if (!ed->stamped || stat(ed->path, &st) == -1)
		return false;
	return st.st_size != ed->stamp_size ||
	    st.st_mtim.tv_sec != ed->stamp_mtime.tv_sec ||
	    st.st_mtim.tv_nsec != ed->stamp_mtime.tv_nsec;
}

void
editor_ask(struct editor *ed, enum editor_pending what, const char *answers,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

void
editor_ask(struct editor *ed, enum editor_pending what, const char *answers,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ed->question, sizeof ed->question, fmt, ap);
	va_end(ap);
	ed->answers = answers;
	ed->pending = what;
	ed->mode = EM_ASK;
	ui_redraw();
}

static bool
editor_write(struct editor *ed, const char *path)
{
	char *cause = NULL, *p, real[PATH_MAX];
	const char *to = path;
	struct stat st;
	size_t errors;

	/* Through a symlink: write its target and keep the link, as vi does
	 * (a rename over the link would replace it with a plain file). */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, real) != NULL)
		to = real;
	if (codec_save_file(ed->sb, to, &cause) == -1) {
		ui_message(_("not saved: %s"), cause);
		free(cause);
		return false;
	}
	editor_drop_draft(ed);
	p = xstrdup(path);
	free(ed->path);
	ed->path = p;
	sb_free(&ed->saved);
	ed->saved = sb_clone(ed->sb);
	ed->modified = false;
	ed->draft_dirty = false;
	loop_timer_stop(ed->autosave);
	editor_drop_draft(ed);
	editor_stamp(ed);
	errors = diag_count(ed->diags, DIAG_ERROR);
	if (errors > 0)
		ui_message(_("saved %s (%zu error%s left)"), p, errors, errors == 1 ? "" : "s");
	else
		ui_message(_("saved %s"), p);
	return true;
}

void
editor_ask_path(struct editor *ed, enum editor_pending what, const char *label,
    const char *initial)
{
	ed->pending = what;
	ed->editing.f = EF_NFIELDS;
	ed->mode = EM_EDIT;
	field_begin(FIELD_PATH, label, initial, 0, NULL, editor_field_done, ed);
}

void
editor_quit_now(struct editor *ed, bool keep_draft)
{
	if (!keep_draft)
		editor_drop_draft(ed);
	loop_timer_stop(ed->autosave);
	ed->draft_dirty = false;
	ed->quit = true;
	loop_break();
}

/* Save to path, asking first when that would replace another file. */
static void
editor_save_to(struct editor *ed, const char *path, bool then_quit)
{
	struct stat st;

	/* A folder is never replaced: asking would only end in a failure. */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		ui_message(_("not saved: %s is a directory: give a file name"), path);
		return;
	}
	if ((ed->path == NULL || strcmp(path, ed->path) != 0) && stat(path, &st) == 0) {
		free(ed->pending_arg);
		ed->pending_arg = xstrdup(path);
		editor_ask(ed, then_quit ? EP_OVERWRITE_QUIT : EP_OVERWRITE, "yn",
		    _("%s exists: replace it? [y/n]"), path);
		return;
	}
	if (editor_write(ed, path) && then_quit)
		editor_quit_now(ed, false);
}

void
editor_save(struct editor *ed, bool then_quit)
{
	if (ed->path == NULL) {
		editor_ask_path(ed, then_quit ? EP_SAVE_AS_QUIT : EP_SAVE_AS, _("Save as:"),
		    "storyboard.json");
		return;
	}
	if (editor_changed_outside(ed)) {
		/* Answered as a replace: y writes pending_arg. */
		free(ed->pending_arg);
		ed->pending_arg = xstrdup(ed->path);
		editor_ask(ed, then_quit ? EP_OVERWRITE_QUIT : EP_OVERWRITE, "yn",
		    _("%s changed on disk since it was opened: save over it? [y/n]"),
		    ed->path);
		return;
	}
	if (editor_write(ed, ed->path) && then_quit)
		editor_quit_now(ed, false);
}

void
editor_answer(struct editor *ed, int c)
{
	enum editor_pending what = ed->pending;

	ed->mode = EM_NORMAL;
	ed->pending = EP_NONE;
	switch (what) {
	case EP_DRAFT:
		editor_draft_answer(ed, c);
		break;
	case EP_QUIT:
		if (c == 'y')
			editor_save(ed, true);
		else if (c == 'n')
			editor_quit_now(ed, false);
		break;
	case EP_OVERWRITE:
	case EP_OVERWRITE_QUIT:
		if (c == 'y' && editor_write(ed, ed->pending_arg) && what == EP_OVERWRITE_QUIT)
			editor_quit_now(ed, false);
		break;
	case EP_OPEN:
		if (c == 'y')
			editor_ask_path(ed, EP_OPEN, _("Open:"), "");
		break;
	case EP_NEW:
		if (c == 'y') {
			ed->mode = EM_MENU;
			ed->menu_sel = 0;
		}
		break;
	default:
		break;
	}
}

/* A file name typed on the status line. */
void
editor_path_done(struct editor *ed, const char *text)
{
	enum editor_pending what = ed->pending;
	char *cause = NULL;

	ed->pending = EP_NONE;
	if (text == NULL || *text == '\0')
		return;
	switch (what) {
	case EP_SAVE_AS:
	case EP_SAVE_AS_QUIT:
		editor_save_to(ed, text, what == EP_SAVE_AS_QUIT);
		break;
	case EP_OPEN:
		if (editor_open(ed, text, &cause) == -1) {
			ui_message("%s", cause);
			free(cause);
		}
		break;
	default:
		break;
	}
}
