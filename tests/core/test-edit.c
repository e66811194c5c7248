/* kling-tui: what the editor does to a storyboard, without a terminal.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "diag.h"
#include "edit.h"
#include "history.h"
#include "rules.h"
#include "storyboard.h"
#include "tap.h"

static struct edit_ref
ref(enum edit_field f, size_t i, size_t j)
{
	struct edit_ref r = { f, i, j };

	return r;
}

static int
set(struct storyboard *sb, enum edit_field f, size_t i, const char *text)
{
	struct edit_ref r = ref(f, i, 0);
	char *cause = NULL;
	int ret = edit_set(sb, &r, text, &cause);

	free(cause);
	return ret;
}

static int
op(int (*fn)(struct storyboard *, const struct edit_ref *, char **),
    struct storyboard *sb, enum edit_field f, size_t i, size_t j)
{
	struct edit_ref r = ref(f, i, j);
	char *cause = NULL;
	int ret = fn(sb, &r, &cause);

	ok(ret != -1 || cause != NULL, "a refusal says why");
	free(cause);
	return ret;
}

static int
move(struct storyboard *sb, size_t i, int dir)
{
	struct edit_ref r = ref(EF_SHOT_PROMPT, i, 0);
	char *cause = NULL;
	int ret = edit_move(sb, &r, dir, &cause);

	free(cause);
	return ret;
}

int
main(void)
{
	struct storyboard *sb = sb_new_default();
	struct diag_list *d = diag_list_new();
	struct history *h;
	struct edit_ref r;
	char buf[32], path[DIAG_PATH_MAX], *cause = NULL;
	const struct storyboard *u;
	int i;

	/* From single-shot to a customised multi-shot storyboard. */
	sb_set_str(&sb->prompt, "A fox runs through snow");
	edit_set_multi(sb, true);
	ok(sb->multi_shots == SB_TRUE, "multi-shot on");
	is_str(sb->shot_type, "customize", "the shot type defaults to customize");
	is_int((long long)sb->nshots, 1, "the prompt becomes the first shot");
	is_str(sb->shots[0].prompt, "A fox runs through snow", "with its text");
	ok(sb->prompt == NULL, "and the single prompt goes");
	ok(sb->audio == SB_TRUE, "audio is on, as the service forces it");
	r = ref(EF_AUDIO, 0, 0);
	ok(edit_cycle(sb, &r, 1, &cause) == -1 && cause != NULL,
	    "audio cannot be switched off in multi-shot mode");
	free(cause);
	cause = NULL;

	/* Shots: add takes the unassigned seconds, delete, duplicate, move. */
	is_int(set(sb, EF_DURATION, 0, "10"), 0, "duration typed");
	is_int(set(sb, EF_SHOT_DURATION, 0, "4"), 0, "a shot's duration typed");
	is_int(op(edit_add, sb, EF_SHOTS, 0, 0), 1, "a shot added at the end");
	is_int(sb->shots[1].duration, 6, "the new shot takes the 6 seconds left");
	set(sb, EF_SHOT_PROMPT, 1, "The fox jumps");
	is_int(sb_shots_total(sb), 10, "the shots fill the duration");
	is_int(op(edit_duplicate, sb, EF_SHOT_PROMPT, 1, 0), 2, "shot 2 duplicated after itself");
	is_str(sb->shots[2].prompt, "The fox jumps", "the copy has the same prompt");
	is_int(move(sb, 0, 1), 1, "shot 1 moved down");
	is_str(sb->shots[0].prompt, "The fox jumps", "the shots swapped");
	is_str(sb->shots[1].prompt, "A fox runs through snow", "both ways");
	ok(move(sb, 0, -1) == -1, "the first shot cannot move up");
	is_int(op(edit_delete, sb, EF_SHOT_PROMPT, 2, 0), 1, "the last shot deleted, focus on the one before");
	is_int((long long)sb->nshots, 2, "two shots left");
	for (i = 0; i < 4; i++)
		op(edit_add, sb, EF_SHOTS, 0, 0);
	is_int((long long)sb->nshots, 6, "six shots");
	ok(op(edit_add, sb, EF_SHOTS, 0, 0) == -1, "a seventh is refused");

	/* Numbers. */
	ok(set(sb, EF_SHOT_DURATION, 0, "four") == -1, "a word is not a duration");
	ok(set(sb, EF_SHOT_DURATION, 0, "-3") == -1, "nor a negative number");
	is_int(set(sb, EF_SHOT_DURATION, 0, "5s"), 0, "'5s' is five seconds");
	is_int(sb->shots[0].duration, 5, "as a number");
	r = ref(EF_DURATION, 0, 0);
	edit_bump(sb, &r, 1);
	is_str(edit_get(sb, &r, buf, sizeof buf), "11", "+ adds a second");

	/* Images: one in multi-shot; empty text removes. */
	is_int(set(sb, EF_IMAGE, 0, "https://example.com/a.jpg"), 0, "start frame set");
	is_int((long long)sb->img_urls.n, 1, "one image");
	set(sb, EF_IMAGE, 0, "");
	is_int((long long)sb->img_urls.n, 0, "emptied: removed");
	ok(!sb->has_img_urls, "and the list is gone from the body");

	/* Elements: add, name, images up to four, delete. */
	is_int(op(edit_add, sb, EF_ELEMENTS, 0, 0), 0, "an element added");
	set(sb, EF_ELEM_NAME, 0, "fox");
	for (i = 0; i < 4; i++)
		is_int(op(edit_add, sb, EF_ELEM_NAME, 0, 0), i, "element image %d added", i + 1);
	ok(op(edit_add, sb, EF_ELEM_IMAGE, 0, 0) == -1, "a fifth element image is refused");
	r = ref(EF_ELEM_IMAGE, 0, 2);
	ok(edit_set(sb, &r, "https://example.com/fox.png", &cause) == 0, "an element image typed");
	is_str(sb->elements[0].images.v[2], "https://example.com/fox.png", "in its place");
	is_int(op(edit_delete, sb, EF_ELEM_IMAGE, 0, 0), 0, "an element image deleted");
	is_int((long long)sb->elements[0].images.n, 3, "three left");
	op(edit_add, sb, EF_ELEMENTS, 0, 0);
	op(edit_add, sb, EF_ELEMENTS, 0, 0);
	ok(op(edit_add, sb, EF_ELEMENTS, 0, 0) == -1, "a fourth element is refused");
	is_int(op(edit_delete, sb, EF_ELEM_NAME, 1, 0), 1, "the second element deleted");
	is_int((long long)sb->nelements, 2, "two elements left");

	/* Paths name fields as the diagnostics do. */
	r = ref(EF_SHOT_DURATION, 3, 0);
	edit_path(&r, path, sizeof path);
	is_str(path, "input.multi_prompt[3].duration", "a shot's duration path");
	r = ref(EF_ELEM_IMAGE, 1, 2);
	edit_path(&r, path, sizeof path);
	is_str(path, "input.element_list[1].element_image_urls[2]", "an element image's path");

	/* Intelligence keeps one prompt and no shots; back to customize. */
	edit_set_shot_type(sb, "intelligence");
	ok(sb->nshots == 0 && !sb->has_multi_prompt, "intelligence has no multi_prompt");
	is_str(sb->prompt, "The fox jumps", "the first shot's prompt is kept");
	edit_set_shot_type(sb, "customize");
	is_int((long long)sb->nshots, 1, "customize starts from that prompt");
	edit_set_multi(sb, false);
	ok(sb->shot_type == NULL && sb->nshots == 0, "single-shot drops the shot type and shots");
	is_str(sb->prompt, "The fox jumps", "and keeps the prompt");

	/* Choices cycle, optional ones through unset. */
	r = ref(EF_ASPECT, 0, 0);
	sb_set_str(&sb->aspect_ratio, "1:1");
	edit_cycle(sb, &r, 1, &cause);
	ok(sb->aspect_ratio == NULL, "after the last aspect ratio: unset");
	edit_cycle(sb, &r, 1, &cause);
	is_str(sb->aspect_ratio, "16:9", "then the first again");
	edit_cycle(sb, &r, -1, &cause);
	ok(sb->aspect_ratio == NULL, "backwards too");

	/* Undo over editor operations. */
	sb_free(&sb);
	sb = sb_template("multi-shot-customize");
	h = history_new(sb, 0, 0);
	op(edit_add, sb, EF_SHOTS, 0, 0);
	history_push(h, sb);
	op(edit_delete, sb, EF_SHOT_PROMPT, 0, 0);
	history_push(h, sb);
	u = history_undo(h);
	is_int((long long)u->nshots, 3, "undo brings the deleted shot back");
	u = history_undo(h);
	is_int((long long)u->nshots, 2, "and then takes the added one away");
	rules_check(u, d);
	is_int((long long)diag_count(d, DIAG_ERROR), 0, "the template is valid again after undo");
	history_free(&h);
	diag_list_free(&d);
	sb_free(&sb);
	/* A file's wrongly typed values stop being reported once the user sets
	 * the field, and the saved file carries the new value only. */
	{
		static const char bad[] = "{\"model\":\"kling/v3\",\"input\":{\"mode\":\"std\","
		    "\"multi_shots\":false,\"prompt\":\"a kite\",\"img_urls\":\"x.png\","
		    "\"duration\":\"ten\"}}";
		char *why = NULL, *out;

		sb = codec_decode(bad, sizeof bad - 1, &why);
		ok(sb != NULL, "a file with wrong types decodes");
		d = diag_list_new();
		rules_check(sb, d);
		is_int((long long)diag_count(d, DIAG_ERROR), 2, "two type errors at first");
		is_int(set(sb, EF_DURATION, 0, "10"), 0, "duration typed in");
		rules_check(sb, d);
		is_int((long long)diag_count(d, DIAG_ERROR), 1, "the duration's type error is gone");
		is_str(d->v[0].path, "input.img_urls", "the image list's remains");
		is_int(set(sb, EF_IMAGE, 0, "https://example.com/a.png"), 0, "an image typed in");
		rules_check(sb, d);
		is_int((long long)diag_count(d, DIAG_ERROR), 0, "typing the list's item settles the list");
		out = codec_encode(sb);
		ok(strstr(out, "\"duration\": 10\n") != NULL && strstr(out, "ten") == NULL,
		    "the saved body has the new duration only");
		ok(strstr(out, "x.png") == NULL, "and the new image list only");
		free(out);
		diag_list_free(&d);
		sb_free(&sb);
	}

	/* The key hints show edit_ops: each op it allows works, the others
	 * refuse, on a storyboard with room in every list. */
	{
		int (*fns[])(struct storyboard *, const struct edit_ref *, char **) = {
			edit_add, edit_delete, edit_duplicate, NULL
		};
		unsigned bits[] = { EDIT_OP_ADD, EDIT_OP_DELETE, EDIT_OP_DUP, EDIT_OP_MOVE };
		struct storyboard *base = sb_template("multi-shot-customize"), *t;
		struct edit_ref er;
		char *why = NULL;
		int f, k, ret;
		bool agree = true;

		sb_element_add(base, "hero", "A fox");
		sb_element_add(base, "owl", "An owl");
		sb_strlist_push(&base->elements[0].images, "https://example.com/x.png");
		sb_strlist_push(&base->elements[0].images, "https://example.com/y.png");
		if (base->img_urls.n == 0) {
			sb_strlist_push(&base->img_urls, "https://example.com/a.png");
			base->has_img_urls = true;
		}
		for (f = 0; f < EF_NFIELDS; f++) {
			/* Images have fixed places: the editor adds none. */
			if (f == EF_IMAGES)
				continue;
			for (k = 0; k < 4; k++) {
				t = sb_clone(base);
				er = ref((enum edit_field)f, 0, 0);
				ret = fns[k] != NULL ? fns[k](t, &er, &why) :
				    edit_move(t, &er, 1, &why);
				free(why);
				why = NULL;
				if ((ret != -1) != ((edit_ops((enum edit_field)f) & bits[k]) != 0)) {
					diag_note("field %d, op %d: %s", f, k, ret == -1 ? "refused" : "works");
					agree = false;
				}
				sb_free(&t);
			}
		}
		ok(agree, "edit_ops names exactly the list operations each field allows");
		sb_free(&base);
	}
	return tap_done();
}
