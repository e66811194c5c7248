/* kling-tui: what the editor does to a storyboard, one call per user
 * action, with no terminal involved (unit tested on their own).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_EDIT_H
#define KT_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "storyboard.h"

/* Every field the form shows. i: shot, image or element index; j: the
 * element's image index. */
enum edit_field {
	EF_MODE,
	EF_MULTI,
	EF_SHOT_TYPE,
	EF_DURATION,
	EF_ASPECT,
	EF_AUDIO,
	EF_IN_COMPLIANCE,
	EF_OUT_COMPLIANCE,
	EF_CALLBACK,
	EF_PROMPT,
	EF_SHOTS,		/* the shots' heading */
	EF_SHOT_DURATION,
	EF_SHOT_PROMPT,
	EF_IMAGES,		/* the images' heading */
	EF_IMAGE,
	EF_ELEMENTS,		/* the elements' heading */
	EF_ELEM_NAME,
	EF_ELEM_DESC,
	EF_ELEM_IMAGE,
	EF_NFIELDS
};

/* How a field is changed. */
enum edit_kind {
	EK_HEADING,	/* a list: add to it */
	EK_CHOICE,	/* Space cycles through fixed values */
	EK_NUMBER,
	EK_TEXT,	/* prompts */
	EK_URL,
	EK_NAME
};

struct edit_ref {
	enum edit_field	f;
	size_t		i, j;
};

enum edit_kind	 edit_kind(enum edit_field);
/* The field's JSON path, as diagnostics name it. */
void		 edit_path(const struct edit_ref *, char *buf, size_t len);
/* Character limit for prompts, 0 for other fields. */
size_t		 edit_limit(enum edit_field);

/* The value as text to edit or show; NULL when absent. For numbers and
 * choices the text is written into buf. */
const char	*edit_get(const struct storyboard *, const struct edit_ref *,
		    char *buf, size_t len);
/* Set from what the user typed: empty text removes the value (an image URL
 * from its list). -1 and *cause when the text does not fit the field. */
int		 edit_set(struct storyboard *, const struct edit_ref *, const char *text,
		    char **cause);
/* The next (dir 1) or previous (-1) value of a choice. -1 and *cause when
 * the field is locked (audio in multi-shot mode). */
int		 edit_cycle(struct storyboard *, const struct edit_ref *, int dir,
		    char **cause);
/* Add a number to a number field. */
int		 edit_bump(struct storyboard *, const struct edit_ref *, long delta);

/* Switch between single-shot, customize and intelligence, carrying the
 * prompt over: the first shot's prompt becomes the single prompt and back. */
void		 edit_set_multi(struct storyboard *, bool on);
void		 edit_set_shot_type(struct storyboard *, const char *type);

/* List operations on the item ref points at (or, on a heading, the list).
 * Each returns the index of the item to focus, or -1 when the list's limit
 * or the item's place forbids it (with *cause). */
int		 edit_add(struct storyboard *, const struct edit_ref *, char **cause);
int		 edit_delete(struct storyboard *, const struct edit_ref *, char **cause);
int		 edit_duplicate(struct storyboard *, const struct edit_ref *, char **cause);
int		 edit_move(struct storyboard *, const struct edit_ref *, int dir, char **cause);

/* Which of those a field allows (the key hints show only these). */
#define EDIT_OP_ADD	0x1
#define EDIT_OP_DELETE	0x2
#define EDIT_OP_DUP	0x4
#define EDIT_OP_MOVE	0x8
unsigned	 edit_ops(enum edit_field);

#endif
