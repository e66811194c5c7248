/* kling-tui: the storyboard model, exactly the CreateTask request body.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "storyboard.h"
#include "xmalloc.h"

struct storyboard *
sb_new(void)
{
	struct storyboard *sb = xcalloc(1, sizeof *sb);

	sb->multi_shots = SB_UNSET;
	sb->audio = SB_UNSET;
	sb->load_diags = diag_list_new();
	return sb;
}

struct storyboard *
sb_new_default(void)
{
	struct storyboard *sb = sb_new();

	sb_set_str(&sb->model, SB_MODEL);
	sb->has_input = true;
	sb_set_str(&sb->mode, "std");
	sb->multi_shots = SB_FALSE;
	/* Empty, not a sample sentence: a sample would be saved, counted,
	 * validated clean and sent. The editor shows a dimmed placeholder
	 * (SB_PROMPT_PLACEHOLDER) in its place. */
	sb_set_str(&sb->prompt, "");
	sb->duration = 5;
	sb->has_duration = true;
	sb_set_str(&sb->aspect_ratio, "16:9");
	sb->audio = SB_FALSE;
	return sb;
}

void
sb_set_str(char **field, const char *value)
{
	char *copy = value == NULL ? NULL : xstrdup(value);

	/* Copy first: value may be the field itself. */
	free(*field);
	*field = copy;
}

static char *
sb_dup(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

static bool
sb_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

void
sb_strlist_push(struct sb_strlist *l, const char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrdup(s);
}

void
sb_strlist_remove(struct sb_strlist *l, size_t i)
{
	if (i >= l->n)
		return;
	free(l->v[i]);
	memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof *l->v);
	l->n--;
}

void
sb_strlist_clear(struct sb_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
sb_strlist_copy(struct sb_strlist *dst, const struct sb_strlist *src)
{
	size_t i;

	dst->v = NULL;
	dst->n = 0;
	for (i = 0; i < src->n; i++)
		sb_strlist_push(dst, src->v[i]);
}

static bool
sb_strlist_equal(const struct sb_strlist *a, const struct sb_strlist *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

static void
sb_extras_clear(struct sb_extras *x)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		free(x->v[i].key);
		free(x->v[i].json);
	}
	free(x->v);
	x->v = NULL;
	x->n = 0;
}

static void
sb_extras_copy(struct sb_extras *dst, const struct sb_extras *src)
{
	size_t i;

	dst->v = src->n == 0 ? NULL : xreallocarray(NULL, src->n, sizeof *dst->v);
	dst->n = src->n;
	for (i = 0; i < src->n; i++) {
		dst->v[i].key = xstrdup(src->v[i].key);
		dst->v[i].json = xstrdup(src->v[i].json);
		dst->v[i].bad_type = src->v[i].bad_type;
	}
}

/* The next extra from i on of one kind (unknown or badly typed). */
static size_t
sb_extras_next(const struct sb_extras *x, size_t i, bool bad_type)
{
	while (i < x->n && x->v[i].bad_type != bad_type)
		i++;
	return i;
}

/* Unknown keys compare in order (they are written back in order); a badly
 * typed known key is written back at its field's place, so the order those
 * came in does not count (a file and its saved copy are equal). */
static bool
sb_extras_equal_kind(const struct sb_extras *a, const struct sb_extras *b,
    bool bad_type)
{
	size_t i = 0, j = 0, k;
	const struct sb_extra *e;

	for (;;) {
		i = sb_extras_next(a, i, bad_type);
		j = sb_extras_next(b, j, bad_type);
		if (i == a->n || j == b->n)
			return i == a->n && j == b->n;
		e = &a->v[i];
		if (bad_type) {
			for (k = 0; k < b->n; k++)
				if (b->v[k].bad_type &&
				    strcmp(b->v[k].key, e->key) == 0)
					break;
			if (k == b->n || strcmp(b->v[k].json, e->json) != 0)
				return false;
		} else if (strcmp(e->key, b->v[j].key) != 0 ||
		    strcmp(e->json, b->v[j].json) != 0)
			return false;
		i++;
		j++;
	}
}

static bool
sb_extras_equal(const struct sb_extras *a, const struct sb_extras *b)
{
	return a->n == b->n && sb_extras_equal_kind(a, b, false) &&
	    sb_extras_equal_kind(a, b, true);
}

static void
sb_shot_clear(struct sb_shot *s)
{
	free(s->prompt);
	sb_extras_clear(&s->extra);
	memset(s, 0, sizeof *s);
}

static void
sb_shot_copy(struct sb_shot *dst, const struct sb_shot *src)
{
	*dst = *src;
	dst->prompt = sb_dup(src->prompt);
	sb_extras_copy(&dst->extra, &src->extra);
}

static bool
sb_shot_equal(const struct sb_shot *a, const struct sb_shot *b)
{
	return sb_streq(a->prompt, b->prompt) &&
	    a->has_duration == b->has_duration &&
	    (!a->has_duration || a->duration == b->duration) &&
	    sb_extras_equal(&a->extra, &b->extra);
}

static void
sb_element_clear(struct sb_element *e)
{
	free(e->name);
	free(e->description);
	sb_strlist_clear(&e->images);
	sb_extras_clear(&e->extra);
	memset(e, 0, sizeof *e);
}

static void
sb_element_copy(struct sb_element *dst, const struct sb_element *src)
{
	*dst = *src;
	dst->name = sb_dup(src->name);
	dst->description = sb_dup(src->description);
	sb_strlist_copy(&dst->images, &src->images);
	sb_extras_copy(&dst->extra, &src->extra);
}

static bool
sb_element_equal(const struct sb_element *a, const struct sb_element *b)
{
	return sb_streq(a->name, b->name) &&
	    sb_streq(a->description, b->description) &&
	    a->has_images == b->has_images &&
	    sb_strlist_equal(&a->images, &b->images) &&
	    sb_extras_equal(&a->extra, &b->extra);
}

void
sb_free(struct storyboard **sbp)
{
	struct storyboard *sb = *sbp;
	size_t i;

	if (sb == NULL)
		return;
	free(sb->model);
	free(sb->callback_url);
	free(sb->mode);
	free(sb->shot_type);
	free(sb->prompt);
	for (i = 0; i < sb->nshots; i++)
		sb_shot_clear(&sb->shots[i]);
	free(sb->shots);
	sb_strlist_clear(&sb->img_urls);
	for (i = 0; i < sb->nelements; i++)
		sb_element_clear(&sb->elements[i]);
	free(sb->elements);
	free(sb->aspect_ratio);
	free(sb->input_compliance);
	free(sb->output_compliance);
	sb_extras_clear(&sb->extra);
	sb_extras_clear(&sb->input_extra);
	diag_list_free(&sb->load_diags);
	free(sb);
	*sbp = NULL;
}

struct storyboard *
sb_clone(const struct storyboard *src)
{
	struct storyboard *sb = xmalloc(sizeof *sb);
	size_t i;

	*sb = *src;
	sb->model = sb_dup(src->model);
	sb->callback_url = sb_dup(src->callback_url);
	sb->mode = sb_dup(src->mode);
	sb->shot_type = sb_dup(src->shot_type);
	sb->prompt = sb_dup(src->prompt);
	sb->shots = src->nshots == 0 ? NULL :
	    xreallocarray(NULL, src->nshots, sizeof *sb->shots);
	for (i = 0; i < src->nshots; i++)
		sb_shot_copy(&sb->shots[i], &src->shots[i]);
	sb_strlist_copy(&sb->img_urls, &src->img_urls);
	sb->elements = src->nelements == 0 ? NULL :
	    xreallocarray(NULL, src->nelements, sizeof *sb->elements);
	for (i = 0; i < src->nelements; i++)
		sb_element_copy(&sb->elements[i], &src->elements[i]);
	sb->aspect_ratio = sb_dup(src->aspect_ratio);
	sb->input_compliance = sb_dup(src->input_compliance);
	sb->output_compliance = sb_dup(src->output_compliance);
	sb_extras_copy(&sb->extra, &src->extra);
	sb_extras_copy(&sb->input_extra, &src->input_extra);
	sb->load_diags = diag_list_new();
	diag_append(sb->load_diags, src->load_diags);
	return sb;
}

static size_t
sb_str_bytes(const char *s)
{
	return s != NULL ? strlen(s) + 1 : 0;
}

static size_t
sb_strlist_bytes(const struct sb_strlist *l)
{
	size_t i, n = l->n * sizeof *l->v;

	for (i = 0; i < l->n; i++)
		n += sb_str_bytes(l->v[i]);
	return n;
}

static size_t
sb_extras_bytes(const struct sb_extras *x)
{
	size_t i, n = x->n * sizeof *x->v;

	for (i = 0; i < x->n; i++)
		n += sb_str_bytes(x->v[i].key) + sb_str_bytes(x->v[i].json);
	return n;
}

size_t
sb_bytes(const struct storyboard *sb)
{
	size_t i, n = sizeof *sb;

	n += sb_str_bytes(sb->model) + sb_str_bytes(sb->callback_url) +
	    sb_str_bytes(sb->mode) + sb_str_bytes(sb->shot_type) +
	    sb_str_bytes(sb->prompt) + sb_str_bytes(sb->aspect_ratio) +
	    sb_str_bytes(sb->input_compliance) + sb_str_bytes(sb->output_compliance);
	for (i = 0; i < sb->nshots; i++) {
		n += sizeof *sb->shots + sb_str_bytes(sb->shots[i].prompt) +
		    sb_extras_bytes(&sb->shots[i].extra);
	}
	for (i = 0; i < sb->nelements; i++) {
		n += sizeof *sb->elements + sb_str_bytes(sb->elements[i].name) +
		    sb_str_bytes(sb->elements[i].description) +
		    sb_strlist_bytes(&sb->elements[i].images) +
		    sb_extras_bytes(&sb->elements[i].extra);
	}
	n += sb_strlist_bytes(&sb->img_urls) + sb_extras_bytes(&sb->extra) +
	    sb_extras_bytes(&sb->input_extra);
	if (sb->load_diags != NULL)
		n += sb->load_diags->n * sizeof *sb->load_diags->v;
	return n;
}

/* The content a request would carry; load_diags are findings, not content. */
bool
sb_equal(const struct storyboard *a, const struct storyboard *b)
{
	size_t i;

	if (!sb_streq(a->model, b->model) ||
	    !sb_streq(a->callback_url, b->callback_url) ||
	    a->callback_null != b->callback_null ||
	    a->has_input != b->has_input ||
	    !sb_streq(a->mode, b->mode) ||
	    a->multi_shots != b->multi_shots ||
	    !sb_streq(a->shot_type, b->shot_type) ||
	    a->shot_type_null != b->shot_type_null ||
	    !sb_streq(a->prompt, b->prompt) ||
	    a->has_multi_prompt != b->has_multi_prompt ||
	    a->nshots != b->nshots ||
	    a->has_img_urls != b->has_img_urls ||
	    !sb_strlist_equal(&a->img_urls, &b->img_urls) ||
	    a->has_element_list != b->has_element_list ||
	    a->nelements != b->nelements ||
	    a->has_duration != b->has_duration ||
	    (a->has_duration && a->duration != b->duration) ||
	    !sb_streq(a->aspect_ratio, b->aspect_ratio) ||
	    a->audio != b->audio ||
	    !sb_streq(a->input_compliance, b->input_compliance) ||
	    !sb_streq(a->output_compliance, b->output_compliance) ||
	    !sb_extras_equal(&a->extra, &b->extra) ||
	    !sb_extras_equal(&a->input_extra, &b->input_extra))
		return false;
	for (i = 0; i < a->nshots; i++)
		if (!sb_shot_equal(&a->shots[i], &b->shots[i]))
			return false;
	for (i = 0; i < a->nelements; i++)
		if (!sb_element_equal(&a->elements[i], &b->elements[i]))
			return false;
	return true;
}

/* Move one item of an array of n items of size sz from one index to another,
 * shifting those between. */
static void
sb_array_move(void *base, size_t sz, size_t from, size_t to)
{
	char *b = base, tmp[sizeof(struct sb_element) > sizeof(struct sb_shot) ?
	    sizeof(struct sb_element) : sizeof(struct sb_shot)];

	if (from == to)
		return;
	memcpy(tmp, b + from * sz, sz);
	if (from < to)
		memmove(b + from * sz, b + (from + 1) * sz, (to - from) * sz);
	else
		memmove(b + (to + 1) * sz, b + to * sz, (from - to) * sz);
	memcpy(b + to * sz, tmp, sz);
}

static struct sb_shot *
sb_shot_insert(struct storyboard *sb, size_t at)
{
	sb->shots = xreallocarray(sb->shots, sb->nshots + 1, sizeof *sb->shots);
	memmove(&sb->shots[at + 1], &sb->shots[at],
	    (sb->nshots - at) * sizeof *sb->shots);
	sb->nshots++;
	sb->has_multi_prompt = true;
	memset(&sb->shots[at], 0, sizeof *sb->shots);
	return &sb->shots[at];
}

int
sb_shot_add(struct storyboard *sb, size_t at, const char *prompt, long duration)
{
	struct sb_shot *s;

	if (at > sb->nshots || sb->nshots >= SB_MAX_SHOTS)
		return -1;
	s = sb_shot_insert(sb, at);
	s->prompt = sb_dup(prompt);
	s->duration = duration;
	s->has_duration = true;
	return 0;
}

int
sb_shot_delete(struct storyboard *sb, size_t i)
{
	if (i >= sb->nshots)
		return -1;
	sb_shot_clear(&sb->shots[i]);
	memmove(&sb->shots[i], &sb->shots[i + 1],
	    (sb->nshots - i - 1) * sizeof *sb->shots);
	sb->nshots--;
	return 0;
}

int
sb_shot_duplicate(struct storyboard *sb, size_t i)
{
	struct sb_shot copy;

	if (i >= sb->nshots || sb->nshots >= SB_MAX_SHOTS)
		return -1;
	sb_shot_copy(&copy, &sb->shots[i]);
	*sb_shot_insert(sb, i + 1) = copy;
	return 0;
}

int
sb_shot_move(struct storyboard *sb, size_t from, size_t to)
{
	if (from >= sb->nshots || to >= sb->nshots)
		return -1;
	sb_array_move(sb->shots, sizeof *sb->shots, from, to);
	return 0;
}

long
sb_shots_total(const struct storyboard *sb)
{
	long total = 0;
	size_t i;

	for (i = 0; i < sb->nshots; i++)
		if (sb->shots[i].has_duration)
			total += sb->shots[i].duration;
	return total;
}

int
sb_element_add(struct storyboard *sb, const char *name, const char *description)
{
	struct sb_element *e;

	if (sb->nelements >= SB_MAX_ELEMENTS)
		return -1;
	sb->elements = xreallocarray(sb->elements, sb->nelements + 1,
	    sizeof *sb->elements);
	e = &sb->elements[sb->nelements++];
	memset(e, 0, sizeof *e);
	e->name = sb_dup(name);
	e->description = sb_dup(description);
	/* Written as an empty list so that the file shows where images go. */
	e->has_images = true;
	sb->has_element_list = true;
	return 0;
}

int
sb_element_delete(struct storyboard *sb, size_t i)
{
	if (i >= sb->nelements)
		return -1;
	sb_element_clear(&sb->elements[i]);
	memmove(&sb->elements[i], &sb->elements[i + 1],
	    (sb->nelements - i - 1) * sizeof *sb->elements);
	sb->nelements--;
	return 0;
}

int
sb_element_move(struct storyboard *sb, size_t from, size_t to)
{
	if (from >= sb->nelements || to >= sb->nelements)
		return -1;
	sb_array_move(sb->elements, sizeof *sb->elements, from, to);
	return 0;
}

static void
sb_extras_drop(struct sb_extras *x, const char *key)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		if (strcmp(x->v[i].key, key) != 0)
			continue;
		free(x->v[i].key);
		free(x->v[i].json);
		memmove(&x->v[i], &x->v[i + 1], (x->n - i - 1) * sizeof *x->v);
		x->n--;
		i--;
	}
}

struct storyboard *
sb_effective(const struct storyboard *src)
{
	struct storyboard *sb = sb_clone(src);

	if (sb->multi_shots == SB_TRUE)
		sb->audio = SB_TRUE;
	else if (sb->multi_shots == SB_FALSE) {
		sb_set_str(&sb->shot_type, NULL);
		sb->shot_type_null = false;
		sb_extras_drop(&sb->input_extra, "shot_type");
	}
	return sb;
}

/* The examples of the API page, as data. */
struct sb_tmpl_shot {
	const char	*prompt;
	long		 duration;
};

struct sb_tmpl {
	const char		*name;
	const char		*mode;
	enum sb_tri		 multi_shots;
	const char		*shot_type;
	const char		*prompt;
	const char		*img_urls[2];
	struct sb_tmpl_shot	 shots[2];
	const char		*element[2];	/* name, description */
	const char		*element_images[2];
	long			 duration;
	const char		*aspect_ratio;
};

static const struct sb_tmpl sb_tmpls[] = {
	{ "text-to-video", "std", SB_FALSE, NULL,
	  "An astronaut floats alone in deep space, Earth glowing blue behind "
	  "them, camera slowly rotating around their helmet reflecting the stars.",
	  { NULL, NULL }, { { NULL, 0 }, { NULL, 0 } }, { NULL, NULL },
	  { NULL, NULL }, 10, "16:9" },
	{ "image-to-video", "std", SB_FALSE, NULL,
	  "Cinematic drone footage of a dragon made of living fire soaring over a "
	  "frozen Nordic fjord at twilight.",
	  { "start_image.jpg", NULL },
	  { { NULL, 0 }, { NULL, 0 } }, { NULL, NULL }, { NULL, NULL }, 15, NULL },
	{ "multi-shot-customize", "pro", SB_TRUE, "customize", NULL,
	  { "reference-start.jpg", NULL },
	  { { "Wide shot of the explorer entering a ruined temple.", 4 },
	    { "Medium shot as the explorer lifts a glowing relic and dust falls "
	      "from the ceiling.", 6 } },
	  { NULL, NULL }, { NULL, NULL }, 10, NULL },
	{ "multi-shot-intelligence", "std", SB_TRUE, "intelligence",
	  "A lone samurai walks through a rainy cyberpunk city, neon reflections "
	  "glowing on wet streets, cinematic atmosphere, dramatic camera "
	  "transitions.",
	  { "reference-start.jpg", NULL },
	  { { NULL, 0 }, { NULL, 0 } }, { NULL, NULL }, { NULL, NULL }, 10, NULL },
	{ "elements", "pro", SB_FALSE, NULL,
	  "In a bright rehearsal room, sunlight streams through the window "
	  "@element_dog",
	  { "reference_room.png", NULL },
	  { { NULL, 0 }, { NULL, 0 } }, { "element_dog", "dog" },
	  { "element_dog_1.png",
	    "element_dog_2.png" }, 10, NULL },
};

const char *const sb_template_names[] = {
	"text-to-video", "image-to-video", "multi-shot-customize",
	"multi-shot-intelligence", "elements", NULL
};

struct storyboard *
sb_template(const char *name)
{
	return sb_template_at(name, NULL);
}

static void
sb_template_image(struct sb_strlist *l, const char *base, const char *file)
{
	char *url;

	xasprintf(&url, "%s%s", base != NULL ? base : SB_TEMPLATE_IMAGES, file);
	sb_strlist_push(l, url);
	free(url);
}

struct storyboard *
sb_template_at(const char *name, const char *image_base)
{
	const struct sb_tmpl *t = NULL;
	struct storyboard *sb;
	size_t i;

	for (i = 0; i < sizeof sb_tmpls / sizeof sb_tmpls[0]; i++)
		if (strcmp(sb_tmpls[i].name, name) == 0)
			t = &sb_tmpls[i];
	if (t == NULL)
		return NULL;

	sb = sb_new();
	sb_set_str(&sb->model, SB_MODEL);
	sb->has_input = true;
	sb_set_str(&sb->mode, t->mode);
	sb->multi_shots = t->multi_shots;
	sb_set_str(&sb->shot_type, t->shot_type);
	sb_set_str(&sb->prompt, t->prompt);
	for (i = 0; i < 2 && t->img_urls[i] != NULL; i++)
		sb_template_image(&sb->img_urls, image_base, t->img_urls[i]);
	sb->has_img_urls = sb->img_urls.n != 0;
	for (i = 0; i < 2 && t->shots[i].prompt != NULL; i++)
		sb_shot_add(sb, i, t->shots[i].prompt, t->shots[i].duration);
	if (t->element[0] != NULL) {
		sb_element_add(sb, t->element[0], t->element[1]);
		for (i = 0; i < 2 && t->element_images[i] != NULL; i++)
			sb_template_image(&sb->elements[0].images, image_base,
			    t->element_images[i]);
	}
	sb->duration = t->duration;
	sb->has_duration = true;
	sb_set_str(&sb->aspect_ratio, t->aspect_ratio);
	sb->audio = SB_TRUE;
	return sb;
}

/* The extras that would hold the key a field path ends in: the top level,
 * input, one shot or one element; NULL for a path into a list. */
static struct sb_extras *
sb_extras_at(struct storyboard *sb, const char *path, const char **key)
{
	const char *p;
	char *end;
	size_t i;
	bool shot;

	if (strncmp(path, "input.", 6) != 0) {
		*key = path;
		return strpbrk(path, ".[") == NULL ? &sb->extra : NULL;
	}
	p = path + 6;
	if (strncmp(p, "multi_prompt[", 13) != 0 && strncmp(p, "element_list[", 13) != 0) {
		*key = p;
		return strpbrk(p, ".[") == NULL ? &sb->input_extra : NULL;
	}
	shot = *p == 'm';
	i = strtoul(p + 13, &end, 10);
	if (end[0] != ']' || end[1] != '.' || strpbrk(end + 2, ".[") != NULL)
		return NULL;
	*key = end + 2;
	if (shot)
		return i < sb->nshots ? &sb->shots[i].extra : NULL;
	return i < sb->nelements ? &sb->elements[i].extra : NULL;
}

void
sb_forget_findings(struct storyboard *sb, const char *path)
{
	struct diag_list *d = sb->load_diags;
	struct sb_extras *x;
	const char *key, *p;
	size_t i, k, n = strlen(path);

	for (i = k = 0; i < d->n; i++) {
		p = d->v[i].path;
		if (strncmp(p, path, n) == 0 &&
		    (p[n] == '\0' || p[n] == '.' || p[n] == '['))
			continue;
		d->v[k++] = d->v[i];
	}
	d->n = k;
	if ((x = sb_extras_at(sb, path, &key)) != NULL)
		sb_extras_drop(x, key);
}
