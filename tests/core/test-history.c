/* kling-tui: undo and redo of storyboard snapshots.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "storyboard.h"
#include "tap.h"

#define BIG (7u << 20)

static struct storyboard *
with_duration(long d)
{
	struct storyboard *sb = sb_new_default();

	sb->duration = d;
	return sb;
}

int
main(void)
{
	struct storyboard *a = with_duration(5), *b = with_duration(6), *c = with_duration(7);
	const struct storyboard *s;
	struct history *h = history_new(a, 0, 0);
	char *big;
	int i;

	ok(!history_can_undo(h), "nothing to undo at first");
	ok(history_undo(h) == NULL, "undo at the start gives nothing");
	ok(!history_push(h, a), "an edit that changed nothing is not recorded");
	ok(history_push(h, b), "an edit is recorded");
	ok(history_push(h, c), "a second edit is recorded");
	s = history_undo(h);
	ok(s != NULL && s->duration == 6, "undo gives the state before the last edit");
	s = history_undo(h);
	ok(s != NULL && s->duration == 5, "undo again gives the first state");
	ok(history_undo(h) == NULL, "no undo past the first state");
	s = history_redo(h);
	ok(s != NULL && s->duration == 6, "redo gives the undone edit back");
	ok(history_push(h, a) && !history_can_redo(h),
	    "a new edit after undo drops what redo would have restored");
	is_int(history_current(h)->duration, 5, "the current state is the new edit");

	/* The snapshot is a copy: editing the live model later changes nothing. */
	b->duration = 99;
	s = history_undo(h);
	is_int(s->duration, 6, "snapshots do not share memory with the model");

	history_reset(h, c);
	ok(!history_can_undo(h) && !history_can_redo(h), "reset forgets everything");
	is_int(history_current(h)->duration, 7, "reset keeps the given state");

	history_free(&h);
	h = history_new(a, 3, 0);
	for (i = 0; i < 10; i++) {
		b->duration = 10 + i;
		history_push(h, b);
	}
	for (i = 0; history_undo(h) != NULL; i++)
		;
	is_int(i, 2, "a bounded history keeps its last states only");
	is_int(history_current(h)->duration, 17, "the oldest kept state is the right one");
	history_free(&h);
	ok(h == NULL, "free sets the pointer to NULL");

	/* Small storyboards: the whole depth is kept. */
	h = history_new(a, 0, 0);
	for (i = 0; i < 250; i++) {
		b->duration = 1000 + i;
		history_push(h, b);
	}
	is_int((long)history_count(h), HISTORY_DEPTH, "small snapshots: all 200 are kept");
	history_free(&h);

	/* A 7 MB prompt, 120 edits: the memory stays within the budget. */
	big = malloc(BIG + 16);
	memset(big, 'x', BIG);
	big[BIG] = '\0';
	h = history_new(a, 0, 0);
	for (i = 0; i < 120; i++) {
		big[i] = 'y';
		sb_set_str(&b->prompt, big);
		history_push(h, b);
	}
	ok(history_bytes(h) <= HISTORY_BYTES, "120 edits of a 7 MB prompt stay within the budget");
	ok(history_bytes(h) >= (size_t)BIG * 2, "the budget counts the prompts' bytes");
	ok(history_count(h) >= 2 && history_count(h) < 10, "so only the newest few are kept");
	s = history_undo(h);
	ok(s != NULL && s->prompt != NULL && s->prompt[119] == 'x' && s->prompt[118] == 'y',
	    "the last edit can still be undone");
	history_free(&h);

	/* A budget smaller than one snapshot still keeps one undo. */
	h = history_new(a, 0, 1024);
	for (i = 0; i < 5; i++) {
		big[i] = 'z';
		sb_set_str(&b->prompt, big);
		history_push(h, b);
	}
	is_int((long)history_count(h), 2, "a tiny budget keeps the current state and one before");
	ok(history_undo(h) != NULL && history_undo(h) == NULL, "one undo, no more");
	history_free(&h);
	free(big);
	sb_free(&a);
	sb_free(&b);
	sb_free(&c);
	return tap_done();
}
