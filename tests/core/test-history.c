/* kling-tui: undo and redo of storyboard snapshots.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "history.h"
#include "storyboard.h"
#include "tap.h"

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
	struct history *h = history_new(a, 0);
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
	h = history_new(a, 3);
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
	sb_free(&a);
	sb_free(&b);
	sb_free(&c);
	return tap_done();
}
