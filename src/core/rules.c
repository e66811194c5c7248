/* kling-tui: the service's rules, checked on the in-memory model.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Runs on every keystroke in the editor: once the diag_list has grown, a
 * check allocates nothing (fixed buffers for paths and quoted values). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "rules.h"
#include "vocab.h"
#include "text.h"
#include "i18n.h"

#define E(out, path, ...) diag_add(out, DIAG_ERROR, path, __VA_ARGS__)
#define W(out, path, ...) diag_add(out, DIAG_WARNING, path, __VA_ARGS__)

/* A user's value, quoted into a message: at most 40 characters, controls
 * (C0, DEL, C1) shown as '?' so that a message stays one line and sends no
 * escape sequence to a terminal. */
struct rules_q {
	char	s[40 * 4 + 8];
};

static const char *
rules_quote(struct rules_q *q, const char *s, size_t len)
{
	size_t i = 0, o = 0, n, chars = 0;
	uint32_t cp;

	while (i < len && chars < 40) {
		if ((n = text_decode(s + i, len - i, &cp)) == 0 || cp < 0x20 ||
		    (cp >= 0x7f && cp < 0xa0)) {
			q->s[o++] = '?';
			i += n == 0 ? 1 : n;
		} else {
			memcpy(q->s + o, s + i, n);
			o += n;
			i += n;
		}
		chars++;
	}
	if (i < len) {
		memcpy(q->s + o, "...", 3);
		o += 3;
	}
	q->s[o] = '\0';
	return q->s;
}

static const char *
rules_q(struct rules_q *q, const char *s)
{
	return rules_quote(q, s, strlen(s));
}

/* 2500 -> "2,500": counts are read by people. */
static const char *
rules_num(char *buf, size_t size, size_t n)
{
	char digits[32];
	size_t len, i, o = 0;

	len = (size_t)snprintf(digits, sizeof digits, "%zu", n);
	for (i = 0; i < len && o + 2 < size; i++) {
		if (i != 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

static bool
rules_bad(const struct sb_extras *x, const char *key)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (x->v[i].bad_type && strcmp(x->v[i].key, key) == 0)
			return true;
	return false;
}

static bool
rules_blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

static bool
rules_is_http(const char *url)
{
	size_t n;

	if (strncasecmp(url, "https://", 8) == 0)
		n = 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		n = 7;
	else
		return false;
	return url[n] != '\0' && url[n] != '/' && strpbrk(url, " \t\r\n") == NULL;
}

/* A character of an @name: ASCII letters, digits, '_' and '-', and the
 * letters of other scripts, but not the spaces and punctuation that end a
 * name in Chinese and Japanese text ("@hero。", "@英雄，"). */
static bool
rules_name_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || cp == '_' || cp == '-';
	return !(cp < 0xc0 ||				/* C1, Latin-1 signs */
	    (cp >= 0x2000 && cp <= 0x206f) ||		/* general punctuation */
	    (cp >= 0x3000 && cp <= 0x303f) ||		/* CJK punctuation */
	    (cp >= 0xfe10 && cp <= 0xfe1f) ||		/* vertical forms */
	    (cp >= 0xfe30 && cp <= 0xfe6f) ||		/* compatibility forms */
	    (cp >= 0xff01 && cp <= 0xff0f) ||		/* fullwidth ！ to ／ */
	    (cp >= 0xff1a && cp <= 0xff20) ||		/* ： to ＠ */
	    (cp >= 0xff3b && cp <= 0xff40) ||		/* ［ to ｀ */
	    (cp >= 0xff5b && cp <= 0xff65));		/* ｛ to ･ */
}

/* The length of the @name characters at the start of s. */
static size_t
rules_name_len(const char *s)
{
	size_t i = 0, n;
	uint32_t cp;

	/* strnlen: a name is short, the prompt after it may be a megabyte. */
	while ((n = text_decode(s + i, strnlen(s + i, 4), &cp)) != 0 &&
	    rules_name_cp(cp))
		i += n;
	return i;
}

static bool
rules_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* The next "@name" at or after *pos: its offset and length (with the '@').
 * An '@' after a letter or digit is an e-mail address, not a mention. */
static bool
rules_next_mention(const char *s, size_t *pos, size_t *off, size_t *len)
{
	size_t i = *pos, j;

	for (; s[i] != '\0'; i++) {
		/* Jump to the next '@' or the end (a prompt has few '@'). */
		i += strcspn(s + i, "@");
		if (s[i] == '\0')
			break;
		if (i > 0 && rules_alnum((unsigned char)s[i - 1]))
			continue;
		j = i + 1 + rules_name_len(s + i + 1);
		if (j == i + 1)
			continue;
		*off = i;
		*len = j - i;
		*pos = j;
		return true;
	}
	*pos = i;
	return false;
}

void
rules_each_mention(const char *prompt,
    void (*fn)(void *, size_t, size_t, const char *, size_t), void *arg)
{
	size_t pos = 0, off, len;

	while (rules_next_mention(prompt, &pos, &off, &len))
		fn(arg, off, len, prompt + off + 1, len - 1);
}

static bool
rules_element_named(const struct storyboard *sb, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sb->nelements; i++) {
		if (sb->elements[i].name != NULL &&
		    strlen(sb->elements[i].name) == len &&
		    memcmp(sb->elements[i].name, name, len) == 0)
			return true;
	}
	return false;
}

/* The unknown names of one prompt already warned about, in a fixed table
 * (a check allocates nothing): each mention is looked up once, so a prompt
 * of a million mentions costs a million look-ups, not their square. */
#define RULES_SEEN 512	/* slots; at most half are used */

struct rules_seen {
	const char	*name[RULES_SEEN];
	size_t		 len[RULES_SEEN];
	size_t		 n;
};

/* True if name was not in the table (and now is); false if it was, or if
 * the table is full. */
static bool
rules_seen_add(struct rules_seen *t, const char *name, size_t len, bool *full)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	for (h &= RULES_SEEN - 1; t->name[h] != NULL; h = (h + 1) & (RULES_SEEN - 1))
		if (t->len[h] == len && memcmp(t->name[h], name, len) == 0)
			return false;
	if (t->n == RULES_SEEN / 2) {
		*full = true;
		return false;
	}
	t->name[h] = name;
	t->len[h] = len;
	t->n++;
	return true;
}

/* Rule 9, once per unknown name in a prompt. */
static void
rules_mentions(const struct storyboard *sb, const char *prompt, const char *path,
    struct diag_list *out)
{
	struct rules_seen seen;
	size_t pos = 0, off, len, more = 0;
	struct rules_q q;
	char num[32];
	bool full = false;

	memset(seen.name, 0, sizeof seen.name);
	seen.n = 0;
	while (rules_next_mention(prompt, &pos, &off, &len)) {
		if (rules_element_named(sb, prompt + off + 1, len - 1))
			continue;
		if (rules_seen_add(&seen, prompt + off, len, &full))
			W(out, path, _("%s names no element (it reaches the model as "
			    "plain text)"), rules_quote(&q, prompt + off, len));
		else if (full)
			more++;
		full = false;
	}
	if (more != 0)
		W(out, path, _("and %s more @mentions that may name no element"),
		    rules_num(num, sizeof num, more));
}

static void
rules_prompt_length(const char *prompt, const char *path, size_t max,
    struct diag_list *out)
{
	char a[32], b[32];
	size_t n = text_chars(prompt);

	if (n > max)
		W(out, path, _("%s characters, over the %s the service is expected "
		    "to accept"), rules_num(a, sizeof a, n), rules_num(b, sizeof b, max));
}

static void
rules_urls(const struct sb_strlist *l, const char *path, struct diag_list *out)
{
	char sub[DIAG_PATH_MAX];
	struct rules_q q;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (rules_is_http(l->v[i]))
			continue;
		snprintf(sub, sizeof sub, "%s[%zu]", path, i);
		E(out, sub, _("must be a public http(s) URL, got \"%s\""),
		    rules_q(&q, l->v[i]));
	}
}

/* The shots' durations added up, or -1 if the sum does not fit a long (four
 * shots of 2^62 and one of 10 must not wrap round to 10). */
static int
rules_total(const struct storyboard *sb, long *total)
{
	size_t i;

	*total = 0;
	for (i = 0; i < sb->nshots; i++)
		if (sb->shots[i].has_duration &&
		    __builtin_add_overflow(*total, sb->shots[i].duration, total))
			return -1;
	return 0;
}

static void
rules_shots(const struct storyboard *sb, bool customize, struct diag_list *out)
{
	char path[DIAG_PATH_MAX];
	const struct sb_shot *s;
	bool all_timed = true;
	long total = 0;
	size_t i;

	if (customize && !sb->has_multi_prompt &&
	    !rules_bad(&sb->input_extra, "multi_prompt"))
		E(out, "input.multi_prompt", _("is required with shot_type customize: "
		    "1 to %d shots"), SB_MAX_SHOTS);
	else if (customize && sb->has_multi_prompt && sb->nshots == 0)
		E(out, "input.multi_prompt", _("needs 1 to %d shots, got none"),
		    SB_MAX_SHOTS);
	if (sb->nshots > SB_MAX_SHOTS)
		E(out, "input.multi_prompt", _("has %zu shots; at most %d"),
		    sb->nshots, SB_MAX_SHOTS);

	for (i = 0; i < sb->nshots; i++) {
		s = &sb->shots[i];
		snprintf(path, sizeof path, "input.multi_prompt[%zu].prompt", i);
		if (s->prompt == NULL) {
			if (!rules_bad(&s->extra, "prompt"))
				E(out, path, _("is required: what happens in this shot"));
		} else if (rules_blank(s->prompt))
			E(out, path, _("is empty: say what happens in this shot"));
		else {
			rules_prompt_length(s->prompt, path, SB_SHOT_MAX_CHARS, out);
			rules_mentions(sb, s->prompt, path, out);
		}
		snprintf(path, sizeof path, "input.multi_prompt[%zu].duration", i);
		if (!s->has_duration) {
			all_timed = false;
			if (!rules_bad(&s->extra, "duration"))
				E(out, path, _("is required: whole seconds, at least 1"));
		} else if (s->duration < 1) {
			all_timed = false;
			E(out, path, _("must be at least 1 s, got %ld"), s->duration);
		}
	}
	if (customize && sb->has_duration && all_timed && sb->nshots != 0 &&
	    rules_total(sb, &total) != 0)
		E(out, "input.multi_prompt", _("shot durations add up to more than "
		    "%ld s, but duration is %ld s"), LONG_MAX, sb->duration);
	else if (customize && sb->has_duration && all_timed && sb->nshots != 0 &&
	    total != sb->duration)
		E(out, "input.multi_prompt", _("shot durations add up to %ld s, but "
		    "duration is %ld s"), total, sb->duration);
}

static void
rules_elements(const struct storyboard *sb, struct diag_list *out)
{
	char path[DIAG_PATH_MAX];
	const struct sb_element *e;
	struct rules_q q;
	size_t i, j;

	if (sb->nelements > SB_MAX_ELEMENTS)
		E(out, "input.element_list", _("has %zu elements; at most %d"),
		    sb->nelements, SB_MAX_ELEMENTS);
	for (i = 0; i < sb->nelements; i++) {
		e = &sb->elements[i];
		snprintf(path, sizeof path, "input.element_list[%zu].name", i);
		if (e->name == NULL) {
			if (!rules_bad(&e->extra, "name"))
				E(out, path, _("is required: prompts refer to the "
				    "element as @name"));
		} else if (*e->name == '\0')
			E(out, path, _("is empty: prompts refer to the element as @name"));
		else {
			for (j = 0; j < i; j++) {
				if (sb->elements[j].name != NULL &&
				    strcmp(sb->elements[j].name, e->name) == 0) {
					E(out, path, _("\"%s\" is already the name of "
					    "element_list[%zu]"), rules_q(&q, e->name), j);
					break;
				}
			}
			if (e->name[rules_name_len(e->name)] != '\0')
				W(out, path, _("\"%s\" cannot be written as an @mention: "
				    "use letters, digits, '_' and '-'"),
				    rules_q(&q, e->name));
		}
		snprintf(path, sizeof path,
		    "input.element_list[%zu].element_image_urls", i);
		if (!e->has_images) {
			if (!rules_bad(&e->extra, "element_image_urls"))
				E(out, path, _("is required: 1 to %d image URLs"),
				    SB_MAX_ELEMENT_IMAGES);
		} else if (e->images.n == 0)
			E(out, path, _("needs 1 to %d image URLs, got none"),
			    SB_MAX_ELEMENT_IMAGES);
		else if (e->images.n > SB_MAX_ELEMENT_IMAGES)
			E(out, path, _("has %zu images; at most %d"), e->images.n,
			    SB_MAX_ELEMENT_IMAGES);
		rules_urls(&e->images, path, out);
	}
}

static void
rules_choice(const char *value, const char *path, const char *const *choices,
    enum diag_severity sev, struct diag_list *out)
{
	char list[128];
	struct rules_q q;
	size_t i, o = 0;

	if (value == NULL)
		return;
	for (i = 0; choices[i] != NULL; i++)
		if (strcmp(value, choices[i]) == 0)
			return;
	for (i = 0; choices[i] != NULL; i++)
		o += (size_t)snprintf(list + o, sizeof list - o, "%s\"%s\"",
		    i == 0 ? "" : choices[i + 1] == NULL ? _(" or ") : _(", "), choices[i]);
	diag_add(out, sev, path, _("must be %s, got \"%s\""), list, rules_q(&q, value));
}


size_t
rules_check(const struct storyboard *sb, struct diag_list *out)
{
	const struct sb_extras *x = &sb->input_extra;
	bool customize, intelligence;
	enum sb_tri ms = sb->multi_shots;
	struct rules_q q;
	size_t n;

	diag_list_clear(out);
	diag_append(out, sb->load_diags);

	/* Rule 8: model. */
	if (sb->model == NULL) {
		if (!rules_bad(&sb->extra, "model"))
			E(out, "model", _("is required: \"%s\""), SB_MODEL);
	} else if (strcmp(sb->model, SB_MODEL) != 0)
		E(out, "model", _("must be \"%s\", got \"%s\""), SB_MODEL,
		    rules_q(&q, sb->model));
	if (sb->callback_url != NULL && !rules_is_http(sb->callback_url))
		E(out, "callback_url", _("must be an http(s) URL, got \"%s\""),
		    rules_q(&q, sb->callback_url));
	if (!sb->has_input) {
		if (!rules_bad(&sb->extra, "input"))
			E(out, "input", _("is required: the task's fields go in it"));
		return diag_count(out, DIAG_ERROR);
	}

	rules_choice(sb->mode, "input.mode", vocab_modes, DIAG_ERROR, out);

	/* Rule 1. */
	if (ms == SB_UNSET && !rules_bad(x, "multi_shots"))
		E(out, "input.multi_shots", _("is required: true (multi-shot) or "
		    "false (single shot)"));

	/* Rules 2 and 5: shot_type. */
	customize = ms == SB_TRUE && sb->shot_type != NULL &&
	    strcmp(sb->shot_type, VOCAB_SHOT_CUSTOMIZE) == 0;
	intelligence = ms == SB_TRUE && sb->shot_type != NULL &&
	    strcmp(sb->shot_type, VOCAB_SHOT_INTELLIGENCE) == 0;
	if (ms == SB_TRUE && sb->shot_type == NULL) {
		if (!rules_bad(x, "shot_type"))
			E(out, "input.shot_type", _("is required when multi_shots is "
			    "true: \"customize\" or \"intelligence\""));
	} else if (ms == SB_TRUE)
		rules_choice(sb->shot_type, "input.shot_type", vocab_shot_types,
		    DIAG_ERROR, out);
	else if (ms == SB_FALSE && sb->shot_type != NULL)
		W(out, "input.shot_type", _("is dropped in single-shot mode (the "
		    "service sets it to null)"));

	/* Rules 4 and 5: prompt. */
	if (sb->prompt == NULL || rules_blank(sb->prompt)) {
		if ((ms == SB_FALSE || intelligence) && !rules_bad(x, "prompt"))
			E(out, "input.prompt", _("is %s %s"), sb->prompt == NULL ?
			    _("required") : _("empty, but needed"),
			    ms == SB_FALSE ? _("in single-shot mode") :
			    _("with shot_type intelligence"));
	} else {
		if (customize)
			W(out, "input.prompt", _("is not used with shot_type "
			    "customize: each shot has its own prompt"));
		rules_prompt_length(sb->prompt, "input.prompt", SB_PROMPT_MAX_CHARS,
		    out);
		rules_mentions(sb, sb->prompt, "input.prompt", out);
	}

	/* Rules 2 and 5: images. */
	n = sb->img_urls.n;
	if (ms == SB_TRUE && n != 1 && !rules_bad(x, "img_urls"))
		E(out, "input.img_urls", _("multi-shot needs exactly 1 image, got %zu"), n);
	else if (ms == SB_FALSE && n > 2)
		E(out, "input.img_urls", _("a single shot takes 0, 1 or 2 images "
		    "(start and end frame), got %zu"), n);
	rules_urls(&sb->img_urls, "input.img_urls", out);

	/* Rules 3 and 4: shots. */
	if (intelligence && (sb->has_multi_prompt || rules_bad(x, "multi_prompt")))
		E(out, "input.multi_prompt", _("must be absent with shot_type "
		    "intelligence (the model plans the shots)"));
	else if (ms == SB_FALSE && sb->has_multi_prompt)
		W(out, "input.multi_prompt", _("is not used in single-shot mode "
		    "(its shots are not checked)"));
	/* An unused list is only warned about, not checked as well. */
	if (ms != SB_FALSE)
		rules_shots(sb, customize, out);

	/* Rule 7. */
	rules_elements(sb, out);

	/* Rule 8: duration. */
	if (!sb->has_duration) {
		if (!rules_bad(x, "duration"))
			E(out, "input.duration", _("is required: %d to %d s"),
			    SB_MIN_DURATION, SB_MAX_DURATION);
	} else if (sb->duration < SB_MIN_DURATION || sb->duration > SB_MAX_DURATION)
		E(out, "input.duration", _("must be %d to %d s, got %ld"),
		    SB_MIN_DURATION, SB_MAX_DURATION, sb->duration);

	/* Rule 6. */
	rules_choice(sb->aspect_ratio, "input.aspect_ratio", vocab_ratios,
	    DIAG_WARNING, out);
	if (sb->aspect_ratio != NULL && n != 0)
		W(out, "input.aspect_ratio", _("is ignored when img_urls is given: "
		    "the video follows the first image"));

	/* Rule 2: audio. */
	if (ms == SB_TRUE && sb->audio == SB_FALSE)
		W(out, "input.audio", _("is forced to true in multi-shot mode"));

	rules_choice(sb->input_compliance, "input.input_compliance",
	    vocab_compliance, DIAG_WARNING, out);
	rules_choice(sb->output_compliance, "input.output_compliance",
	    vocab_compliance, DIAG_WARNING, out);

	return diag_count(out, DIAG_ERROR);
}

size_t
rules_check_image(const char *path, const struct rules_image *im,
    struct diag_list *out)
{
	size_t n = 0;
	int sh;

	if (im->type != NULL && !im->supported) {
		E(out, path, _("is a %s file; the service takes only JPEG or PNG"), im->type);
		n++;
	}
	if (im->over || im->bytes > RULES_IMAGE_MAX_BYTES) {
		if (im->bytes > RULES_IMAGE_MAX_BYTES)
			E(out, path, _("the image is %.1f MB; the service takes at most 10 MB"),
			    (double)im->bytes / (1024 * 1024));
		else
			E(out, path, _("the image is over 10 MB; the service takes at most 10 MB"));
		n++;
	}
	sh = im->width < im->height ? im->width : im->height;
	if (im->width > 0 && im->height > 0 && sh < RULES_IMAGE_MIN_SIDE) {
		E(out, path, _("the image is %d\u00d7%d px; the service needs at least %d px "
		    "on the short side"), im->width, im->height, RULES_IMAGE_MIN_SIDE);
		n++;
	}
	return n;
}
