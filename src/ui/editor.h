/* kling-tui: the storyboard editor screen.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_EDITOR_H
#define KT_EDITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "diag.h"
#include "draft.h"
#include "edit.h"
#include "storyboard.h"
#include "ui.h"

/* The form: one line per row, each with one or two cells. */
enum form_row_kind { FR_TITLE, FR_CELLS, FR_TIMELINE };

struct form_cell {
	struct edit_ref	 ref;
	char		 path[DIAG_PATH_MAX];
	const char	*label;
	int		 label_w;
	int		 width;		/* 0: the rest of the row */
	int		 sev;		/* -1, or the worst diag_severity here */
};

struct form_row {
	enum form_row_kind	 kind;
	const char		*title;
	struct form_cell	 cells[2];
	size_t			 ncells;
};

struct form {
	struct form_row	*rows;
	size_t		 n, cap;
};

enum editor_pending {
	EP_NONE,
	EP_SAVE_AS,
	EP_SAVE_AS_QUIT,
	EP_OPEN,
	EP_NEW,
	EP_QUIT,
	EP_OVERWRITE,		/* replace pending_arg (another file, or this one
				 * changed on disk)? */
	EP_OVERWRITE_QUIT,
	EP_DRAFT
};

enum editor_mode {
	EM_NORMAL,
	EM_EDIT,	/* a field is being typed */
	EM_ASK,		/* a question on the status line */
	EM_MENU,	/* choosing a template */
	EM_DIAGS	/* moving in the diagnostics pane */
};

struct editor {
	struct storyboard	*sb;
	struct storyboard	*saved;		/* as in the file; NULL: never saved */
	struct storyboard	*preview;	/* sb with the field being typed applied */
	struct history		*hist;
	struct diag_list	*diags;
	char			*path;		/* NULL: a new storyboard */
	char			*state_dir;	/* where the draft goes; NULL: none */
	char			*image_base;	/* templates' images (--demo: the
						 * simulator's); NULL: the API page's */
	bool			 modified;
	bool			 draft_dirty;
	struct loop_timer	*autosave;

	struct form		 form;
	size_t			 row, col;	/* focus */
	struct edit_ref		 focus;		/* kept across rebuilds */
	size_t			 top;		/* first row shown */

	enum editor_mode	 mode;
	size_t			 diag_sel;
	size_t			 menu_sel;
	char			 question[256];
	const char		*answers;	/* keys accepted, e.g. "yn" */
	struct edit_ref		 editing;	/* the cell being typed in */
	bool			 editing_new;	/* an item added for this edit */
	enum editor_pending	 pending;	/* what to do after a question */
	char			*pending_arg;

	struct storyboard	*hidden;	/* shots a mode change hid */
	char			*broken;	/* E's text that did not parse */

	struct draft_info	*offers;	/* drafts found at start */
	size_t			 noffers;
	size_t			 offer_i;	/* the one being asked about */

	bool			 stamped;	/* the file as opened or saved: */
	struct timespec		 stamp_mtime;	/* to tell an outside change */
	off_t			 stamp_size;

	bool			 show_picture;	/* 'p': the image over the form */

	struct ui_screen	 screen;
	bool			 quit;
};

/* Submitting belongs to the dashboard: it sets this hook; 's' calls it. */
extern void (*editor_submit_hook)(struct editor *);

struct editor	*editor_new(const char *state_dir);
void		 editor_free(struct editor **);
/* Open a file (a missing file becomes a new storyboard with that name).
 * -1 and *cause when it exists but cannot be read or parsed. */
int		 editor_open(struct editor *, const char *path, char **cause);
/* editor_draft.c: at start, ask about the drafts left by other processes:
 * of the file opened, or (no file named) every draft whose process is gone. */
void		 editor_offer_drafts(struct editor *);
void		 editor_draft_answer(struct editor *, int answer);
/* Save this process's draft now if anything is unsaved, else remove it. */
void		 editor_save_draft(struct editor *);
/* Remove this process's draft of the file being edited. */
void		 editor_drop_draft(struct editor *);
/* What the screen shows: the model, or its preview while a field is typed. */
#define editor_view(ed) ((ed)->preview != NULL ? (ed)->preview : (ed)->sb)
/* The model changed: check the rules, rebuild the form, record for undo,
 * schedule the autosave. */
void		 editor_changed(struct editor *, bool record);
const struct ui_screen *editor_screen(struct editor *);

/* editor.c, for editor_file.c */
void		 editor_focus(struct editor *, const struct edit_ref *);
void		 editor_field_done(void *, const char *);

/* editor_file.c */
void		 editor_replace(struct editor *, struct storyboard *sb,
		    struct storyboard *saved, const char *path);
void		 editor_ask(struct editor *, enum editor_pending, const char *answers,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void		 editor_ask_path(struct editor *, enum editor_pending, const char *label,
		    const char *initial);
void		 editor_answer(struct editor *, int answer);
void		 editor_path_done(struct editor *, const char *text);
void		 editor_save(struct editor *, bool then_quit);
void		 editor_quit_now(struct editor *, bool keep_draft);
/* Remember the file's time and size, to tell when it changes outside. */
void		 editor_stamp(struct editor *);

/* editor_shots.c: after a change of multi-shot or shot type (before: the
 * storyboard until then, handed over): keep the shots it hid, or bring
 * them back. */
void		 editor_shots_follow(struct editor *, struct storyboard *before);

/* editor_text.c: E, the whole storyboard as JSON in $VISUAL. */
void		 editor_edit_text(struct editor *);

/* form.c */
void		 form_build(struct form *, const struct storyboard *, const struct diag_list *);
void		 form_free(struct form *);
bool		 form_find(const struct form *, const struct edit_ref *, size_t *row,
		    size_t *col);
bool		 form_focusable(const struct form_row *);
void		 form_diag_target(const struct form *, const char *path, size_t *row,
		    size_t *col);
void		 form_draw(struct editor *, WINDOW *, int y, int h, int w, int *cy, int *cx);

/* timeline.c */
void		 timeline_draw(WINDOW *, int y, int x, int w, const struct storyboard *);

/* diagpane.c */
int		 diagpane_height(const struct editor *, int rows);
void		 diagpane_draw(struct editor *, WINDOW *, int y, int h, int w);

/* wrap.c: lay s out from column x of line y, then on whole lines below,
 * broken at spaces, in at most max lines; draws only when w is not NULL.
 * Returns the lines used. */
int		 wrap_text(WINDOW *, int y, int x, int width, attr_t, const char *s,
		    int max);

/* preview.c: the focused prompt whole, wrapped, under the form, when it
 * is too long for its row. */
int		 preview_height(const struct editor *, int rows, int cols);
void		 preview_draw(struct editor *, WINDOW *, int y, int h, int cols);

/* picture_pane.c: the focused image row's picture, beside the form (a
 * width > 0 when there is room) or over it ('p'). */
const char	*picture_pane_url(const struct editor *);
int		 picture_pane_width(const struct editor *, int cols);
void		 picture_pane_draw(struct editor *, WINDOW *, int y, int x, int h, int w);

/* status.c */
/* Lines the status needs at width w: a long question or message wraps. */
int		 status_height(const struct editor *, int w);
void		 status_draw(struct editor *, WINDOW *, int y, int h, int w, int *cy, int *cx);

/* help.c */
void		 help_show(void);

/* extedit.c: edit text in $VISUAL/$EDITOR; the new text, or NULL with
 * *cause (NULL when the user left it unchanged). */
char		*extedit_run(const char *text, char **cause);
/* Run command (split by the shell, as $EDITOR is) on path with the
 * terminal handed over, and wait: 0, or -1 and *cause. */
int		 extedit_exec(const char *command, const char *path, char **cause);

#endif
