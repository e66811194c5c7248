/* kling-tui: what the editor does to a storyboard, one call per user
 * action, with no terminal involved (unit tested on their own).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "vocab.h"
#include "xmalloc.h"
#include "i18n.h"

#define EDIT_MAX_NUMBER 100000


enum edit_kind
edit_kind(enum edit_field f)
{
	switch (f) {
	case EF_SHOTS:
	case EF_IMAGES:
	case EF_ELEMENTS:
		return EK_HEADING;
	case EF_MODE:
	case EF_MULTI:
	case EF_SHOT_TYPE:
	case EF_ASPECT:
	case EF_AUDIO:
	case EF_IN_COMPLIANCE:
	case EF_OUT_COMPLIANCE:
		return EK_CHOICE;
	case EF_DURATION:
	case EF_SHOT_DURATION:
		return EK_NUMBER;
	case EF_CALLBACK:
	case EF_IMAGE:
	case EF_ELEM_IMAGE:
		return EK_URL;
	case EF_ELEM_NAME:
		return EK_NAME;
	default:
		return EK_TEXT;
	}
}

size_t
edit_limit(enum edit_field f)
{
	if (f == EF_PROMPT)
		return SB_PROMPT_MAX_CHARS;
	if (f == EF_SHOT_PROMPT)
		return SB_SHOT_MAX_CHARS;
	return 0;
}

/* The element a row of it refers to, NULL when it is gone. */
static struct sb_element *
edit_element(struct storyboard *sb, const struct edit_ref *r)
{
	return r->i < sb->nelements ? &sb->elements[r->i] : NULL;
}

void
edit_path(const struct edit_ref *r, char *buf, size_t len)
{
	/* Each field's JSON path; %zu are the shot, image or element index
	 * (r->i), then the element's image (r->j). */
	static const char *const paths[EF_NFIELDS] = {
		[EF_MODE] = "input.mode",
		[EF_MULTI] = "input.multi_shots",
		[EF_SHOT_TYPE] = "input.shot_type",
		[EF_DURATION] = "input.duration",
		[EF_ASPECT] = "input.aspect_ratio",
		[EF_AUDIO] = "input.audio",
		[EF_IN_COMPLIANCE] = "input.input_compliance",
		[EF_OUT_COMPLIANCE] = "input.output_compliance",
		[EF_CALLBACK] = "callback_url",
		[EF_PROMPT] = "input.prompt",
		[EF_SHOTS] = "input.multi_prompt",
		[EF_IMAGES] = "input.img_urls",
		[EF_ELEMENTS] = "input.element_list",
		[EF_SHOT_DURATION] = "input.multi_prompt[%zu].duration",
		[EF_SHOT_PROMPT] = "input.multi_prompt[%zu].prompt",
		[EF_IMAGE] = "input.img_urls[%zu]",
		[EF_ELEM_NAME] = "input.element_list[%zu].name",
		[EF_ELEM_DESC] = "input.element_list[%zu].description",
		[EF_ELEM_IMAGE] = "input.element_list[%zu].element_image_urls[%zu]",
	};
	const char *p = (unsigned)r->f < EF_NFIELDS ? paths[r->f] : NULL;

	if (p == NULL)
		p = "";
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	/* Unused indexes are ignored, as C allows. */
	snprintf(buf, len, p, r->i, r->j);
#pragma GCC diagnostic pop
}

static const char *
edit_tri(enum sb_tri t)
{
	return t == SB_UNSET ? NULL : t == SB_TRUE ? "on" : "off";
}

static const char *
edit_number(bool has, long v, char *buf, size_t len)
{
	if (!has)
		return NULL;
	snprintf(buf, len, "%ld", v);
	return buf;
}

const char *
edit_get(const struct storyboard *sb, const struct edit_ref *r, char *buf, size_t len)
{
	const struct sb_element *e;

	switch (r->f) {
	case EF_MODE:		return sb->mode;
	case EF_MULTI:		return edit_tri(sb->multi_shots);
	case EF_SHOT_TYPE:	return sb->shot_type;
	case EF_DURATION:	return edit_number(sb->has_duration, sb->duration, buf, len);
	case EF_ASPECT:		return sb->aspect_ratio;
	case EF_AUDIO:		return edit_tri(sb->audio);
	case EF_IN_COMPLIANCE:	return sb->input_compliance;
	case EF_OUT_COMPLIANCE:	return sb->output_compliance;
	case EF_CALLBACK:	return sb->callback_url;
	case EF_PROMPT:		return sb->prompt;
	case EF_SHOT_DURATION:
		if (r->i >= sb->nshots)
			return NULL;
		return edit_number(sb->shots[r->i].has_duration,
		    sb->shots[r->i].duration, buf, len);
	case EF_SHOT_PROMPT:
		return r->i < sb->nshots ? sb->shots[r->i].prompt : NULL;
	case EF_IMAGE:
		return r->i < sb->img_urls.n ? sb->img_urls.v[r->i] : NULL;
	case EF_ELEM_NAME:
	case EF_ELEM_DESC:
	case EF_ELEM_IMAGE:
		if (r->i >= sb->nelements)
			return NULL;
		e = &sb->elements[r->i];
		if (r->f == EF_ELEM_NAME)
			return e->name;
		if (r->f == EF_ELEM_DESC)
			return e->description;
		return r->j < e->images.n ? e->images.v[r->j] : NULL;
	default:
		return NULL;
	}
}

static int
edit_parse_number(const char *text, bool *has, long *v, char **cause)
{
	char *end;
	long n;

	while (*text == ' ')
		text++;
	if (*text == '\0') {
		*has = false;
		return 0;
	}
	errno = 0;
	n = strtol(text, &end, 10);
	while (*end == ' ' || *end == 's')
		end++;
	if (errno != 0 || *end != '\0' || n < 0 || n > EDIT_MAX_NUMBER) {
		xasprintf(cause, _("'%s' is not a whole number of seconds"), text);
		return -1;
	}
	*has = true;
	*v = n;
	return 0;
}

/* Set entry i of a list of URLs; past the end appends, empty removes. */
static void
edit_set_list(struct sb_strlist *l, bool *has, size_t i, const char *text)
{
	if (*text == '\0') {
		if (i < l->n)
			sb_strlist_remove(l, i);
		return;
	}
	*has = true;
	if (i < l->n)
		sb_set_str(&l->v[i], text);
	else
		sb_strlist_push(l, text);
}

static int
edit_set_value(struct storyboard *sb, const struct edit_ref *r, const char *text,
    char **cause)
{
	struct sb_element *e;
	struct sb_shot *s;

	switch (r->f) {
	case EF_DURATION:
		return edit_parse_number(text, &sb->has_duration, &sb->duration, cause);
	case EF_CALLBACK:
		sb_set_str(&sb->callback_url, *text == '\0' ? NULL : text);
		sb->callback_null = false;
		return 0;
	case EF_PROMPT:
		sb_set_str(&sb->prompt, *text == '\0' ? NULL : text);
		return 0;
	case EF_SHOT_DURATION:
	case EF_SHOT_PROMPT:
		if (r->i >= sb->nshots)
			break;
		s = &sb->shots[r->i];
		if (r->f == EF_SHOT_PROMPT) {
			sb_set_str(&s->prompt, text);
			return 0;
		}
		return edit_parse_number(text, &s->has_duration, &s->duration, cause);
	case EF_IMAGE:
		edit_set_list(&sb->img_urls, &sb->has_img_urls, r->i, text);
		if (sb->img_urls.n == 0)
			sb->has_img_urls = false;	/* text-to-video */
		return 0;
	case EF_ELEM_NAME:
	case EF_ELEM_DESC:
	case EF_ELEM_IMAGE:
		if ((e = edit_element(sb, r)) == NULL)
			break;
		if (r->f == EF_ELEM_NAME)
			sb_set_str(&e->name, text);
		else if (r->f == EF_ELEM_DESC)
			sb_set_str(&e->description, text);
		else
			edit_set_list(&e->images, &e->has_images, r->j, text);
		return 0;
	default:
		break;
	}
	*cause = xstrdup(_("this field is not typed in"));
	return -1;
}

/* The value after cur in v (n entries; with n one past the list, its NULL
 * terminator is a choice too: "unset"). */
static const char *
edit_next(const char *const *v, size_t n, const char *cur, int dir)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((v[i] == NULL && cur == NULL) ||
		    (v[i] != NULL && cur != NULL && strcmp(v[i], cur) == 0))
			break;
	}
	if (i == n)
		return v[0];
	return v[(i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n];
}

static int
edit_cycle_value(struct storyboard *sb, const struct edit_ref *r, int dir, char **cause)
{
	switch (r->f) {
	case EF_MODE:
		sb_set_str(&sb->mode, edit_next(vocab_modes, vocab_count(vocab_modes), sb->mode, dir));
		return 0;
	case EF_MULTI:
		edit_set_multi(sb, sb->multi_shots != SB_TRUE);
		return 0;
	case EF_SHOT_TYPE:
		if (sb->multi_shots != SB_TRUE) {
			*cause = xstrdup(_("the shot type applies only in multi-shot mode"));
			return -1;
		}
		edit_set_shot_type(sb, sb->shot_type != NULL &&
		    strcmp(sb->shot_type, VOCAB_SHOT_CUSTOMIZE) == 0 ?
		    VOCAB_SHOT_INTELLIGENCE : VOCAB_SHOT_CUSTOMIZE);
		return 0;
	case EF_ASPECT:
		sb_set_str(&sb->aspect_ratio,
		    edit_next(vocab_ratios, vocab_count(vocab_ratios) + 1,
		    sb->aspect_ratio, dir));
		return 0;
	case EF_AUDIO:
		if (sb->multi_shots == SB_TRUE) {
			*cause = xstrdup(_("audio is always on in multi-shot mode"));
			return -1;
		}
		sb->audio = sb->audio == SB_TRUE ? SB_FALSE : SB_TRUE;
		return 0;
	case EF_IN_COMPLIANCE:
		sb_set_str(&sb->input_compliance, edit_next(vocab_compliance,
		    vocab_count(vocab_compliance) + 1, sb->input_compliance, dir));
		return 0;
	case EF_OUT_COMPLIANCE:
		sb_set_str(&sb->output_compliance, edit_next(vocab_compliance,
		    vocab_count(vocab_compliance) + 1, sb->output_compliance, dir));
		return 0;
	default:
		*cause = xstrdup(_("this field is typed in: press Enter"));
		return -1;
	}
}

static int
edit_bump_value(struct storyboard *sb, const struct edit_ref *r, long delta)
{
	long *v;
	bool *has;

	if (r->f == EF_DURATION) {
		v = &sb->duration;
		has = &sb->has_duration;
	} else if (r->f == EF_SHOT_DURATION && r->i < sb->nshots) {
		v = &sb->shots[r->i].duration;
		has = &sb->shots[r->i].has_duration;
	} else
		return -1;
	if (!*has) {
		*has = true;
		*v = 0;
	}
	if (*v + delta < 0 || *v + delta > EDIT_MAX_NUMBER)
		return -1;
	*v += delta;
	return 0;
}

/* A field the user set no longer carries what the decoder found in the file
 * there (a wrong type, a duplicate key): the new value replaces it. A list
 * item also settles its list ("input.img_urls" given as a string). */
static int
edit_settled(struct storyboard *sb, const struct edit_ref *r, int rv)
{
	char path[DIAG_PATH_MAX], *bracket;

	if (rv != 0)
		return rv;
	edit_path(r, path, sizeof path);
	sb_forget_findings(sb, path);
	if ((bracket = strrchr(path, '[')) != NULL && strchr(bracket, '.') == NULL) {
		*bracket = '\0';
		sb_forget_findings(sb, path);
	}
	return 0;
}

int
edit_set(struct storyboard *sb, const struct edit_ref *r, const char *text, char **cause)
{
	return edit_settled(sb, r, edit_set_value(sb, r, text, cause));
}

int
edit_cycle(struct storyboard *sb, const struct edit_ref *r, int dir, char **cause)
{
	return edit_settled(sb, r, edit_cycle_value(sb, r, dir, cause));
}

int
edit_bump(struct storyboard *sb, const struct edit_ref *r, long delta)
{
	return edit_settled(sb, r, edit_bump_value(sb, r, delta));
}

static void
edit_drop_shots(struct storyboard *sb)
{
	if (sb->prompt == NULL && sb->nshots > 0 && sb->shots[0].prompt != NULL)
		sb_set_str(&sb->prompt, sb->shots[0].prompt);
	while (sb->nshots > 0)
		sb_shot_delete(sb, sb->nshots - 1);
	sb->has_multi_prompt = false;
}

static void
edit_make_shots(struct storyboard *sb)
{
	if (sb->nshots == 0) {
		sb_shot_add(sb, 0, sb->prompt != NULL ? sb->prompt : "",
		    sb->has_duration ? sb->duration : SB_MIN_DURATION);
		sb_set_str(&sb->prompt, NULL);
	}
	sb->has_multi_prompt = true;
}

void
edit_set_multi(struct storyboard *sb, bool on)
{
	if (on) {
		sb->multi_shots = SB_TRUE;
		/* The service forces it; saying so in the file avoids a
		 * warning about a value that cannot take effect. */
		sb->audio = SB_TRUE;
		if (sb->shot_type == NULL)
			sb_set_str(&sb->shot_type, VOCAB_SHOT_CUSTOMIZE);
		sb->shot_type_null = false;
		if (strcmp(sb->shot_type, VOCAB_SHOT_CUSTOMIZE) == 0)
			edit_make_shots(sb);
		return;
	}
	sb->multi_shots = SB_FALSE;
	edit_drop_shots(sb);
	sb_set_str(&sb->shot_type, NULL);
	sb->shot_type_null = false;
}

void
edit_set_shot_type(struct storyboard *sb, const char *type)
{
	sb_set_str(&sb->shot_type, type);
	sb->shot_type_null = false;
	if (strcmp(type, VOCAB_SHOT_CUSTOMIZE) == 0)
		edit_make_shots(sb);
	else
		edit_drop_shots(sb);
}

static int
edit_refuse(char **cause, const char *why)
{
	*cause = xstrdup(why);
	return -1;
}

int
edit_add(struct storyboard *sb, const struct edit_ref *r, char **cause)
{
	struct sb_element *e;
	size_t at;
	long left;

	switch (r->f) {
	case EF_SHOTS:
	case EF_SHOT_PROMPT:
	case EF_SHOT_DURATION:
		if (sb->nshots >= SB_MAX_SHOTS)
			return edit_refuse(cause, _("a storyboard has at most 6 shots"));
		at = r->f == EF_SHOTS ? sb->nshots : r->i + 1;
		/* A new shot takes the seconds still unassigned. */
		left = (sb->has_duration ? sb->duration : 0) - sb_shots_total(sb);
		sb_shot_add(sb, at, "", left > 0 ? left : 1);
		return (int)at;
	case EF_ELEMENTS:
		if (sb->nelements >= SB_MAX_ELEMENTS)
			return edit_refuse(cause, _("a storyboard has at most 3 elements"));
		sb_element_add(sb, "", "");
		return (int)sb->nelements - 1;
	case EF_ELEM_NAME:
	case EF_ELEM_DESC:
	case EF_ELEM_IMAGE:
		if ((e = edit_element(sb, r)) == NULL)
			break;
		if (e->images.n >= SB_MAX_ELEMENT_IMAGES)
			return edit_refuse(cause, _("an element has at most 4 images"));
		e->has_images = true;
		sb_strlist_push(&e->images, "");
		return (int)e->images.n - 1;
	default:
		break;
	}
	return edit_refuse(cause, _("nothing to add here"));
}

int
edit_delete(struct storyboard *sb, const struct edit_ref *r, char **cause)
{
	struct sb_element *e;

	switch (r->f) {
	case EF_SHOT_PROMPT:
	case EF_SHOT_DURATION:
		if (sb_shot_delete(sb, r->i) == -1)
			break;
		return r->i < sb->nshots ? (int)r->i : (int)sb->nshots - 1;
	case EF_ELEM_NAME:
	case EF_ELEM_DESC:
		if (sb_element_delete(sb, r->i) == -1)
			break;
		if (sb->nelements == 0)
			sb->has_element_list = false;
		return r->i < sb->nelements ? (int)r->i : (int)sb->nelements - 1;
	case EF_ELEM_IMAGE:
		if (r->i >= sb->nelements || r->j >= sb->elements[r->i].images.n)
			break;
		e = &sb->elements[r->i];
		sb_strlist_remove(&e->images, r->j);
		return r->j < e->images.n ? (int)r->j : (int)e->images.n - 1;
	case EF_IMAGE:
		if (r->i >= sb->img_urls.n)
			break;
		sb_strlist_remove(&sb->img_urls, r->i);
		if (sb->img_urls.n == 0)
			sb->has_img_urls = false;
		return (int)r->i;
	default:
		break;
	}
	return edit_refuse(cause, _("nothing to delete here"));
}

int
edit_duplicate(struct storyboard *sb, const struct edit_ref *r, char **cause)
{
	if (r->f != EF_SHOT_PROMPT && r->f != EF_SHOT_DURATION)
		return edit_refuse(cause, _("only shots can be duplicated"));
	if (sb->nshots >= SB_MAX_SHOTS)
		return edit_refuse(cause, _("a storyboard has at most 6 shots"));
	if (sb_shot_duplicate(sb, r->i) == -1)
		return edit_refuse(cause, _("nothing to duplicate here"));
	return (int)r->i + 1;
}

int
edit_move(struct storyboard *sb, const struct edit_ref *r, int dir, char **cause)
{
	size_t n, to;
	int ret;

	switch (r->f) {
	case EF_SHOT_PROMPT:
	case EF_SHOT_DURATION:
		n = sb->nshots;
		break;
	case EF_ELEM_NAME:
	case EF_ELEM_DESC:
		n = sb->nelements;
		break;
	default:
		return edit_refuse(cause, _("only shots and elements move"));
	}
	if (r->i >= n || (dir < 0 && r->i == 0) || (dir > 0 && r->i + 1 >= n))
		return edit_refuse(cause, dir < 0 ? _("already first") : _("already last"));
	to = dir < 0 ? r->i - 1 : r->i + 1;
	if (r->f == EF_SHOT_PROMPT || r->f == EF_SHOT_DURATION)
		ret = sb_shot_move(sb, r->i, to);
	else
		ret = sb_element_move(sb, r->i, to);
	return ret == -1 ? edit_refuse(cause, _("cannot move")) : (int)to;
}

/* Mirrors the cases of edit_add, edit_delete, edit_duplicate and edit_move
 * above; tests/core/test-edit.c checks that each agrees. The images have
 * fixed places (start and end frame): nothing is added to them. */
unsigned
edit_ops(enum edit_field f)
{
	switch (f) {
	case EF_SHOTS:
	case EF_ELEMENTS:
		return EDIT_OP_ADD;
	case EF_SHOT_PROMPT:
	case EF_SHOT_DURATION:
		return EDIT_OP_ADD | EDIT_OP_DELETE | EDIT_OP_DUP | EDIT_OP_MOVE;
	case EF_ELEM_NAME:
	case EF_ELEM_DESC:
		return EDIT_OP_ADD | EDIT_OP_DELETE | EDIT_OP_MOVE;
	case EF_ELEM_IMAGE:
		return EDIT_OP_ADD | EDIT_OP_DELETE;
	case EF_IMAGE:
		return EDIT_OP_DELETE;
	default:
		return 0;
	}
}
