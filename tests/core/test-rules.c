/* kling-tui: tests for rules.c: each rule of API.md section 1 passing and
 * failing, the edges, and the cost of a check.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <time.h>

#include "core-test.h"
#include "rules.h"
#include "storyboard.h"
#include "xmalloc.h"

/* Count allocations, to prove a warmed-up check makes none. Sanitizers bring
 * their own malloc: there the count is skipped. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifdef SANITIZED
#define COUNT_ALLOCS 0
#else
#define COUNT_ALLOCS 1
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
void *malloc(size_t);
void *calloc(size_t, size_t);
void *realloc(void *, size_t);
static size_t allocs;
void *malloc(size_t n) { allocs++; return __libc_malloc(n); }
void *calloc(size_t n, size_t s) { allocs++; return __libc_calloc(n, s); }
void *realloc(void *p, size_t n) { allocs++; return __libc_realloc(p, n); }
#endif

static struct diag_list *d;

static size_t
check(const struct storyboard *sb)
{
	return rules_check(sb, d);
}

static void
want(const struct storyboard *sb, enum diag_severity sev, const char *path,
    const char *text, const char *name)
{
	check(sb);
	if (!ok(diags_at(d, sev, path, text) == 1, "%s", name)) {
		diag_note("want %s at %s: %s", diag_severity_name(sev), path, text);
		dump_diags(d);
	}
}

static void
clean(const struct storyboard *sb, const char *name)
{
	if (!ok(check(sb) == 0 && d->n == 0, "%s", name))
		dump_diags(d);
}

static struct storyboard *
decode(const char *text)
{
	struct storyboard *sb = codec_decode(text, strlen(text), NULL);

	return sb != NULL ? sb : sb_new();
}

/* n copies of unit (one character) as a prompt. */
static void
set_chars(char **field, const char *unit, size_t n)
{
	size_t ul = strlen(unit), i;
	char *s = malloc(ul * n + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * ul, unit, ul);
	s[ul * n] = '\0';
	free(*field);
	*field = s;
}

static void
test_rule1(void)
{
	struct storyboard *sb = sb_template("text-to-video");

	clean(sb, "rule 1: text-to-video example is clean");
	sb->multi_shots = SB_UNSET;
	want(sb, DIAG_ERROR, "input.multi_shots", "is required", "rule 1: multi_shots missing");
	sb_free(&sb);

	sb = decode("{\"model\":\"kling/v3\",\"input\":{\"multi_shots\":\"yes\","
	    "\"prompt\":\"p\",\"duration\":5}}");
	check(sb);
	is_int(diags_at(d, DIAG_ERROR, "input.multi_shots", NULL), 1,
	    "rule 1: a wrongly typed multi_shots gets one error, not also 'missing'");
	ok(d->n > 0 && strcmp(d->v[0].path, "input.multi_shots") == 0 &&
	    strstr(d->v[0].msg, "got a string") != NULL,
	    "the decoder's diagnostics come first");
	sb_free(&sb);
}

static void
test_rule2(void)
{
	struct storyboard *sb = sb_template("multi-shot-customize");

	clean(sb, "rule 2: multi-shot with exactly 1 image is clean");
	sb_strlist_clear(&sb->img_urls);
	want(sb, DIAG_ERROR, "input.img_urls", "exactly 1 image, got 0",
	    "rule 2: multi-shot without an image");
	sb_strlist_push(&sb->img_urls, "https://e/a.png");
	sb_strlist_push(&sb->img_urls, "https://e/b.png");
	want(sb, DIAG_ERROR, "input.img_urls", "exactly 1 image, got 2",
	    "rule 2: multi-shot with 2 images");
	sb_strlist_remove(&sb->img_urls, 1);
	sb->audio = SB_FALSE;
	want(sb, DIAG_WARNING, "input.audio", "forced to true",
	    "rule 2: audio false in multi-shot: a warning");
	is_int(diag_count(d, DIAG_ERROR), 0, "rule 2: ... and not an error");
	sb->audio = SB_TRUE;
	sb_set_str(&sb->shot_type, NULL);
	want(sb, DIAG_ERROR, "input.shot_type", "is required when multi_shots is true",
	    "rule 2: shot_type missing");
	sb_set_str(&sb->shot_type, "auto");
	want(sb, DIAG_ERROR, "input.shot_type",
	    "must be \"customize\" or \"intelligence\", got \"auto\"",
	    "rule 2: shot_type not a known one");
	sb_free(&sb);
}

static void
test_rule3(void)
{
	struct storyboard *sb = sb_template("multi-shot-customize"), *c;
	size_t i;

	sb->shots[1].duration = 5;
	want(sb, DIAG_ERROR, "input.multi_prompt",
	    "shot durations add up to 9 s, but duration is 10 s",
	    "rule 3: durations must add up");
	sb->shots[1].duration = 0;
	want(sb, DIAG_ERROR, "input.multi_prompt[1].duration", "at least 1 s, got 0",
	    "rule 3: a shot of 0 s");
	/* 4 + 0 is not 10: only the guard keeps the sum error away. */
	is_int(diags_at(d, DIAG_ERROR, "input.multi_prompt", "add up"), 0,
	    "rule 3: no sum error piled on a bad shot");
	sb->duration = 4;
	sb->shots[1].has_duration = false;
	want(sb, DIAG_ERROR, "input.multi_prompt[1].duration", "is required",
	    "rule 3: a shot without a duration");
	sb_free(&sb);
	/* A single shot is summed as well as two. */
	sb = sb_template("multi-shot-customize");
	i = sb->nshots;
	sb->nshots = 1;
	sb->shots[0].duration = 3;
	want(sb, DIAG_ERROR, "input.multi_prompt",
	    "shot durations add up to 3 s, but duration is 10 s",
	    "rule 3: one shot's duration must be the whole");
	sb->nshots = i;
	sb_free(&sb);

	/* Exactly 6 shots and exactly 15 s: the edges are allowed. */
	sb = sb_template("multi-shot-customize");
	while (sb->nshots > 0)
		sb_shot_delete(sb, 0);
	for (i = 0; i < 6; i++)
		sb_shot_add(sb, i, "A shot.", i < 3 ? 2 : 3);
	sb->duration = 15;
	clean(sb, "rule 3: exactly 6 shots adding up to exactly 15 s");
	c = sb_clone(sb);
	c->shots = realloc(c->shots, 7 * sizeof *c->shots);
	memset(&c->shots[6], 0, sizeof c->shots[6]);
	c->shots[6].prompt = strdup("Seventh.");
	c->shots[6].duration = 1;
	c->shots[6].has_duration = true;
	c->nshots = 7;
	c->duration = 16;
	want(c, DIAG_ERROR, "input.multi_prompt", "has 7 shots; at most 6",
	    "rule 3: 7 shots (as a file may have)");
	sb_free(&c);

	while (sb->nshots > 0)
		sb_shot_delete(sb, 0);
	want(sb, DIAG_ERROR, "input.multi_prompt", "needs 1 to 6 shots, got none",
	    "rule 3: an empty multi_prompt");
	sb->has_multi_prompt = false;
	want(sb, DIAG_ERROR, "input.multi_prompt", "is required with shot_type customize",
	    "rule 3: customize without multi_prompt");
	sb_free(&sb);

	sb = sb_template("multi-shot-customize");
	sb_set_str(&sb->shots[0].prompt, "  ");
	want(sb, DIAG_ERROR, "input.multi_prompt[0].prompt", "is empty",
	    "rule 3: a blank shot prompt");
	set_chars(&sb->shots[0].prompt, "a", SB_SHOT_MAX_CHARS);
	clean(sb, "rule 3: a shot prompt of exactly 512 characters");
	set_chars(&sb->shots[0].prompt, "a", SB_SHOT_MAX_CHARS + 1);
	want(sb, DIAG_WARNING, "input.multi_prompt[0].prompt", "513 characters, over the 512",
	    "rule 3: a shot prompt of 513 characters: a warning");
	set_chars(&sb->shots[0].prompt, "\xe4\xb8\xad", SB_SHOT_MAX_CHARS);
	clean(sb, "rule 3: 512 CJK characters (1,536 bytes) are within the limit");
	sb_set_str(&sb->prompt, "A prompt customize does not read.");
	want(sb, DIAG_WARNING, "input.prompt", "not used with shot_type customize",
	    "rule 3: a prompt beside customize shots: a warning");
	sb_free(&sb);
}

static void
test_rule4(void)
{
	struct storyboard *sb = sb_template("multi-shot-intelligence");

	clean(sb, "rule 4: intelligence example is clean");
	sb_shot_add(sb, 0, "A shot.", 10);
	want(sb, DIAG_ERROR, "input.multi_prompt", "must be absent with shot_type intelligence",
	    "rule 4: multi_prompt with intelligence");
	sb_shot_delete(sb, 0);
	want(sb, DIAG_ERROR, "input.multi_prompt", "must be absent",
	    "rule 4: even an empty multi_prompt");
	sb->has_multi_prompt = false;
	sb_set_str(&sb->prompt, NULL);
	want(sb, DIAG_ERROR, "input.prompt", "is required with shot_type intelligence",
	    "rule 4: intelligence without a prompt");
	set_chars(&sb->prompt, "a", SB_PROMPT_MAX_CHARS);
	clean(sb, "rule 4: a prompt of exactly 2,500 characters");
	set_chars(&sb->prompt, "a", SB_PROMPT_MAX_CHARS + 1);
	want(sb, DIAG_WARNING, "input.prompt", "2,501 characters, over the 2,500",
	    "rule 4: 2,501 characters: a warning");
	set_chars(&sb->prompt, "\xe4\xb8\xad", SB_PROMPT_MAX_CHARS);
	clean(sb, "rule 4: 2,500 CJK characters are fine");
	sb_free(&sb);
}

static void
test_rule5(void)
{
	struct storyboard *sb = sb_template("image-to-video");

	clean(sb, "rule 5: image-to-video (1 image) is clean");
	sb_strlist_push(&sb->img_urls, "https://example.com/end.jpg");
	clean(sb, "rule 5: 2 images (start and end frame) in single-shot mode");
	sb_strlist_push(&sb->img_urls, "https://example.com/third.jpg");
	want(sb, DIAG_ERROR, "input.img_urls", "0, 1 or 2 images", "rule 5: 3 images");
	sb_strlist_remove(&sb->img_urls, 2);
	sb_set_str(&sb->prompt, NULL);
	want(sb, DIAG_ERROR, "input.prompt", "is required in single-shot mode",
	    "rule 5: single shot without a prompt");
	sb_set_str(&sb->prompt, "");
	want(sb, DIAG_ERROR, "input.prompt", "empty", "rule 5: an empty prompt");
	sb_set_str(&sb->prompt, "Fire.");
	sb_set_str(&sb->shot_type, "customize");
	want(sb, DIAG_WARNING, "input.shot_type", "dropped in single-shot mode",
	    "rule 5: shot_type given in single-shot mode: a warning");
	is_int(diag_count(d, DIAG_ERROR), 0, "rule 5: ... and not an error");
	sb_set_str(&sb->shot_type, NULL);
	sb->shot_type_null = true;
	clean(sb, "rule 5: shot_type null is what the service sets");
	sb_free(&sb);
}

static void
test_rule6(void)
{
	struct storyboard *sb = sb_template("image-to-video");

	sb_set_str(&sb->aspect_ratio, "16:9");
	want(sb, DIAG_WARNING, "input.aspect_ratio", "ignored when img_urls is given",
	    "rule 6: aspect_ratio beside images: a warning");
	sb_strlist_clear(&sb->img_urls);
	clean(sb, "rule 6: aspect_ratio without images is used");
	sb_set_str(&sb->aspect_ratio, "4:3");
	want(sb, DIAG_WARNING, "input.aspect_ratio", "\"16:9\", \"9:16\" or \"1:1\"",
	    "aspect_ratio not a known one: a warning");
	sb_set_str(&sb->aspect_ratio, "1:1");
	clean(sb, "aspect_ratio 1:1");
	sb_free(&sb);
}

static void
test_rule7(void)
{
	struct storyboard *sb = sb_template("elements");
	size_t i;

	clean(sb, "rule 7: elements example is clean");
	for (i = sb->elements[0].images.n; i < 4; i++)
		sb_strlist_push(&sb->elements[0].images, "https://example.com/dog.png");
	clean(sb, "rule 7: 4 images in an element");
	sb_strlist_push(&sb->elements[0].images, "https://example.com/dog5.png");
	want(sb, DIAG_ERROR, "input.element_list[0].element_image_urls",
	    "has 5 images; at most 4", "rule 7: 5 images");
	sb_strlist_clear(&sb->elements[0].images);
	want(sb, DIAG_ERROR, "input.element_list[0].element_image_urls",
	    "1 to 4 image URLs, got none", "rule 7: no image");
	sb->elements[0].has_images = false;
	want(sb, DIAG_ERROR, "input.element_list[0].element_image_urls", "is required",
	    "rule 7: element_image_urls missing");
	sb->elements[0].has_images = true;
	sb_strlist_push(&sb->elements[0].images, "file:///home/me/dog.png");
	want(sb, DIAG_ERROR, "input.element_list[0].element_image_urls[0]",
	    "must be a public http(s) URL", "rule 7: an element image that is not http(s)");
	sb_strlist_clear(&sb->elements[0].images);
	sb_strlist_push(&sb->elements[0].images, "https://example.com/dog.png");

	sb_element_add(sb, "element_dog", "again");
	sb_strlist_push(&sb->elements[1].images, "https://example.com/x.png");
	want(sb, DIAG_ERROR, "input.element_list[1].name",
	    "\"element_dog\" is already the name of element_list[0]",
	    "rule 7: names must be unique");
	sb_set_str(&sb->elements[1].name, "");
	want(sb, DIAG_ERROR, "input.element_list[1].name", "is empty", "rule 7: empty name");
	sb_set_str(&sb->elements[1].name, NULL);
	want(sb, DIAG_ERROR, "input.element_list[1].name", "is required",
	    "rule 7: missing name");
	sb_set_str(&sb->elements[1].name, "my cat");
	want(sb, DIAG_WARNING, "input.element_list[1].name", "cannot be written as an @mention",
	    "a name a mention cannot reach: a warning");
	sb_set_str(&sb->elements[1].name, "cat");
	sb_element_add(sb, "owl", NULL);
	sb_strlist_push(&sb->elements[2].images, "https://example.com/owl.png");
	clean(sb, "rule 7: exactly 3 elements");
	sb->elements = realloc(sb->elements, 4 * sizeof *sb->elements);
	memset(&sb->elements[3], 0, sizeof sb->elements[3]);
	sb->elements[3].name = strdup("bat");
	sb->elements[3].has_images = true;
	sb_strlist_push(&sb->elements[3].images, "https://example.com/bat.png");
	sb->nelements = 4;
	want(sb, DIAG_ERROR, "input.element_list", "has 4 elements; at most 3",
	    "rule 7: 4 elements");
	sb_free(&sb);
}

static void
test_rule8(void)
{
	struct storyboard *sb = sb_template("text-to-video");

	sb->duration = 3;
	clean(sb, "rule 8: duration 3 s");
	sb->duration = 15;
	clean(sb, "rule 8: duration 15 s");
	sb->duration = 2;
	want(sb, DIAG_ERROR, "input.duration", "3 to 15 s, got 2", "rule 8: 2 s");
	sb->duration = 16;
	want(sb, DIAG_ERROR, "input.duration", "3 to 15 s, got 16", "rule 8: 16 s");
	sb->has_duration = false;
	want(sb, DIAG_ERROR, "input.duration", "is required", "rule 8: no duration");
	sb->has_duration = true;
	sb->duration = 5;
	sb_set_str(&sb->mode, "pro");
	clean(sb, "rule 8: mode pro");
	sb_set_str(&sb->mode, "ultra");
	want(sb, DIAG_ERROR, "input.mode", "\"std\" or \"pro\", got \"ultra\"",
	    "rule 8: mode ultra");
	sb_set_str(&sb->mode, "std");
	sb_set_str(&sb->model, "kling/v2");
	want(sb, DIAG_ERROR, "model", "must be \"kling/v3\", got \"kling/v2\"",
	    "rule 8: another model");
	sb_set_str(&sb->model, "kling\x1b[2J\xc2\x9b" "2J/v3");
	want(sb, DIAG_ERROR, "model", "got \"kling?[2J?2J/v3\"",
	    "a quoted value shows controls, C1 included, as '?'");
	sb_set_str(&sb->model, NULL);
	want(sb, DIAG_ERROR, "model", "is required", "rule 8: no model");
	sb_set_str(&sb->model, SB_MODEL);
	sb_set_str(&sb->callback_url, "ftp://example.com/hook");
	want(sb, DIAG_ERROR, "callback_url", "http(s) URL", "callback_url not http(s)");
	sb_set_str(&sb->callback_url, "https://example.com/hook");
	clean(sb, "callback_url https");
	sb_set_str(&sb->input_compliance, "maybe");
	want(sb, DIAG_WARNING, "input.input_compliance", "\"enabled\" or \"disabled\"",
	    "compliance not a known value: a warning");
	sb_set_str(&sb->input_compliance, "disabled");
	clean(sb, "compliance disabled");
	sb_strlist_push(&sb->img_urls, "example.com/a.png");
	sb_set_str(&sb->aspect_ratio, NULL);
	want(sb, DIAG_ERROR, "input.img_urls[0]", "public http(s) URL",
	    "img_urls entry without a scheme");
	sb->has_input = false;
	want(sb, DIAG_ERROR, "input", "is required", "no input at all");
	sb_free(&sb);
}

struct seen {
	size_t	n;
	size_t	off[8];
	size_t	len[8];
	char	name[8][32];
};

static void
on_mention(void *arg, size_t off, size_t len, const char *name, size_t namelen)
{
	struct seen *s = arg;

	if (s->n < 8) {
		s->off[s->n] = off;
		s->len[s->n] = len;
		snprintf(s->name[s->n], sizeof s->name[0], "%.*s", (int)namelen, name);
	}
	s->n++;
}

static void
test_rule9(void)
{
	struct storyboard *sb = sb_template("elements");
	struct seen s = { 0 };

	rules_each_mention("@hero meets @dog-2, mail a@b.c; @\xe8\x8b\xb1\xe9\x9b\x84!"
	    " @ alone", on_mention, &s);
	is_int(s.n, 3, "mentions: three found, the e-mail and a lone @ skipped");
	is_int(s.off[0], 0, "mentions: first at 0");
	is_str(s.name[0], "hero", "mentions: name without the @");
	is_str(s.name[1], "dog-2", "mentions: '-' and digits belong to a name");
	is_int(s.off[1], 12, "mentions: offset in bytes");
	is_int(s.len[1], 6, "mentions: length includes the @");
	is_str(s.name[2], "\xe8\x8b\xb1\xe9\x9b\x84", "mentions: a CJK name");

	sb_set_str(&sb->prompt, "A room with @element_dog and @element_cat, @element_cat again.");
	want(sb, DIAG_WARNING, "input.prompt", "@element_cat names no element",
	    "rule 9: an unknown @name: one warning, however often it appears");
	is_int(diag_count(d, DIAG_ERROR), 0, "rule 9: a warning, not an error");
	/* A long name is quoted to 40 characters, then "...". */
	sb_set_str(&sb->prompt, "A room with @n123456789012345678901234567890123456789012345.");
	want(sb, DIAG_WARNING, "input.prompt",
	    "@n12345678901234567890123456789012345678... names no element",
	    "rule 9: a long @name quoted to 40 characters and \"...\"");
	sb_set_str(&sb->prompt, "Write to dog@element_dog.com for a room.");
	clean(sb, "rule 9: an e-mail address is not a mention");
	sb_free(&sb);

	sb = sb_template("multi-shot-customize");
	sb_set_str(&sb->shots[1].prompt, "Then @ghost appears.");
	want(sb, DIAG_WARNING, "input.multi_prompt[1].prompt", "@ghost names no element",
	    "rule 9: mentions in shot prompts are checked too");
	sb_free(&sb);
}

static void
test_rule10(void)
{
	struct storyboard *sb = load_fixture("elements-as-printed.json");

	ok(sb != NULL, "the page's element example loads");
	if (sb == NULL)
		return;
	check(sb);
	is_int(diags_at(d, DIAG_ERROR, "input.element_list[0].name", "duplicate key"), 1,
	    "rule 10: the page's duplicate key is an error");
	ok(d->n >= 2 && strstr(d->v[0].msg, "duplicate") != NULL &&
	    strstr(d->v[1].msg, "duplicate") != NULL, "rule 10: decoder findings first");
	sb_free(&sb);

	sb = load_fixture("unknown-keys.json");
	check(sb);
	ok(diag_count(d, DIAG_ERROR) == 0 && diags_at(d, DIAG_WARNING,
	    "input.negative_prompt", "unknown key") == 1,
	    "rule 10: unknown keys: a warning-only storyboard has no errors");
	sb_free(&sb);

	sb = decode("{\"model\":\"kling/v3\",\"input\":{\"multi_shots\":false,"
	    "\"prompt\":7,\"duration\":\"5\"}}");
	check(sb);
	is_int(diags_at(d, DIAG_ERROR, "input.prompt", NULL), 1,
	    "rule 10: prompt of the wrong type: one error, no 'missing' on top");
	is_int(diags_at(d, DIAG_ERROR, "input.duration", NULL), 1,
	    "rule 10: duration of the wrong type: one error");
	sb_free(&sb);
}

/* The summary line of a capped list: a long message is cut to fit, lists
 * joined keep their counts and say whether all said the same. */
static void
test_diag_cap(void)
{
	struct diag_list *a = diag_list_new(), *b = diag_list_new();
	char longmsg[DIAG_MSG_MAX + 10];
	size_t i;

	memset(longmsg, 'x', sizeof longmsg - 1);
	longmsg[sizeof longmsg - 1] = '\0';
	for (i = 0; i < DIAG_KEEP + 5; i++)
		diag_add(a, DIAG_WARNING, "p", "%s", longmsg);
	is_int(strlen(a->v[DIAG_KEEP].msg), DIAG_MSG_MAX - 1,
	    "item 3: a long summary is cut to the message's size");
	ok(strncmp(a->v[DIAG_KEEP].msg, "and 5 more: xxx", 15) == 0,
	    "item 3: and starts with the count");
	for (i = 0; i < DIAG_KEEP + 3; i++)
		diag_add(b, DIAG_ERROR, "q", "other");
	diag_append(a, b);
	ok(diag_count(a, DIAG_WARNING) == DIAG_KEEP + 5 &&
	    diag_count(a, DIAG_ERROR) == DIAG_KEEP + 3 && a->n == DIAG_KEEP + 1,
	    "item 3: appended lists keep every count");
	is_str(a->v[DIAG_KEEP].msg, "and 108 more (103 errors, 5 warnings)",
	    "item 3: different findings are not summed up as one");
	is_int(a->v[DIAG_KEEP].sev, DIAG_ERROR, "item 3: an error among them "
	    "makes the summary an error");
	diag_list_free(&a);
	diag_list_free(&b);
}

/* Warnings for a prompt of n distinct unknown names: one each up to 256,
 * then one that sums up the rest. */
static size_t
unknown_warnings(struct storyboard *sb, char prefix, size_t n)
{
	char *p = xmalloc(n * 8 + 1);
	size_t i, o = 0;

	p[0] = '\0';
	for (i = 0; i < n; i++)
		o += (size_t)sprintf(p + o, "@%c%zu ", prefix, i);
	sb_set_str(&sb->prompt, p);
	free(p);
	check(sb);
	return diag_count(d, DIAG_WARNING);
}

static void
test_unknown_cap(void)
{
	struct storyboard *sb = sb_template("text-to-video");
	size_t base = unknown_warnings(sb, 'u', 0);
	static const size_t n[] = { 1, 255, 256, 257, 300, 350 };	/* under 2,500 characters */
	size_t i, want, got;
	int bad = 0;
	char c;

	/* Names of every letter: the table's slots differ from one to the
	 * next, and the count must not. */
	for (c = 'a'; c <= 'z'; c++) {
		for (i = 0; i < sizeof n / sizeof n[0]; i++) {
			want = base + (n[i] <= 256 ? n[i] : 257);
			if ((got = unknown_warnings(sb, c, n[i])) != want) {
				diag_note("%zu unknown names @%c...: %zu warnings, "
				    "not %zu", n[i], c, got - base, want - base);
				bad++;
			}
		}
	}
	is_int(bad, 0, "rule 9: one warning a name for 256 unknown names, then "
	    "one for the rest, whatever the names");
	sb_free(&sb);
}

/* The least processor time, in ns, of a few checks of sb with a prompt of n
 * distinct unknown mentions ("@n0 @n1 ..."; n == 0: a million bytes of
 * them). A check over a second is not repeated: it is not linear. */
static long
mention_cost(struct storyboard *sb, size_t n)
{
	struct timespec t0, t1;
	size_t i, o, max = n == 0 ? 1000000 : SIZE_MAX;
	long ns, best = LONG_MAX;
	char *big;
	int r;

	if (n == 0)
		n = SIZE_MAX;
	big = xmalloc(max == SIZE_MAX ? n * 10 + 1 : max + 100000);
	for (o = 0, i = 0; i < n && o < max; i++)
		o += (size_t)sprintf(big + o, "@n%zu ", i);
	sb_set_str(&sb->prompt, big);
	free(big);
	for (r = 0; r < 7; r++) {
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
		check(sb);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
		ns = (t1.tv_sec - t0.tv_sec) * 1000000000L +
		    (t1.tv_nsec - t0.tv_nsec);
		if (ns < best)
			best = ns;
		if (ns > 1000000000L)
			break;
	}
	return best;
}

/* "@a" and cp: the name the mention reads. */
static const char *
mention_with(uint32_t cp)
{
	static struct seen s;
	char buf[16] = "@a";
	size_t n = 2;

	if (cp < 0x800) {
		buf[n++] = (char)(0xc0 | cp >> 6);
	} else {
		buf[n++] = (char)(0xe0 | cp >> 12);
		buf[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
	}
	buf[n++] = (char)(0x80 | (cp & 0x3f));
	buf[n] = '\0';
	memset(&s, 0, sizeof s);
	rules_each_mention(buf, on_mention, &s);
	return s.n == 1 ? s.name[0] : "(not one mention)";
}

/* Item 21, each end of each range of punctuation that ends a name: the
 * first and the last end it, the letters just outside belong to it. */
static void
test_name_edges(void)
{
	static const uint32_t range[][2] = {
		{ 0x2000, 0x206f }, { 0x3000, 0x303f }, { 0xfe10, 0xfe1f },
		{ 0xfe30, 0xfe6f }, { 0xff01, 0xff0f }, { 0xff1a, 0xff20 },
		{ 0xff3b, 0xff40 }, { 0xff5b, 0xff65 },
	};
	/* An '@' after a letter or digit is in an e-mail address; after
	 * the characters beside a-z, A-Z and 0-9 it starts a mention. */
	static const char mail[] = "azAZ09", other[] = "`{@[/:";
	char text[8];
	size_t i, k;
	int bad = 0;
	struct seen s;

	for (i = 0; mail[i] != '\0'; i++) {
		snprintf(text, sizeof text, "x%c@b", mail[i]);
		memset(&s, 0, sizeof s);
		rules_each_mention(text, on_mention, &s);
		if (s.n != 0) {
			diag_note("%s has a mention", text);
			bad++;
		}
	}
	for (i = 0; other[i] != '\0'; i++) {
		snprintf(text, sizeof text, "x%c@b", other[i]);
		memset(&s, 0, sizeof s);
		rules_each_mention(text, on_mention, &s);
		if (s.n != 1 || strcmp(s.name[0], "b") != 0) {
			diag_note("%s has no mention @b", text);
			bad++;
		}
	}
	is_int(bad, 0, "mentions: an '@' after a-z, A-Z, 0-9 (each end) is an "
	    "e-mail's, after ` { @ [ / : a mention's");
	bad = 0;
	for (i = 0; i < sizeof range / sizeof range[0]; i++) {
		for (k = 0; k < 2; k++) {
			uint32_t in = range[i][k];
			uint32_t out = k == 0 ? in - 1 : in + 1;

			if (strcmp(mention_with(in), "a") != 0) {
				diag_note("U+%04X does not end a name", (unsigned)in);
				bad++;
			}
			if (strlen(mention_with(out)) != 1 + (out < 0x800 ? 2 : 3)) {
				diag_note("U+%04X ends a name", (unsigned)out);
				bad++;
			}
		}
	}
	is_int(bad, 0, "item 21: each punctuation range's first and last end a "
	    "name, the characters either side of it do not");
	is_str(mention_with(0xbf), "a", "item 21: U+00BF, the last Latin-1 sign, "
	    "ends a name");
	is_str(mention_with(0xc0), "a\xc3\x80", "item 21: U+00C0, the first "
	    "Latin-1 letter, belongs to it");
}

/* Issue 12: sums that overflow, names that end at CJK punctuation, an unused
 * multi_prompt, null on optional fields, capped diagnostics, and a prompt
 * of a million bytes of mentions. */
static void
test_hardening(void)
{
	struct storyboard *sb = sb_template("multi-shot-customize");
	struct seen s = { 0 };
	char *big, *text;
	size_t i, o;
	long ns, ns_small, ns_large;
	static const char *const optional[] = { "mode", "aspect_ratio", "audio",
		"input_compliance", "output_compliance", NULL };

	/* Item 18: four shots of 2^62 and one of 10 wrap round to 10. */
	while (sb->nshots < 5)
		sb_shot_add(sb, sb->nshots, "more", 1);
	for (i = 0; i < 4; i++)
		sb->shots[i].duration = 1L << 62;
	sb->shots[4].duration = 10;
	sb->duration = 10;
	want(sb, DIAG_ERROR, "input.multi_prompt", "add up to more than",
	    "item 18: an overflowing sum of shots is an error");
	sb_free(&sb);

	/* Item 21. */
	sb = sb_template("text-to-video");
	sb_element_add(sb, "hero", "a hero");
	sb_element_add(sb, "\xe8\x8b\xb1\xe9\x9b\x84", "a hero");
	sb_set_str(&sb->prompt, "@hero\xe3\x80\x82 Then @\xe8\x8b\xb1\xe9\x9b\x84"
	    "\xef\xbc\x8c and @hero\xe3\x80\x80waits (@hero\xef\xbc\x89.");
	check(sb);
	is_int(diags_at(d, DIAG_WARNING, "input.prompt", "names no element"), 0,
	    "item 21: @name ends at CJK punctuation and the ideographic space");
	rules_each_mention("@hero\xe3\x80\x82", on_mention, &s);
	is_str(s.name[0], "hero", "item 21: the mention is @hero, without the 。");
	/* The edge of Latin-1: U+00BF ends a name, U+00C0 is a letter. */
	rules_each_mention("@a\xc2\xbf @\xc3\x80ndre", on_mention, &s);
	ok(s.n == 3 && strcmp(s.name[1], "a") == 0 &&
	    strcmp(s.name[2], "\xc3\x80ndre") == 0,
	    "item 21: U+00BF ends a name, U+00C0 belongs to it");
	test_name_edges();
	sb_free(&sb);

	/* Item 22: an unused multi_prompt is warned about, not checked. */
	sb = sb_template("text-to-video");
	sb_shot_add(sb, 0, "", 0);
	check(sb);
	is_int(diags_at(d, DIAG_WARNING, "input.multi_prompt", "is not used"), 1,
	    "item 22: single shot: multi_prompt is unused");
	is_int(diag_count(d, DIAG_ERROR), 0,
	    "item 22: and its shots are not checked as well");
	sb_free(&sb);
	for (i = 0; optional[i] != NULL; i++) {
		xasprintf(&text, "{\"model\":\"kling/v3\",\"input\":{\"multi_shots\""
		    ":false,\"prompt\":\"p\",\"duration\":5,\"%s\":null}}",
		    optional[i]);
		sb = decode(text);
		check(sb);
		xasprintf(&big, "input.%s", optional[i]);
		is_int(diags_at(d, DIAG_ERROR, big, "got null"), 1,
		    "item 22: %s: null is an error, not absent", optional[i]);
		free(big);
		free(text);
		sb_free(&sb);
	}

	/* Item 3: 1,000 unknown keys: 100 kept and one line for the rest. */
	big = xmalloc(1000 * 16 + 64);
	o = (size_t)sprintf(big, "{\"model\":\"kling/v3\",\"input\":{"
	    "\"multi_shots\":false,\"prompt\":\"p\",\"duration\":5}");
	for (i = 0; i < 1000; i++)
		o += (size_t)sprintf(big + o, ",\"k%zu\":1", i);
	memcpy(big + o, "}", 2);
	sb = decode(big);
	free(big);
	check(sb);
	is_int(sb->load_diags->n, DIAG_KEEP + 1, "item 3: a decode keeps 100 and "
	    "sums up the rest");
	is_int(diag_count(d, DIAG_WARNING), 1000, "item 3: all are counted");
	is_int(d->n, DIAG_KEEP + 1, "item 3: a check keeps 100 too");
	is_str(d->v[DIAG_KEEP].msg, "and 900 more: unknown key (kept, and sent "
	    "as it is)", "item 3: the summary says how many more, and what");
	sb_set_str(&sb->model, "kling/v2");
	check(sb);
	is_int(d->n, DIAG_KEEP + 1, "item 3: mixed findings: 100 and a summary");
	ok(diag_count(d, DIAG_ERROR) == 1 && diag_count(d, DIAG_WARNING) == 1000,
	    "item 3: an error after the cut is counted too");
	is_str(d->v[DIAG_KEEP].msg, "and 901 more (1 error, 900 warnings)",
	    "item 3: and the summary says so");
	sb_free(&sb);
	test_diag_cap();

	/* Item 1: a 1 MB prompt of distinct unknown mentions. A quadratic
	 * check took 9.6 s for 40,000. The processor time of the check (not
	 * the wall clock, which a loaded machine stretches), at n and 4n
	 * mentions: linear is about 4 times as long, quadratic 16. */
	sb = sb_template("text-to-video");
	ns_small = mention_cost(sb, 5000);
	ns_large = mention_cost(sb, 20000);
	ok(ns_large < 8 * ns_small, "item 1: 4 times the mentions cost %.1f "
	    "times as much (%ld us, %ld us), not 16", (double)ns_large /
	    (double)(ns_small > 0 ? ns_small : 1), ns_small / 1000,
	    ns_large / 1000);
	if (ns_large < 8 * ns_small) {
		ns = mention_cost(sb, 0);
		ok(ns < 100000000L, "item 1: a 1 MB prompt of mentions checks "
		    "in %ld ms of processor time", ns / 1000000);
	} else
		ok(0, "item 1: a 1 MB prompt of mentions: not tried (the "
		    "check is not linear)");
	ok(d->n <= DIAG_KEEP + 1 && diag_count(d, DIAG_WARNING) > 256,
	    "item 1: its warnings are capped (%zu kept of %zu)", d->n,
	    diag_count(d, DIAG_WARNING));
	sb_free(&sb);
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static long
bench(const struct storyboard *sb)
{
	enum { ROUNDS = 51, PER = 200 };
	struct timespec t0, t1;
	long ns[ROUNDS];
	int r, i;

	for (r = 0; r < ROUNDS; r++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (i = 0; i < PER; i++)
			rules_check(sb, d);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ns[r] = ((t1.tv_sec - t0.tv_sec) * 1000000000L +
		    (t1.tv_nsec - t0.tv_nsec)) / PER;
	}
	qsort(ns, ROUNDS, sizeof ns[0], cmp_long);
	return ns[ROUNDS / 2];
}

static void
test_cost(void)
{
	struct storyboard *max = load_fixture("max.json");
	struct storyboard *maxp = load_fixture("max-prompt.json");
	long ns, nsp;

	ok(max != NULL && maxp != NULL, "the maximal storyboards load");
	if (max == NULL || maxp == NULL)
		return;
	clean(max, "max.json (6 shots of 512 characters, 3 elements x 4 images) is valid");
	clean(maxp, "max-prompt.json (a 2,500-character prompt) is valid");
	is_int(max->nshots, 6, "max.json has 6 shots");
#if COUNT_ALLOCS
	allocs = 0;
	rules_check(max, d);
	rules_check(maxp, d);
	is_int(allocs, 0, "a warmed-up check allocates nothing");
#else
	ok(1, "a warmed-up check allocates nothing # SKIP sanitizer build");
#endif
	ns = bench(max);
	nsp = bench(maxp);
	diag_note("rules_check per-check cost, median: max.json %ld ns, "
	    "max-prompt.json %ld ns", ns, nsp);
	ok(ns < 1000000 && nsp < 1000000, "a maximal storyboard checks in microseconds "
	    "(%ld ns, %ld ns)", ns, nsp);
	sb_free(&max);
	sb_free(&maxp);
}

int
main(void)
{
	d = diag_list_new();
	test_rule1();
	test_rule2();
	test_rule3();
	test_rule4();
	test_rule5();
	test_rule6();
	test_rule7();
	test_rule8();
	test_rule9();
	test_rule10();
	test_hardening();
	test_unknown_cap();
	test_cost();
	diag_list_free(&d);
	return tap_done();
}
