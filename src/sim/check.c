/* kling-sim: checking a CreateTask body against the API page
 * (kling-v3-create-task.zh.txt), written from the page and not from the
 * client: the fields and their types in tables, the page's cross-field rules
 * below them. It shares no rule with libcore's rules.c, so that a 422 test
 * checks the client against the page, not against itself.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

/* The page's numbers. */
#define CK_MIN_DURATION	3	/* "3 到 15 秒" */
#define CK_MAX_DURATION	15
#define CK_MAX_SHOTS	6	/* "最多可定义 6 个镜头" */
#define CK_MIN_SHOT	1	/* "每个镜头时长至少为 1 秒" */
#define CK_MAX_ELEMENTS	3	/* "element_list 最多支持 3 个元素" */
#define CK_MAX_REFS	4	/* "每个元素可接收 1 到 4 张参考图片" */
#define CK_MAX_ERRORS	20	/* in one message */

enum ck_type { CK_STRING, CK_BOOL, CK_INT, CK_STRINGS, CK_OBJECTS, CK_OBJECT };

struct ck_field {
	const char		*key;
	enum ck_type		 type;
	int			 nullable;	/* null allowed (the page sets it) */
	const char *const	*choices;	/* NULL: any value of the type */
};

static const char *const ck_models[] = { "kling/v3", NULL };
static const char *const ck_modes[] = { "std", "pro", NULL };
static const char *const ck_shot_types[] = { "customize", "intelligence", NULL };

static const struct ck_field ck_top[] = {
	{ "model", CK_STRING, 0, ck_models },
	{ "callback_url", CK_STRING, 1, NULL },
	{ "input", CK_OBJECT, 0, NULL },
	{ NULL, 0, 0, NULL }
};
static const struct ck_field ck_in[] = {
	{ "mode", CK_STRING, 0, ck_modes },
	{ "multi_shots", CK_BOOL, 0, NULL },
	{ "shot_type", CK_STRING, 1, ck_shot_types },
	{ "prompt", CK_STRING, 0, NULL },
	{ "img_urls", CK_STRINGS, 0, NULL },
	{ "multi_prompt", CK_OBJECTS, 0, NULL },
	{ "element_list", CK_OBJECTS, 0, NULL },
	{ "duration", CK_INT, 0, NULL },
	{ "aspect_ratio", CK_STRING, 0, NULL },
	{ "audio", CK_BOOL, 0, NULL },
	{ "input_compliance", CK_STRING, 0, NULL },
	{ "output_compliance", CK_STRING, 0, NULL },
	{ NULL, 0, 0, NULL }
};
static const struct ck_field ck_shot[] = {
	{ "prompt", CK_STRING, 0, NULL },
	{ "duration", CK_INT, 0, NULL },
	{ NULL, 0, 0, NULL }
};
static const struct ck_field ck_element[] = {
	{ "name", CK_STRING, 0, NULL },
	{ "description", CK_STRING, 0, NULL },
	{ "element_image_urls", CK_STRINGS, 0, NULL },
	{ NULL, 0, 0, NULL }
};

static const char *const ck_type_names[] = {
	"a string", "true or false", "an integer", "an array of strings",
	"an array of objects", "an object"
};

/* The errors found, joined by "; " into one 422 message. */
struct ck {
	char	*msg;
	size_t	 n;
};

static void __attribute__((format(printf, 3, 4)))
ck_error(struct ck *ck, const char *path, const char *fmt, ...)
{
	char text[256], *next;
	va_list ap;

	if (ck->n++ >= CK_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	xasprintf(&next, "%s%s%s: %s", ck->msg != NULL ? ck->msg : "",
	    ck->msg != NULL ? "; " : "", path, text);
	free(ck->msg);
	ck->msg = next;
}

static int
ck_is_int(const cJSON *v)
{
	return cJSON_IsNumber(v) && v->valuedouble == floor(v->valuedouble) &&
	    fabs(v->valuedouble) < 1e9;
}

static int
ck_all(const cJSON *v, cJSON_bool (*is)(const cJSON *))
{
	const cJSON *c;

	for (c = v->child; c != NULL; c = c->next)
		if (!is(c))
			return 0;
	return 1;
}

static int
ck_type_ok(const cJSON *v, enum ck_type t)
{
	switch (t) {
	case CK_STRING:	return cJSON_IsString(v);
	case CK_BOOL:	return cJSON_IsBool(v);
	case CK_INT:	return ck_is_int(v);
	case CK_STRINGS: return cJSON_IsArray(v) && ck_all(v, cJSON_IsString);
	case CK_OBJECTS: return cJSON_IsArray(v) && ck_all(v, cJSON_IsObject);
	case CK_OBJECT:	return cJSON_IsObject(v);
	}
	return 0;
}

/* Each field of the table present in obj: its type and its choices. */
static void
ck_fields(struct ck *ck, const cJSON *obj, const char *path,
    const struct ck_field *t)
{
	char sub[128];
	const cJSON *v;
	size_t i;

	for (; t->key != NULL; t++) {
		if ((v = cJSON_GetObjectItemCaseSensitive(obj, t->key)) == NULL ||
		    (t->nullable && cJSON_IsNull(v)))
			continue;
		snprintf(sub, sizeof sub, "%s%s%s", path, *path != '\0' ? "." : "",
		    t->key);
		if (!ck_type_ok(v, t->type)) {
			ck_error(ck, sub, "must be %s", ck_type_names[t->type]);
			continue;
		}
		for (i = 0; t->choices != NULL && t->choices[i] != NULL; i++)
			if (strcmp(v->valuestring, t->choices[i]) == 0)
				break;
		if (t->choices != NULL && t->choices[i] == NULL)
			ck_error(ck, sub, "is not one of the allowed values");
	}
}

static int
ck_key_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Duplicate keys anywhere: a JSON parser keeps one of them, the page's
 * service cannot be assumed to keep the same one. Sorted: n log n. */
static void
ck_duplicates(struct ck *ck, const cJSON *v, const char *path)
{
	char sub[128], **keys;
	const cJSON *c;
	size_t n = 0, i;

	for (c = v->child; c != NULL; c = c->next)
		n++;
	if (cJSON_IsObject(v) && n > 1) {
		keys = xreallocarray(NULL, n, sizeof *keys);
		for (c = v->child, i = 0; c != NULL; c = c->next)
			keys[i++] = c->string;
		qsort(keys, n, sizeof *keys, ck_key_cmp);
		for (i = 1; i < n; i++)
			if (strcmp(keys[i - 1], keys[i]) == 0)
				ck_error(ck, *path != '\0' ? path : "(top)",
				    "duplicate key \"%.40s\"", keys[i]);
		free(keys);
	}
	for (c = v->child, i = 0; c != NULL; c = c->next, i++) {
		if (cJSON_IsObject(v))
			snprintf(sub, sizeof sub, "%s%s%.40s", path,
			    *path != '\0' ? "." : "", c->string);
		else
			snprintf(sub, sizeof sub, "%s[%zu]", path, i);
		ck_duplicates(ck, c, sub);
	}
}

static const cJSON *
ck_get(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsNull(v) ? NULL : v;
}

/* multi_shots=true, shot_type=customize: 1 to 6 shots of at least 1 s,
 * adding up to duration exactly. */
static void
ck_shots(struct ck *ck, const cJSON *in)
{
	const cJSON *shots = ck_get(in, "multi_prompt"), *s, *d;
	const cJSON *dur = ck_get(in, "duration");
	char path[64];
	long sum = 0;
	int n = 0, ok = 1;

	if (shots == NULL) {
		ck_error(ck, "input.multi_prompt", "is required with shot_type "
		    "customize");
		return;
	}
	if (!cJSON_IsArray(shots))
		return;		/* its type is reported already */
	for (s = shots->child; s != NULL; s = s->next, n++) {
		snprintf(path, sizeof path, "input.multi_prompt[%d]", n);
		if (!cJSON_IsObject(s))
			return;
		ck_fields(ck, s, path, ck_shot);
		d = cJSON_GetObjectItemCaseSensitive(s, "duration");
		if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(s, "prompt")))
			ck_error(ck, path, "needs a prompt");
		if (!ck_is_int(d) || d->valuedouble < CK_MIN_SHOT ||
		    d->valuedouble > CK_MAX_DURATION) {
			ck_error(ck, path, "needs a duration of %d to %d s",
			    CK_MIN_SHOT, CK_MAX_DURATION);
			ok = 0;
		} else
			sum += (long)d->valuedouble;
	}
	if (n == 0 || n > CK_MAX_SHOTS)
		ck_error(ck, "input.multi_prompt", "needs 1 to %d shots, has %d",
		    CK_MAX_SHOTS, n);
	if (ok && ck_is_int(dur) && sum != (long)dur->valuedouble)
		ck_error(ck, "input.multi_prompt", "shot durations add up to %ld, "
		    "not to duration", sum);
}

static void
ck_elements(struct ck *ck, const cJSON *in)
{
	const cJSON *list = ck_get(in, "element_list"), *e, *refs;
	char path[64];
	int n = 0, nrefs;

	if (list == NULL || !cJSON_IsArray(list))
		return;
	for (e = list->child; e != NULL; e = e->next, n++) {
		snprintf(path, sizeof path, "input.element_list[%d]", n);
		if (!cJSON_IsObject(e))
			return;
		ck_fields(ck, e, path, ck_element);
		if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "name")))
			ck_error(ck, path, "needs a name");
		refs = cJSON_GetObjectItemCaseSensitive(e, "element_image_urls");
		nrefs = cJSON_IsArray(refs) ? cJSON_GetArraySize(refs) : 0;
		if (nrefs < 1 || nrefs > CK_MAX_REFS)
			ck_error(ck, path, "needs 1 to %d element_image_urls",
			    CK_MAX_REFS);
	}
	if (n > CK_MAX_ELEMENTS)
		ck_error(ck, "input.element_list", "has %d elements, at most %d",
		    n, CK_MAX_ELEMENTS);
}

/* The page's key rules (关键规则, 校验规则). */
static void
ck_input(struct ck *ck, const cJSON *in)
{
	const cJSON *ms = ck_get(in, "multi_shots"), *st = ck_get(in, "shot_type");
	const cJSON *imgs = ck_get(in, "img_urls"), *dur = ck_get(in, "duration");
	int nimgs = cJSON_IsArray(imgs) ? cJSON_GetArraySize(imgs) : 0;
	const char *type = cJSON_IsString(st) ? st->valuestring : NULL;

	ck_fields(ck, in, "input", ck_in);
	if (!cJSON_IsBool(ms))
		ck_error(ck, "input.multi_shots", "is required: true or false");
	else if (cJSON_IsTrue(ms)) {
		if (nimgs != 1)
			ck_error(ck, "input.img_urls", "multi-shot takes exactly "
			    "1 image, got %d", nimgs);
		if (type == NULL)
			ck_error(ck, "input.shot_type", "is required when "
			    "multi_shots is true");
		else if (strcmp(type, "customize") == 0)
			ck_shots(ck, in);
		else if (strcmp(type, "intelligence") == 0) {
			if (!cJSON_IsString(ck_get(in, "prompt")))
				ck_error(ck, "input.prompt", "is required with "
				    "shot_type intelligence");
			if (ck_get(in, "multi_prompt") != NULL)
				ck_error(ck, "input.multi_prompt", "must not be "
				    "given with shot_type intelligence");
		}
	} else {
		if (!cJSON_IsString(ck_get(in, "prompt")))
			ck_error(ck, "input.prompt", "is required in single-shot "
			    "mode");
		if (nimgs > 2)
			ck_error(ck, "input.img_urls", "a single shot takes a "
			    "start frame and an end frame at most, got %d", nimgs);
	}
	ck_elements(ck, in);
	if (dur == NULL)
		ck_error(ck, "input.duration", "is required");
	else if (ck_is_int(dur) && (dur->valuedouble < CK_MIN_DURATION ||
	    dur->valuedouble > CK_MAX_DURATION))
		ck_error(ck, "input.duration", "must be %d to %d s",
		    CK_MIN_DURATION, CK_MAX_DURATION);
}

int
body_check(const char *body, size_t len, struct body_check *bc, char **cause)
{
	struct ck ck = { NULL, 0 };
	const cJSON *in, *mode, *dur;
	cJSON *root;

	memset(bc, 0, sizeof *bc);
	root = cJSON_ParseWithLength(body, len);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		*cause = xstrdup("the body is not a JSON object");
		return -1;
	}
	ck_duplicates(&ck, root, "");
	ck_fields(&ck, root, "", ck_top);
	if (ck_get(root, "model") == NULL)
		ck_error(&ck, "model", "is required");
	if ((in = ck_get(root, "input")) == NULL)
		ck_error(&ck, "input", "is required");
	else if (cJSON_IsObject(in))
		ck_input(&ck, in);
	if (ck.n > CK_MAX_ERRORS) {
		xasprintf(cause, "%s; and %zu more", ck.msg, ck.n - CK_MAX_ERRORS);
		free(ck.msg);
		ck.msg = *cause;
	}
	if (ck.msg != NULL) {
		cJSON_Delete(root);
		*cause = ck.msg;
		return -1;
	}
	mode = ck_get(in, "mode");
	dur = ck_get(in, "duration");
	bc->mode = xstrdup(cJSON_IsString(mode) ? mode->valuestring : "std");
	bc->duration = (long)dur->valuedouble;
	cJSON_Delete(root);
	return 0;
}

void
body_check_free(struct body_check *bc)
{
	free(bc->mode);
	bc->mode = NULL;
}
