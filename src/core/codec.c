/* kling-tui: storyboard <-> JSON. The only user of cJSON.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * cJSON checks neither UTF-8 nor duplicate keys, nests 1000 deep and prints
 * with tabs, so decoding is three steps (a pre-scan for UTF-8, control
 * characters and depth, with positions; cJSON builds the tree; a walk fills
 * the model and notes type errors, duplicates and unknown keys) and encoding
 * is our own printer. */
#include "config.h"

#include <sys/stat.h>

#include <cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "codec.h"
#include "keyindex.h"
#include "text.h"
#include "xmalloc.h"
#include "i18n.h"

/* ---- positions and the pre-scan ---- */

/* "line L, column C" of byte offset off; columns count characters. */
static void
codec_position(const char *text, size_t len, size_t off, size_t *line, size_t *col)
{
	size_t i = 0, n;
	uint32_t cp;

	*line = 1;
	*col = 1;
	while (i < off && i < len) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
			i++;
			continue;
		}
		if ((n = text_decode(text + i, len - i, &cp)) == 0)
			n = 1;
		i += n;
		(*col)++;
	}
}

static void __attribute__((format(printf, 5, 6)))
codec_fail_at(char **cause, const char *text, size_t len, size_t off,
    const char *fmt, ...)
{
	size_t line, col;
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	codec_position(text, len, off, &line, &col);
	xasprintf(cause, _("line %zu, column %zu: %s"), line, col, msg);
}

/* Where each number token of a text is, in the order of the text: cJSON
 * keeps only a double, and an unknown key's value is sent as written. */
struct codec_nums {
	size_t	*off;
	size_t	*len;
	size_t	 n;
	size_t	 cap;
};

static void
codec_nums_push(struct codec_nums *nums, size_t off, size_t len)
{
	if (nums->n == nums->cap) {
		nums->cap = nums->cap == 0 ? 16 : nums->cap * 2;
		nums->off = xreallocarray(nums->off, nums->cap, sizeof *nums->off);
		nums->len = xreallocarray(nums->len, nums->cap, sizeof *nums->len);
	}
	nums->off[nums->n] = off;
	nums->len[nums->n++] = len;
}

static void
codec_nums_free(struct codec_nums *nums)
{
	free(nums->off);
	free(nums->len);
}

static size_t
codec_digits(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* The length of the JSON number at s[i], by the grammar of RFC 8259 (cJSON
 * lets 010, 00005 and 5. through); 0 if it is not one. */
static size_t
codec_number_len(const char *s, size_t len, size_t i)
{
	size_t start = i, j;

	if (i < len && s[i] == '-')
		i++;
	if (i < len && s[i] == '0')
		i++;
	else if (i < len && s[i] >= '1' && s[i] <= '9')
		i = codec_digits(s, len, i);
	else
		return 0;
	if (i < len && s[i] == '.') {
		if ((j = codec_digits(s, len, i + 1)) == i + 1)
			return 0;
		i = j;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if ((j = codec_digits(s, len, i)) == i)
			return 0;
		i = j;
	}
	/* "010": a number may not run on into more digits or letters. */
	if (i < len && (strchr(".eE+-", s[i]) != NULL ||
	    (s[i] >= '0' && s[i] <= '9')))
		return 0;
	return i - start;
}

/* In a string, a byte the scan below has nothing to say about: ASCII from
 * the space on, but the quote and the backslash. */
static inline bool
codec_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* How many plain bytes u[0..len) starts with, eight at a time while a word
 * holds no byte under 0x20, none over 0x7f, no quote and no backslash (the
 * tests for a zero byte and a byte under n of "Bit Twiddling Hacks"). */
static size_t
codec_plain_run(const unsigned char *u, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	uint64_t w, q, b;
	size_t n = 0;

	for (; len - n >= 8; n += 8) {
		memcpy(&w, u + n, sizeof w);
		q = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		if ((w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
		    ((b - ones) & ~b)) & highs)
			break;
	}
	while (n < len && codec_plain(u[n]))
		n++;
	return n;
}

/* What cJSON does not check, with a position for each: UTF-8, raw control
 * characters and \u0000 in strings, NUL bytes, the number grammar, and depth
 * (so that 10,000 opening brackets are refused here, not by recursion).
 * Notes where the numbers are. */
static int
codec_prescan(const char *s, size_t len, bool *open_string,
    struct codec_nums *nums, char **cause)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n, depth = 0;
	bool instr = false;
	uint32_t cp;

	for (i = 0; i < len; i++) {
		/* Most of a storyboard is prompt text: a run of printable
		 * ASCII in a string is passed over whole. */
		if (instr && codec_plain(u[i])) {
			i += codec_plain_run(u + i, len - i) - 1;
			continue;
		}
		if (u[i] >= 0x80) {
			if ((n = text_decode(s + i, len - i, &cp)) == 0) {
				codec_fail_at(cause, s, len, i,
				    _("invalid UTF-8 (byte 0x%02x)"), u[i]);
				return -1;
			}
			i += n - 1;
			continue;
		}
		if (u[i] == '\0') {
			codec_fail_at(cause, s, len, i, _("NUL byte in the text"));
			return -1;
		}
		if (instr) {
			/* A string holding NUL cannot be kept whole in C: say
			 * so rather than send a shorter one. */
			if (u[i] == '\\' && len - i >= 6 && u[i + 1] == 'u' &&
			    memcmp(s + i + 2, "0000", 4) == 0) {
				codec_fail_at(cause, s, len, i,
				    _("\\u0000 (NUL) in a string: it cannot be sent"));
				return -1;
			}
			/* Skip the escaped character, unless it is one this
			 * scan must see (a control, NUL or UTF-8 byte). */
			if (u[i] == '\\' && i + 1 < len && u[i + 1] >= 0x20 &&
			    u[i + 1] < 0x80)
				i++;
			else if (u[i] == '"')
				instr = false;
			else if (u[i] < 0x20) {
				codec_fail_at(cause, s, len, i,
				    _("control character 0x%02x in a string "
				    "(write it as an escape such as \\n)"), u[i]);
				return -1;
			}
			continue;
		}
		if (u[i] == '-' || (u[i] >= '0' && u[i] <= '9')) {
			if ((n = codec_number_len(s, len, i)) == 0) {
				codec_fail_at(cause, s, len, i, _("not a valid JSON "
				    "number (no leading zeros, digits after '.')"));
				return -1;
			}
			codec_nums_push(nums, i, n);
			i += n - 1;
		} else if (u[i] == '"')
			instr = true;
		else if (u[i] == '{' || u[i] == '[') {
			if (++depth > CODEC_MAX_DEPTH) {
				codec_fail_at(cause, s, len, i,
				    _("nested deeper than %d levels"), CODEC_MAX_DEPTH);
				return -1;
			}
		} else if ((u[i] == '}' || u[i] == ']') && depth > 0)
			depth--;
	}
	*open_string = instr;
	return 0;
}

/* Each number node of the tree gets its text as written, in valuestring
 * (cJSON_Delete frees it): the tree's numbers are in the text's order. */
static void
codec_attach(cJSON *v, const char *s, const struct codec_nums *nums, size_t *k)
{
	cJSON *c;

	if (cJSON_IsNumber(v) && *k < nums->n) {
		v->valuestring = cJSON_malloc(nums->len[*k] + 1);
		if (v->valuestring == NULL)
			fatal(_("out of memory"));
		memcpy(v->valuestring, s + nums->off[*k], nums->len[*k]);
		v->valuestring[nums->len[*k]] = '\0';
		(*k)++;
	}
	for (c = v->child; c != NULL; c = c->next)
		codec_attach(c, s, nums, k);
}

/* ---- the walk: cJSON tree -> model ---- */

/* The shortest form that reads back as the same double, always with '.'
 * whatever the locale says: for output and for messages alike. */
static const char *
codec_number(char *num, size_t size, double d)
{
	const char *dp = localeconv()->decimal_point;
	char *p;

	if (d == floor(d) && fabs(d) < 1e15)
		snprintf(num, size, "%.0f", d);
	else if (!isfinite(d))
		snprintf(num, size, "null");
	else {
		snprintf(num, size, "%.15g", d);
		if (strtod(num, NULL) != d)
			snprintf(num, size, "%.17g", d);
		if (dp != NULL && *dp != '\0' && strcmp(dp, ".") != 0 &&
		    (p = strstr(num, dp)) != NULL) {
			*p = '.';
			memmove(p + 1, p + strlen(dp), strlen(p + strlen(dp)) + 1);
		}
	}
	return num;
}


struct codec_walk {
	struct storyboard	*sb;
	struct diag_list	*d;
};

static const char *
codec_type_name(const cJSON *v)
{
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsBool(v))
		return _("a boolean");
	if (cJSON_IsNumber(v))
		return _("a number");
	if (cJSON_IsString(v))
		return _("a string");
	if (cJSON_IsArray(v))
		return _("an array");
	return _("an object");
}

/* A key as it may be shown on a terminal: whole characters only, controls
 * (C0, DEL, C1) as '?', so that a hostile key cannot send escape sequences
 * through a message. Appends to out[o...size). Returns the new length. */
static size_t
codec_printable(char *out, size_t size, size_t o, const char *key)
{
	size_t len = strlen(key), i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((n = text_decode(key + i, len - i, &cp)) == 0 || cp < 0x20 ||
		    (cp >= 0x7f && cp < 0xa0)) {
			if (o + 2 > size)
				break;
			out[o++] = '?';
			i += n == 0 ? 1 : n;
			continue;
		}
		if (o + n + 1 > size)
			break;
		memcpy(out + o, key + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	return o;
}

/* path + "." + key, the key made printable: paths are shown to people. */
static void
codec_path_key(char *out, size_t size, const char *parent, const char *key)
{
	size_t o = strlen(parent);

	if (o > size - 2)
		o = size - 2;
	memmove(out, parent, o);
	if (o != 0)
		out[o++] = '.';
	out[o] = '\0';
	codec_printable(out, size, o, key);
}

static void
codec_path_index(char *out, size_t size, const char *parent, size_t i)
{
	char idx[32];
	size_t n = strlen(parent), m;

	/* Cut when too long: a path is a pointer for people, not an address. */
	m = (size_t)snprintf(idx, sizeof idx, "[%zu]", i);
	if (n > size - 1)
		n = size - 1;
	if (m > size - 1 - n)
		m = size - 1 - n;
	memmove(out, parent, n);
	memcpy(out + n, idx, m);
	out[n + m] = '\0';
}

static char *codec_compact(const cJSON *);

static void
codec_extra_add(struct sb_extras *x, const cJSON *v, bool bad_type)
{
	/* Doubling at each power of two: linear in a file's 800,000 keys. */
	if (x->n == 0 || (x->n & (x->n - 1)) == 0)
		x->v = xreallocarray(x->v, x->n == 0 ? 1 : x->n * 2, sizeof *x->v);
	x->v[x->n].key = xstrdup(v->string);
	x->v[x->n].json = codec_compact(v);
	x->v[x->n].bad_type = bad_type;
	x->n++;
}

/* Where codec_dedup() is in the tree: the path is written out only for a
 * message, not for every object and array walked. */
struct codec_at {
	const struct codec_at	*up;	/* NULL: the root ("") */
	const char		*key;	/* in an object; NULL: index in an array */
	size_t			 index;
};

static void
codec_at_path(char *out, size_t size, const struct codec_at *at)
{
	if (at->up == NULL) {
		out[0] = '\0';
		return;
	}
	codec_at_path(out, size, at->up);
	if (at->key != NULL)
		codec_path_key(out, size, out, at->key);
	else
		codec_path_index(out, size, out, at->index);
}

/* Up to this many keys, an object's earlier keys are compared one by one;
 * beyond, they go in a key index (keyindex.c), so that a hostile file's
 * 800,000 keys cost linear time. */
#define CODEC_FEW_KEYS	16

/* Earlier duplicates are reported and removed from the tree: the last one
 * is used. Recurses into every value so that unknown keys' objects are
 * checked too. */
static void
codec_dedup(cJSON *obj, const struct codec_at *at, struct diag_list *d)
{
	char sub[DIAG_PATH_MAX], key[64];
	struct keyindex seen = { NULL, 0, 0 };	/* key -> slot of kept */
	struct codec_at in = { at, NULL, 0 };
	cJSON *c, *next, **kept, *few[CODEC_FEW_KEYS];
	size_t n = 0, m = 0, j, i;
	bool indexed;

	for (c = obj->child; c != NULL; c = c->next)
		n++;
	if (cJSON_IsObject(obj) && n > 1) {
		indexed = n > CODEC_FEW_KEYS;
		kept = indexed ? xcalloc(n, sizeof *kept) : few;
		for (c = obj->child; c != NULL; c = next) {
			next = c->next;
			if (indexed)
				j = keyindex_get(&seen, c->string);
			else {
				for (j = 0; j < m && strcmp(kept[j]->string, c->string) != 0; j++)
					;
				if (j == m)
					j = KEYINDEX_NONE;
			}
			if (j == KEYINDEX_NONE) {
				kept[m] = c;
				if (indexed)
					keyindex_put(&seen, c->string, m);
				m++;
				continue;
			}
			codec_at_path(sub, sizeof sub, at);
			codec_path_key(sub, sizeof sub, sub, c->string);
			codec_printable(key, sizeof key, 0, c->string);
			diag_add(d, DIAG_ERROR, sub,
			    _("duplicate key \"%s\" (the last one is used)"), key);
			/* The index takes this one's key before the other's
			 * is freed with it. */
			if (indexed)
				keyindex_put(&seen, c->string, j);
			cJSON_Delete(cJSON_DetachItemViaPointer(obj, kept[j]));
			kept[j] = c;
		}
		if (indexed) {
			keyindex_clear(&seen);
			free(kept);
		}
	}
	for (c = obj->child, i = 0; c != NULL; c = c->next, i++) {
		if (!cJSON_IsObject(c) && !cJSON_IsArray(c))
			continue;
		in.key = cJSON_IsObject(obj) ? c->string : NULL;
		in.index = i;
		codec_dedup(c, &in, d);
	}
}

static void
codec_bad_type(struct codec_walk *w, struct sb_extras *x, const cJSON *v,
    const char *path, const char *want)
{
	char num[64];

	if (cJSON_IsNumber(v) && v->valuestring != NULL)
		diag_add(w->d, DIAG_ERROR, path, _("must be %s, got %.40s%s"), want,
		    v->valuestring, strlen(v->valuestring) > 40 ? "..." : "");
	else if (cJSON_IsNumber(v))
		diag_add(w->d, DIAG_ERROR, path, _("must be %s, got %s"), want,
		    codec_number(num, sizeof num, v->valuedouble));
	else
		diag_add(w->d, DIAG_ERROR, path, _("must be %s, got %s"), want,
		    codec_type_name(v));
	codec_extra_add(x, v, true);
}

static void
codec_unknown(struct codec_walk *w, struct sb_extras *x, const cJSON *v,
    const char *path)
{
	diag_add(w->d, DIAG_WARNING, path, _("unknown key (kept, and sent as it is)"));
	codec_extra_add(x, v, false);
}

static bool
codec_str(struct codec_walk *w, struct sb_extras *x, const cJSON *v,
    const char *path, char **field)
{
	if (!cJSON_IsString(v)) {
		codec_bad_type(w, x, v, path, _("a string"));
		return false;
	}
	sb_set_str(field, v->valuestring);
	return true;
}

static void
codec_tri(struct codec_walk *w, struct sb_extras *x, const cJSON *v,
    const char *path, enum sb_tri *field)
{
	if (!cJSON_IsBool(v))
		codec_bad_type(w, x, v, path, _("true or false"));
	else
		*field = cJSON_IsTrue(v) ? SB_TRUE : SB_FALSE;
}

/* A whole number that fits a long; 10.5, 1e300 and "10" are not. */
static void
codec_int(struct codec_walk *w, struct sb_extras *x, const cJSON *v,
    const char *path, long *field, bool *has)
{
	double d = v->valuedouble;

	if (!cJSON_IsNumber(v) || d != floor(d) || d < (double)LONG_MIN ||
	    d >= -(double)LONG_MIN) {
		codec_bad_type(w, x, v, path, _("an integer"));
		return;
	}
	*field = (long)d;
	*has = true;
}

static void
codec_strlist(struct codec_walk *w, struct sb_extras *x, const cJSON *v,
    const char *path, struct sb_strlist *l, bool *has)
{
	char sub[DIAG_PATH_MAX];
	const cJSON *c;
	size_t i = 0;

	if (!cJSON_IsArray(v)) {
		codec_bad_type(w, x, v, path, _("an array of URL strings"));
		return;
	}
	for (c = v->child; c != NULL; c = c->next, i++) {
		if (!cJSON_IsString(c)) {
			/* Keep the array whole, as written, and say which item. */
			codec_path_index(sub, sizeof sub, path, i);
			diag_add(w->d, DIAG_ERROR, sub, _("must be a string, got %s"),
			    codec_type_name(c));
			codec_extra_add(x, v, true);
			sb_strlist_clear(l);
			return;
		}
		sb_strlist_push(l, c->valuestring);
	}
	*has = true;
}

/* An array whose items must all be objects; false (and the array kept as a
 * bad-type extra) otherwise. */
static bool
codec_objects(struct codec_walk *w, struct sb_extras *x, const cJSON *v,
    const char *path, size_t *n)
{
	char sub[DIAG_PATH_MAX];
	const cJSON *c;
	size_t i = 0;

	if (!cJSON_IsArray(v)) {
		codec_bad_type(w, x, v, path, _("an array of objects"));
		return false;
	}
	for (c = v->child; c != NULL; c = c->next, i++) {
		if (!cJSON_IsObject(c)) {
			codec_path_index(sub, sizeof sub, path, i);
			diag_add(w->d, DIAG_ERROR, sub, _("must be an object, got %s"),
			    codec_type_name(c));
			codec_extra_add(x, v, true);
			return false;
		}
	}
	*n = i;
	return true;
}

static void
codec_shots(struct codec_walk *w, const cJSON *v, const char *path)
{
	struct storyboard *sb = w->sb;
	char ipath[DIAG_PATH_MAX], kpath[DIAG_PATH_MAX];
	const cJSON *o, *c;
	struct sb_shot *s;
	size_t n, i;

	if (!codec_objects(w, &sb->input_extra, v, path, &n))
		return;
	sb->has_multi_prompt = true;
	sb->shots = n == 0 ? NULL : xcalloc(n, sizeof *sb->shots);
	sb->nshots = n;
	for (o = v->child, i = 0; o != NULL; o = o->next, i++) {
		s = &sb->shots[i];
		codec_path_index(ipath, sizeof ipath, path, i);
		for (c = o->child; c != NULL; c = c->next) {
			codec_path_key(kpath, sizeof kpath, ipath, c->string);
			if (strcmp(c->string, "prompt") == 0)
				codec_str(w, &s->extra, c, kpath, &s->prompt);
			else if (strcmp(c->string, "duration") == 0)
				codec_int(w, &s->extra, c, kpath, &s->duration,
				    &s->has_duration);
			else
				codec_unknown(w, &s->extra, c, kpath);
		}
	}
}

static void
codec_elements(struct codec_walk *w, const cJSON *v, const char *path)
{
	struct storyboard *sb = w->sb;
	char ipath[DIAG_PATH_MAX], kpath[DIAG_PATH_MAX];
	const cJSON *o, *c;
	struct sb_element *e;
	size_t n, i;

	if (!codec_objects(w, &sb->input_extra, v, path, &n))
		return;
	sb->has_element_list = true;
	sb->elements = n == 0 ? NULL : xcalloc(n, sizeof *sb->elements);
	sb->nelements = n;
	for (o = v->child, i = 0; o != NULL; o = o->next, i++) {
		e = &sb->elements[i];
		codec_path_index(ipath, sizeof ipath, path, i);
		for (c = o->child; c != NULL; c = c->next) {
			codec_path_key(kpath, sizeof kpath, ipath, c->string);
			if (strcmp(c->string, "name") == 0)
				codec_str(w, &e->extra, c, kpath, &e->name);
			else if (strcmp(c->string, "description") == 0)
				codec_str(w, &e->extra, c, kpath, &e->description);
			else if (strcmp(c->string, "element_image_urls") == 0)
				codec_strlist(w, &e->extra, c, kpath, &e->images,
				    &e->has_images);
			else
				codec_unknown(w, &e->extra, c, kpath);
		}
	}
}

static void
codec_input(struct codec_walk *w, const cJSON *in)
{
	struct storyboard *sb = w->sb;
	struct sb_extras *x = &sb->input_extra;
	char path[DIAG_PATH_MAX];
	const cJSON *c;
	const char *k;

	for (c = in->child; c != NULL; c = c->next) {
		k = c->string;
		codec_path_key(path, sizeof path, "input", k);
		if (strcmp(k, "mode") == 0)
			codec_str(w, x, c, path, &sb->mode);
		else if (strcmp(k, "multi_shots") == 0)
			codec_tri(w, x, c, path, &sb->multi_shots);
		else if (strcmp(k, "shot_type") == 0) {
			if (cJSON_IsNull(c))
				sb->shot_type_null = true;
			else
				codec_str(w, x, c, path, &sb->shot_type);
		} else if (strcmp(k, "prompt") == 0)
			codec_str(w, x, c, path, &sb->prompt);
		else if (strcmp(k, "img_urls") == 0)
			codec_strlist(w, x, c, path, &sb->img_urls, &sb->has_img_urls);
		else if (strcmp(k, "multi_prompt") == 0)
			codec_shots(w, c, path);
		else if (strcmp(k, "element_list") == 0)
			codec_elements(w, c, path);
		else if (strcmp(k, "duration") == 0)
			codec_int(w, x, c, path, &sb->duration, &sb->has_duration);
		else if (strcmp(k, "aspect_ratio") == 0)
			codec_str(w, x, c, path, &sb->aspect_ratio);
		else if (strcmp(k, "audio") == 0)
			codec_tri(w, x, c, path, &sb->audio);
		else if (strcmp(k, "input_compliance") == 0)
			codec_str(w, x, c, path, &sb->input_compliance);
		else if (strcmp(k, "output_compliance") == 0)
			codec_str(w, x, c, path, &sb->output_compliance);
		else
			codec_unknown(w, x, c, path);
	}
}

static void
codec_root(struct codec_walk *w, const cJSON *root)
{
	struct storyboard *sb = w->sb;
	char path[DIAG_PATH_MAX];
	const cJSON *c;

	for (c = root->child; c != NULL; c = c->next) {
		codec_path_key(path, sizeof path, "", c->string);
		if (strcmp(c->string, "model") == 0)
			codec_str(w, &sb->extra, c, path, &sb->model);
		else if (strcmp(c->string, "callback_url") == 0) {
			if (cJSON_IsNull(c))
				sb->callback_null = true;
			else
				codec_str(w, &sb->extra, c, path, &sb->callback_url);
		} else if (strcmp(c->string, "input") == 0) {
			if (!cJSON_IsObject(c))
				codec_bad_type(w, &sb->extra, c, path, _("an object"));
			else {
				sb->has_input = true;
				codec_input(w, c);
			}
		} else
			codec_unknown(w, &sb->extra, c, path);
	}
}

struct storyboard *
codec_decode(const char *text, size_t len, char **cause)
{
	struct codec_nums nums = { NULL, NULL, 0, 0 };
	struct codec_walk w;
	struct storyboard *sb;
	const char *end = NULL;
	char *copy;
	size_t i, k = 0;
	bool open_string;
	cJSON *root;

	if (len > CODEC_MAX_FILE) {
		xasprintf(cause, _("%zu bytes, over the %u MB limit"), len,
		    CODEC_MAX_FILE / (1024 * 1024));
		return NULL;
	}
	for (i = 0; i < len; i++)
		if (strchr(" \t\r\n", text[i]) == NULL)
			break;
	if (i == len) {
		codec_fail_at(cause, text, len, len, len == 0 ? _("the file is empty") :
		    _("no JSON value, only white space"));
		return NULL;
	}
	if (codec_prescan(text, len, &open_string, &nums, cause) != 0) {
		codec_nums_free(&nums);
		return NULL;
	}

	/* cJSON wants the terminating NUL inside the length it is given to
	 * refuse trailing garbage. */
	copy = xstrndup(text, len);
	root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
	if (root == NULL) {
		i = end == NULL ? 0 : (size_t)(end - copy);
		if (i >= len || open_string)
			codec_fail_at(cause, text, len, len,
			    _("unexpected end of the text (is the file truncated?)"));
		else if ((unsigned char)text[i] > 0x20 && (unsigned char)text[i] < 0x7f)
			codec_fail_at(cause, text, len, i,
			    _("not valid JSON at '%c'"), text[i]);
		else
			codec_fail_at(cause, text, len, i, _("not valid JSON"));
		free(copy);
		codec_nums_free(&nums);
		return NULL;
	}
	free(copy);
	codec_attach(root, text, &nums, &k);
	codec_nums_free(&nums);
	if (!cJSON_IsObject(root)) {
		codec_fail_at(cause, text, len, 0,
		    _("a storyboard is a JSON object ({...}), this is %s"),
		    codec_type_name(root));
		cJSON_Delete(root);
		return NULL;
	}

	sb = sb_new();
	w.sb = sb;
	w.d = sb->load_diags;
	codec_dedup(root, &(struct codec_at){ NULL, NULL, 0 }, w.d);
	codec_root(&w, root);
	cJSON_Delete(root);
	return sb;
}

struct storyboard *
codec_load_file(const char *path, char **cause)
{
	struct storyboard *sb;
	struct stat st;
	size_t len = 0, cap = 65536;
	ssize_t r;
	char *buf;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		xasprintf(cause, _("cannot open: %s"), strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		xasprintf(cause, _("cannot stat: %s"), strerror(errno));
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		xasprintf(cause, _("is a directory, not a storyboard file"));
		close(fd);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > CODEC_MAX_FILE) {
		xasprintf(cause, _("%jd bytes, over the %u MB limit"),
		    (intmax_t)st.st_size, CODEC_MAX_FILE / (1024 * 1024));
		close(fd);
		return NULL;
	}
	/* Pipes have no size: read until one byte past the limit. */
	buf = xmalloc(cap);
	while (len <= CODEC_MAX_FILE) {
		if (len == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			xasprintf(cause, _("cannot read: %s"), strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (len > CODEC_MAX_FILE) {
		xasprintf(cause, _("more than %u MB, over the limit"),
		    CODEC_MAX_FILE / (1024 * 1024));
		free(buf);
		return NULL;
	}
	sb = codec_decode(buf, len, cause);
	free(buf);
	return sb;
}

/* ---- encoding ---- */

struct codec_buf {
	char	*p;
	size_t	 n;
	size_t	 cap;
	bool	 compact;	/* one line: a kept value in memory */
};

static void
codec_put(struct codec_buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap == 0 ? 1024 : b->cap * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
codec_puts(struct codec_buf *b, const char *s)
{
	codec_put(b, s, strlen(s));
}

static void
codec_put_string(struct codec_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;
	char esc[7];

	codec_put(b, "\"", 1);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		codec_put(b, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"':  codec_puts(b, "\\\""); break;
		case '\\': codec_puts(b, "\\\\"); break;
		case '\n': codec_puts(b, "\\n"); break;
		case '\t': codec_puts(b, "\\t"); break;
		case '\r': codec_puts(b, "\\r"); break;
		case '\b': codec_puts(b, "\\b"); break;
		case '\f': codec_puts(b, "\\f"); break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			codec_put(b, esc, 6);
		}
	}
	codec_put(b, run, (size_t)(s - run));
	codec_put(b, "\"", 1);
}

static void
codec_newline(struct codec_buf *b, int depth)
{
	int i;

	if (b->compact)
		return;
	codec_put(b, "\n", 1);
	for (i = 0; i < depth; i++)
		codec_put(b, "  ", 2);
}

/* Commas and indentation of one object or array being written. */
struct codec_obj {
	struct codec_buf	*b;
	int			 depth;	/* of the members */
	size_t			 n;
};

static void
codec_open(struct codec_obj *o, struct codec_buf *b, int depth, const char *brace)
{
	o->b = b;
	o->depth = depth;
	o->n = 0;
	codec_puts(b, brace);
}

static void
codec_item(struct codec_obj *o)
{
	if (o->n++ != 0)
		codec_put(o->b, ",", 1);
	codec_newline(o->b, o->depth);
}

static void
codec_key(struct codec_obj *o, const char *key)
{
	codec_item(o);
	codec_put_string(o->b, key);
	codec_put(o->b, ": ", o->b->compact ? 1 : 2);
}

static void
codec_close(struct codec_obj *o, const char *brace)
{
	if (o->n != 0)
		codec_newline(o->b, o->depth - 1);
	codec_puts(o->b, brace);
}

static void
codec_put_value(struct codec_buf *b, const cJSON *v, int depth)
{
	struct codec_obj o;
	const cJSON *c;
	char num[64];

	if (cJSON_IsNull(v))
		codec_puts(b, "null");
	else if (cJSON_IsTrue(v))
		codec_puts(b, "true");
	else if (cJSON_IsFalse(v))
		codec_puts(b, "false");
	else if (cJSON_IsNumber(v) && v->valuestring != NULL)
		codec_puts(b, v->valuestring);	/* as written */
	else if (cJSON_IsNumber(v))
		codec_puts(b, codec_number(num, sizeof num, v->valuedouble));
	else if (cJSON_IsString(v))
		codec_put_string(b, v->valuestring);
	else if (cJSON_IsArray(v)) {
		codec_open(&o, b, depth + 1, "[");
		for (c = v->child; c != NULL; c = c->next) {
			codec_item(&o);
			codec_put_value(b, c, depth + 1);
		}
		codec_close(&o, "]");
	} else {
		codec_open(&o, b, depth + 1, "{");
		for (c = v->child; c != NULL; c = c->next) {
			codec_key(&o, c->string);
			codec_put_value(b, c, depth + 1);
		}
		codec_close(&o, "}");
	}
}

/* An unknown or mistyped value as one line of JSON, its numbers as written. */
static char *
codec_compact(const cJSON *v)
{
	struct codec_buf b = { NULL, 0, 0, true };

	codec_put_value(&b, v, 0);
	return xrealloc(b.p, b.n + 1);	/* there may be 800,000 of them */
}

/* An extra's value, kept as compact JSON, in the same layout as the rest. */
static void
codec_put_json(struct codec_buf *b, const char *json, int depth)
{
	struct codec_nums nums = { NULL, NULL, 0, 0 };
	char *cause = NULL;
	size_t k = 0;
	bool open;
	cJSON *v;

	if (codec_prescan(json, strlen(json), &open, &nums, &cause) != 0 ||
	    (v = cJSON_Parse(json)) == NULL)
		fatal(_("a kept JSON value does not parse: %s"), json);
	codec_attach(v, json, &nums, &k);
	codec_nums_free(&nums);
	codec_put_value(b, v, depth);
	cJSON_Delete(v);
}

static const struct sb_extra *
codec_bad(const struct sb_extras *x, const char *key)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (x->v[i].bad_type && strcmp(x->v[i].key, key) == 0)
			return &x->v[i];
	return NULL;
}

/* A known key whose value did not fit the model is written back where it
 * was, as it was. */
static void
codec_put_bad(struct codec_obj *o, const struct sb_extras *x, const char *key)
{
	const struct sb_extra *e = codec_bad(x, key);

	if (e == NULL)
		return;
	codec_key(o, key);
	codec_put_json(o->b, e->json, o->depth);
}

static void
codec_put_unknown(struct codec_obj *o, const struct sb_extras *x)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		if (x->v[i].bad_type)
			continue;
		codec_key(o, x->v[i].key);
		codec_put_json(o->b, x->v[i].json, o->depth);
	}
}

static void
codec_field_str(struct codec_obj *o, const struct sb_extras *x, const char *key,
    const char *value)
{
	if (value == NULL) {
		codec_put_bad(o, x, key);
		return;
	}
	codec_key(o, key);
	codec_put_string(o->b, value);
}

static void
codec_field_tri(struct codec_obj *o, const struct sb_extras *x, const char *key,
    enum sb_tri value)
{
	if (value == SB_UNSET) {
		codec_put_bad(o, x, key);
		return;
	}
	codec_key(o, key);
	codec_puts(o->b, value == SB_TRUE ? "true" : "false");
}

static void
codec_field_int(struct codec_obj *o, const struct sb_extras *x, const char *key,
    bool has, long value)
{
	char num[32];

	if (!has) {
		codec_put_bad(o, x, key);
		return;
	}
	snprintf(num, sizeof num, "%ld", value);
	codec_key(o, key);
	codec_puts(o->b, num);
}

static void
codec_field_list(struct codec_obj *o, const struct sb_extras *x, const char *key,
    bool has, const struct sb_strlist *l)
{
	struct codec_obj a;
	size_t i;

	if (!has) {
		codec_put_bad(o, x, key);
		return;
	}
	codec_key(o, key);
	codec_open(&a, o->b, o->depth + 1, "[");
	for (i = 0; i < l->n; i++) {
		codec_item(&a);
		codec_put_string(o->b, l->v[i]);
	}
	codec_close(&a, "]");
}

static void
codec_put_shots(struct codec_obj *o, const struct storyboard *sb)
{
	struct codec_obj a, s;
	const struct sb_shot *shot;
	size_t i;

	if (!sb->has_multi_prompt) {
		codec_put_bad(o, &sb->input_extra, "multi_prompt");
		return;
	}
	codec_key(o, "multi_prompt");
	codec_open(&a, o->b, o->depth + 1, "[");
	for (i = 0; i < sb->nshots; i++) {
		shot = &sb->shots[i];
		codec_item(&a);
		codec_open(&s, o->b, a.depth + 1, "{");
		codec_field_str(&s, &shot->extra, "prompt", shot->prompt);
		codec_field_int(&s, &shot->extra, "duration", shot->has_duration,
		    shot->duration);
		codec_put_unknown(&s, &shot->extra);
		codec_close(&s, "}");
	}
	codec_close(&a, "]");
}

static void
codec_put_elements(struct codec_obj *o, const struct storyboard *sb)
{
	struct codec_obj a, s;
	const struct sb_element *e;
	size_t i;

	if (!sb->has_element_list) {
		codec_put_bad(o, &sb->input_extra, "element_list");
		return;
	}
	codec_key(o, "element_list");
	codec_open(&a, o->b, o->depth + 1, "[");
	for (i = 0; i < sb->nelements; i++) {
		e = &sb->elements[i];
		codec_item(&a);
		codec_open(&s, o->b, a.depth + 1, "{");
		codec_field_str(&s, &e->extra, "name", e->name);
		codec_field_str(&s, &e->extra, "description", e->description);
		codec_field_list(&s, &e->extra, "element_image_urls", e->has_images,
		    &e->images);
		codec_put_unknown(&s, &e->extra);
		codec_close(&s, "}");
	}
	codec_close(&a, "]");
}

static void
codec_put_input(struct codec_obj *top, const struct storyboard *sb)
{
	const struct sb_extras *x = &sb->input_extra;
	struct codec_obj o;

	if (!sb->has_input) {
		codec_put_bad(top, &sb->extra, "input");
		return;
	}
	codec_key(top, "input");
	codec_open(&o, top->b, top->depth + 1, "{");
	codec_field_str(&o, x, "mode", sb->mode);
	codec_field_tri(&o, x, "multi_shots", sb->multi_shots);
	if (sb->shot_type == NULL && sb->shot_type_null) {
		codec_key(&o, "shot_type");
		codec_puts(o.b, "null");
	} else
		codec_field_str(&o, x, "shot_type", sb->shot_type);
	codec_field_str(&o, x, "prompt", sb->prompt);
	codec_field_list(&o, x, "img_urls", sb->has_img_urls, &sb->img_urls);
	codec_put_shots(&o, sb);
	codec_put_elements(&o, sb);
	codec_field_int(&o, x, "duration", sb->has_duration, sb->duration);
	codec_field_str(&o, x, "aspect_ratio", sb->aspect_ratio);
	codec_field_tri(&o, x, "audio", sb->audio);
	codec_field_str(&o, x, "input_compliance", sb->input_compliance);
	codec_field_str(&o, x, "output_compliance", sb->output_compliance);
	codec_put_unknown(&o, x);
	codec_close(&o, "}");
}

char *
codec_encode(const struct storyboard *sb)
{
	struct codec_buf b = { NULL, 0, 0, false };
	struct codec_obj o;

	codec_open(&o, &b, 1, "{");
	codec_field_str(&o, &sb->extra, "model", sb->model);
	if (sb->callback_url == NULL && sb->callback_null) {
		codec_key(&o, "callback_url");
		codec_puts(&b, "null");
	} else
		codec_field_str(&o, &sb->extra, "callback_url", sb->callback_url);
	codec_put_input(&o, sb);
	codec_put_unknown(&o, &sb->extra);
	codec_close(&o, "}");
	codec_put(&b, "\n", 1);
	return b.p;
}

const char *
codec_library_version(void)
{
	return cJSON_Version();
}

char *
codec_string(const char *s)
{
	struct codec_buf b = { NULL, 0, 0, false };

	codec_put_string(&b, s);
	return b.p;
}

int
codec_save_file(const struct storyboard *sb, const char *path, char **cause)
{
	char *text = codec_encode(sb);
	int rc;

	rc = atomic_write(path, text, strlen(text), 0644, cause);
	free(text);
	return rc;
}
