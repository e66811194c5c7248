/* kling-tui: tests for storyboard.c (the model and its operations) and
 * diag.c (the list they report into).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "core-test.h"
#include "heap.h"
#include "rules.h"
#include "storyboard.h"

static const char *
shot_prompt(const struct storyboard *sb, size_t i)
{
	return i < sb->nshots ? sb->shots[i].prompt : NULL;
}

static bool
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static void
test_diag_list(void)
{
	struct diag_list *d = diag_list_new();
	struct diag *before;
	char longmsg[400];
	int i;

	diag_add(d, DIAG_ERROR, "input.duration", "must be %d to %d s", 3, 15);
	diag_add(d, DIAG_WARNING, "input.audio", "forced");
	is_int(d->n, 2, "diag: two added");
	is_str(d->v[0].msg, "must be 3 to 15 s", "diag: message formatted");
	is_str(d->v[0].path, "input.duration", "diag: path kept");
	is_int(diag_count(d, DIAG_ERROR), 1, "diag: one error");
	is_int(diag_count(d, DIAG_WARNING), 1, "diag: one warning");
	is_str(diag_severity_name(DIAG_ERROR), "error", "diag: error's name");
	is_str(diag_severity_name(DIAG_WARNING), "warning", "diag: warning's name");
	for (i = 0; i < 40; i++)
		diag_add(d, DIAG_WARNING, "x", "n%d", i);
	before = d->v;
	diag_list_clear(d);
	is_int(d->n, 0, "diag: clear empties");
	for (i = 0; i < 40; i++)
		diag_add(d, DIAG_WARNING, "x", "n%d", i);
	ok(d->v == before, "diag: refilling after clear reuses the storage");
	memset(longmsg, 'm', sizeof longmsg - 1);
	longmsg[sizeof longmsg - 1] = '\0';
	diag_add(d, DIAG_ERROR, longmsg, "%s", longmsg);
	is_int(strlen(d->v[d->n - 1].msg), DIAG_MSG_MAX - 1, "diag: long message cut, terminated");
	is_int(strlen(d->v[d->n - 1].path), DIAG_PATH_MAX - 1, "diag: long path cut, terminated");
	diag_list_free(&d);
	ok(d == NULL, "diag: free sets the pointer to NULL");
}

static void
test_new(void)
{
	struct storyboard *sb = sb_new(), *c;
	struct diag_list *d = diag_list_new();

	ok(sb->model == NULL && !sb->has_input, "new: empty");
	is_int(sb->multi_shots, SB_UNSET, "new: multi_shots unset");
	is_int(sb->audio, SB_UNSET, "new: audio unset");
	sb_free(&sb);
	ok(sb == NULL, "free sets the pointer to NULL");
	sb_free(&sb);
	ok(1, "free of NULL is harmless");

	sb = sb_new_default();
	/* Its prompt is empty, an error, not a sample sentence saved as a
	 * real value (the editor shows a placeholder). */
	is_int(rules_check(sb, d), 1, "default draft has one error");
	is_str(d->n == 1 ? d->v[0].path : "", "input.prompt", "its empty prompt");
	is_str(sb->prompt, "", "the prompt is empty, not a placeholder");
	is_int(sb->multi_shots, SB_FALSE, "default draft is single-shot");
	c = sb_clone(sb);
	ok(sb_equal(sb, c), "clone equals the original");
	sb_set_str(&c->prompt, "another");
	ok(!sb_equal(sb, c), "a changed clone differs");
	ok(strcmp(sb->prompt, "another") != 0, "changing a clone leaves the original");
	sb_set_str(&c->prompt, c->prompt);
	is_str(c->prompt, "another", "set_str with its own value is safe");
	sb_set_str(&c->prompt, NULL);
	ok(c->prompt == NULL, "set_str NULL clears");
	sb_free(&c);
	sb_free(&sb);
	diag_list_free(&d);
}

static void
test_shots(void)
{
	struct storyboard *sb = sb_new(), *c;
	size_t i;

	is_int(sb_shot_add(sb, 1, "x", 1), -1, "shot add past the end refused");
	is_int(sb_shot_add(sb, 0, "b", 2), 0, "shot add to an empty list");
	ok(sb->has_multi_prompt, "adding a shot creates multi_prompt");
	is_int(sb_shot_add(sb, 0, "a", 1), 0, "shot add at the front");
	is_int(sb_shot_add(sb, 2, "c", 3), 0, "shot add at the end");
	is_str(shot_prompt(sb, 0), "a", "order: a first");
	is_str(shot_prompt(sb, 2), "c", "order: c last");
	is_int(sb_shots_total(sb), 6, "total of 1 + 2 + 3");
	is_int(sb_shot_duplicate(sb, 1), 0, "duplicate the middle shot");
	is_int(sb->nshots, 4, "four shots");
	is_str(shot_prompt(sb, 2), "b", "the copy follows the original");
	ok(sb->shots[1].prompt != sb->shots[2].prompt, "the copy owns its prompt");
	is_int(sb_shot_move(sb, 0, 3), 0, "move first to last");
	is_str(shot_prompt(sb, 0), "b", "after move: b first");
	is_str(shot_prompt(sb, 3), "a", "after move: a last");
	is_int(sb_shot_move(sb, 3, 0), 0, "move last to first");
	is_str(shot_prompt(sb, 0), "a", "moved back: a first");
	is_int(sb_shot_move(sb, 0, 4), -1, "move out of range refused");
	{
		/* Moves inside the list leave the others where they were. */
		struct storyboard	*m = sb_new();
		static const char	*const p[] = { "p0", "p1", "p2", "p3" };

		for (i = 0; i < 4; i++)
			sb_shot_add(m, i, p[i], 1);
		sb_shot_move(m, 1, 2);
		ok(same(shot_prompt(m, 0), "p0") &&
		    same(shot_prompt(m, 1), "p2") &&
		    same(shot_prompt(m, 2), "p1") &&
		    same(shot_prompt(m, 3), "p3"), "move 1 to 2 of 4");
		sb_shot_move(m, 3, 2);
		ok(same(shot_prompt(m, 0), "p0") &&
		    same(shot_prompt(m, 1), "p2") &&
		    same(shot_prompt(m, 2), "p3") &&
		    same(shot_prompt(m, 3), "p1"), "move 3 to 2 of 4");
		sb_free(&m);
	}
	while (sb->nshots < SB_MAX_SHOTS)
		sb_shot_add(sb, sb->nshots, "more", 1);
	is_int(sb_shot_add(sb, 0, "seventh", 1), -1, "a seventh shot refused");
	is_int(sb_shot_duplicate(sb, 0), -1, "duplicating at six shots refused");
	is_int(sb->nshots, SB_MAX_SHOTS, "still six shots");
	c = sb_clone(sb);
	ok(sb_equal(sb, c), "clone with shots equals");
	c->shots[5].duration = 9;
	ok(!sb_equal(sb, c), "a changed shot duration differs");
	sb_free(&c);
	is_int(sb_shot_delete(sb, 6), -1, "delete out of range refused");
	is_int(sb_shot_delete(sb, 0), 0, "delete the first");
	is_str(shot_prompt(sb, 0), "b", "the next one moved up");
	for (i = sb->nshots; i > 0; i--)
		sb_shot_delete(sb, 0);
	is_int(sb->nshots, 0, "all deleted");
	ok(sb->has_multi_prompt, "an emptied multi_prompt stays (an empty array)");
	sb_free(&sb);
}

static void
test_elements(void)
{
	struct storyboard *sb = sb_new();

	is_int(sb_element_add(sb, "hero", "a hero"), 0, "element add");
	ok(sb->has_element_list, "adding an element creates element_list");
	ok(sb->elements[0].has_images && sb->elements[0].images.n == 0,
	    "a new element has an empty image list to fill");
	sb_element_add(sb, "dog", NULL);
	sb_element_add(sb, "cat", NULL);
	is_int(sb_element_add(sb, "fourth", NULL), -1, "a fourth element refused");
	is_int(sb_element_move(sb, 2, 0), 0, "move an element");
	is_str(sb->elements[0].name, "cat", "moved: cat first");
	is_str(sb->elements[1].name, "hero", "moved: hero second");
	is_int(sb_element_delete(sb, 1), 0, "delete an element");
	is_str(sb->elements[1].name, "dog", "the next one moved up");
	is_int(sb_element_delete(sb, 5), -1, "delete out of range refused");
	sb_strlist_push(&sb->elements[0].images, "https://e/1.png");
	sb_strlist_push(&sb->elements[0].images, "https://e/2.png");
	sb_strlist_remove(&sb->elements[0].images, 0);
	is_str(sb->elements[0].images.v[0], "https://e/2.png", "strlist remove shifts");
	sb_strlist_remove(&sb->elements[0].images, 7);
	is_int(sb->elements[0].images.n, 1, "strlist remove out of range ignored");
	sb_strlist_clear(&sb->elements[0].images);
	is_int(sb->elements[0].images.n, 0, "strlist clear");
	sb_free(&sb);
}

/* Editing a field forgets what loading said of it, and the bad value kept
 * for writing back. */
static void
test_forget(void)
{
	const char	*text = "{\"model\": \"kling/v3\", \"input\": {\"prompt\": "
	    "\"p\", \"duration\": \"ten\", \"mode\": 3}, \"x\": 1}";
	char		*cause = NULL, *out;
	struct storyboard *sb = codec_decode(text, strlen(text), &cause);

	if (sb == NULL) {
		ok(0, "decode: %s", cause);
		free(cause);
		return;
	}
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.duration", NULL), 1,
	    "a bad duration is reported");
	sb_forget_findings(sb, "input.duration");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.duration", NULL), 0,
	    "edited: the finding is forgotten");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.mode", NULL), 1,
	    "the other field's is kept");
	out = codec_encode(sb);
	ok(strstr(out, "\"ten\"") == NULL, "and the bad value is not written back");
	ok(strstr(out, "\"mode\": 3") != NULL, "the other one still is");
	free(out);
	sb_free(&sb);
}

/* Freeing gives back all it held: the editor clones and frees a
 * storyboard for every undo step. */
static void
make_and_free(void *arg)
{
	struct storyboard	*sb = sb_template(arg);

	sb_shot_add(sb, 0, "one more", 2);
	sb_free(&sb);
}

static void
test_free_all(void)
{
	ok(heap_growth(make_and_free, (void *)"multi-shot-customize", 1000) <
	    HEAP_LEAK_BOUND(1000), "a storyboard with shots and elements is freed whole");
}

static void
test_effective(void)
{
	struct storyboard *sb = sb_template("multi-shot-customize"), *e;

	sb->audio = SB_FALSE;
	e = sb_effective(sb);
	is_int(e->audio, SB_TRUE, "effective: multi-shot forces audio true");
	is_int(sb->audio, SB_FALSE, "effective: the original is left alone");
	is_str(e->shot_type, "customize", "effective: multi-shot keeps shot_type");
	sb_free(&e);
	sb_free(&sb);

	sb = sb_template("text-to-video");
	sb_set_str(&sb->shot_type, "customize");
	sb->audio = SB_FALSE;
	e = sb_effective(sb);
	ok(e->shot_type == NULL && !e->shot_type_null, "effective: single shot drops shot_type");
	is_int(e->audio, SB_FALSE, "effective: single shot keeps audio as set");
	sb_free(&e);
	sb_free(&sb);
}

static void
test_templates(void)
{
	struct diag_list *d = diag_list_new();
	struct storyboard *t, *f;
	char file[128];
	size_t i;

	for (i = 0; sb_template_names[i] != NULL; i++) {
		t = sb_template(sb_template_names[i]);
		ok(t != NULL, "template %s exists", sb_template_names[i]);
		if (t == NULL)
			continue;
		is_int(rules_check(t, d), 0, "template %s has no errors", sb_template_names[i]);
		snprintf(file, sizeof file, "%s.json", sb_template_names[i]);
		f = load_fixture(file);
		ok(f != NULL && sb_equal(t, f), "template %s is the API page's example",
		    sb_template_names[i]);
		sb_free(&f);
		sb_free(&t);
	}
	is_int(i, 5, "five templates");
	ok(sb_template("no-such") == NULL, "an unknown template is NULL");
	t = sb_template_at("elements", "http://127.0.0.1:9/images/");
	is_str(t->img_urls.v[0], "http://127.0.0.1:9/images/reference_room.png",
	    "a template's start frame under the image base given");
	is_str(t->elements[0].images.v[1], "http://127.0.0.1:9/images/element_dog_2.png",
	    "and its element images");
	sb_free(&t);
	t = sb_template("elements");
	is_str(t->img_urls.v[0], "https://example.com/reference_room.png",
	    "without one, the API page's example URLs");
	sb_free(&t);
	diag_list_free(&d);
}

int
main(void)
{
	test_diag_list();
	test_new();
	test_shots();
	test_elements();
	test_effective();
	test_templates();
	test_forget();
	test_free_all();
	return tap_done();
}
