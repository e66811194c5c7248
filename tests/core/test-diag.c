/* kling-tui: tests for diag.c: what a list of findings keeps, how the ones
 * past DIAG_KEEP are summed up, and the order errors come in.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "text.h"
#include "tap.h"

static const struct diag *
last(const struct diag_list *d)
{
	return d->n > 0 ? &d->v[d->n - 1] : NULL;
}

static void
test_keep(void)
{
	struct diag_list	*d = diag_list_new();
	size_t			 i;

	diag_add(d, DIAG_WARNING, "input.mode", "unknown %s", "mode");
	diag_add(d, DIAG_ERROR, "input.duration", "%d is not a duration", 20);
	is_int(d->n, 2, "two findings kept");
	is_str(d->v[1].path, "input.duration", "with their path");
	is_str(d->v[1].msg, "20 is not a duration", "their message");
	is_int(d->v[1].sev, DIAG_ERROR, "and their severity");
	is_int(diag_count(d, DIAG_ERROR), 1, "one error");
	is_int(diag_count(d, DIAG_WARNING), 1, "one warning");
	is_str(diag_severity_name(DIAG_ERROR), "error", "an error's name");
	is_str(diag_severity_name(DIAG_WARNING), "warning", "a warning's name");

	/* A hostile file: the same finding 2,600 times. */
	diag_list_clear(d);
	is_int(d->n + diag_count(d, DIAG_WARNING), 0, "cleared: nothing");
	for (i = 0; i < 2600; i++)
		diag_add(d, DIAG_WARNING, "input.x", "unknown key \"x\"");
	is_int(d->n, DIAG_KEEP + 1, "DIAG_KEEP kept and one to sum up");
	is_str(last(d)->path, "...", "the sum has no path of its own");
	is_str(last(d)->msg, "and 2,500 more: unknown key \"x\"",
	    "it says how many more, and what they say");
	is_int(last(d)->sev, DIAG_WARNING, "warnings only: a warning");
	is_int(diag_count(d, DIAG_WARNING), 2600, "all are counted");
	is_int(diag_count(d, DIAG_ERROR), 0, "none an error");

	/* Mixed findings past the limit. */
	diag_list_clear(d);
	for (i = 0; i < DIAG_KEEP; i++)
		diag_add(d, DIAG_WARNING, "a", "kept");
	for (i = 0; i < 12345; i++)
		diag_add(d, i % 2 ? DIAG_WARNING : DIAG_ERROR, "b",
		    i % 3 ? "one" : "other");
	is_int(d->n, DIAG_KEEP + 1, "still one to sum up");
	is_str(last(d)->msg, "and 12,345 more (6,173 errors, 6,172 warnings)",
	    "different ones are counted by severity");
	is_int(last(d)->sev, DIAG_ERROR, "with an error among them: an error");
	is_int(diag_count(d, DIAG_ERROR), 6173, "the errors are counted");
	is_int(diag_count(d, DIAG_WARNING), DIAG_KEEP + 6172,
	    "and the warnings");
	/* One of a kind is said in the singular. */
	diag_list_clear(d);
	for (i = 0; i < DIAG_KEEP + 2; i++)
		diag_add(d, i == DIAG_KEEP ? DIAG_ERROR : DIAG_WARNING, "p",
		    "%zu", i);
	is_str(last(d)->msg, "and 2 more (1 error, 1 warning)",
	    "one error and one warning: the singular");

	/* A message as long as a message can be. */
	diag_list_clear(d);
	{
		char	 longmsg[DIAG_MSG_MAX];
		size_t	 len;

		memset(longmsg, 'm', sizeof longmsg - 1);
		longmsg[sizeof longmsg - 1] = '\0';
		for (i = 0; i < DIAG_KEEP + 3; i++)
			diag_add(d, DIAG_ERROR, "p", "%s", longmsg);
		len = strlen(last(d)->msg);
		is_int(len, DIAG_MSG_MAX - 1, "the sum is cut to a message's size");
		ok(strncmp(last(d)->msg, "and 3 more: mmm", 15) == 0,
		    "after its count");
		/* Three-byte characters (a Chinese message) are cut whole. */
		diag_list_clear(d);
		for (len = 0; len + 3 < sizeof longmsg; len += 3)
			memcpy(longmsg + len, "\xe9\x95\x9c", 3);	/* 镜 */
		longmsg[len] = '\0';
		for (i = 0; i < DIAG_KEEP + 3; i++)
			diag_add(d, DIAG_ERROR, "p", "%s", longmsg);
		len = strlen(last(d)->msg);
		ok(text_valid_utf8(last(d)->msg, len, NULL) && len > DIAG_MSG_MAX - 4,
		    "a sum of CJK text is cut between characters (%zu bytes)", len);
		/* Cut by exactly one byte, the last of a character: the
		 * character goes, not its last byte. "and 3 more: " is 12. */
		diag_list_clear(d);
		len = DIAG_MSG_MAX - 12 - 3;
		memset(longmsg, 'm', len);
		memcpy(longmsg + len, "\xe9\x95\x9c", 4);
		for (i = 0; i < DIAG_KEEP + 3; i++)
			diag_add(d, DIAG_ERROR, "p", "%s", longmsg);
		len = strlen(last(d)->msg);
		ok(text_valid_utf8(last(d)->msg, len, NULL) && len == DIAG_MSG_MAX - 3,
		    "a sum one byte too long loses its whole last character (%zu bytes)", len);
	}
	diag_list_free(&d);
	ok(d == NULL, "diag_list_free clears the pointer");
}

static void
test_append(void)
{
	struct diag_list	*d = diag_list_new(), *from = diag_list_new();
	size_t			 i;

	diag_add(d, DIAG_ERROR, "a", "first");
	diag_add(from, DIAG_WARNING, "b", "second");
	diag_append(d, from);
	is_int(d->n, 2, "appended after");
	is_str(d->v[1].msg, "second", "in order");

	/* from dropped as many errors as warnings. */
	diag_list_clear(d);
	diag_list_clear(from);
	for (i = 0; i < DIAG_KEEP + 4; i++)
		diag_add(from, i % 2 ? DIAG_WARNING : DIAG_ERROR, "b", "same");
	diag_append(d, from);
	is_int(d->n, DIAG_KEEP + 1, "what from did not keep is summed up");
	is_str(last(d)->msg, "and 4 more: same", "with from's count");
	is_int(diag_count(d, DIAG_ERROR), (DIAG_KEEP + 4) / 2,
	    "every error counted");
	is_int(diag_count(d, DIAG_WARNING), (DIAG_KEEP + 4) / 2,
	    "every warning counted");

	/* Both past the limit, saying different things. */
	diag_list_clear(from);
	for (i = 0; i < DIAG_KEEP + 2; i++)
		diag_add(from, DIAG_WARNING, "c", "else");
	diag_append(d, from);
	is_int(d->n, DIAG_KEEP + 1, "one sum still");
	is_str(last(d)->msg, "and 106 more (2 errors, 104 warnings)",
	    "the counts join: all of from's come after d's kept ones");

	/* d past the limit with errors, from with warnings: as many of each
	 * dropped once from's kept ones are in. */
	diag_list_clear(d);
	diag_list_clear(from);
	for (i = 0; i < 2 * DIAG_KEEP; i++)
		diag_add(d, DIAG_ERROR, "d", "d's");
	for (i = 0; i < DIAG_KEEP + 1; i++)
		diag_add(from, DIAG_WARNING, "f", "from's");
	diag_append(d, from);
	is_str(last(d)->msg, "and 201 more (100 errors, 101 warnings)",
	    "two lists saying different things are not summed up as one");

	/* d's dropped ones all say one thing; from's start with it but say
	 * others too. */
	diag_list_clear(d);
	diag_list_clear(from);
	for (i = 0; i < DIAG_KEEP + 1; i++)
		diag_add(d, DIAG_ERROR, "d", "same");
	for (i = 0; i < DIAG_KEEP; i++)
		diag_add(from, DIAG_ERROR, "f", "same");
	diag_add(from, DIAG_ERROR, "f", "same");
	diag_add(from, DIAG_ERROR, "f", "other");
	diag_append(d, from);
	is_str(last(d)->msg, "and 103 more (103 errors, 0 warnings)",
	    "from's mixed ones are not summed up as d's one message");

	/* Both past the limit, both dropping one and the same message. */
	diag_list_clear(d);
	diag_list_clear(from);
	for (i = 0; i < DIAG_KEEP + 2; i++)
		diag_add(d, DIAG_ERROR, "d", "same");
	for (i = 0; i < DIAG_KEEP + 3; i++)
		diag_add(from, DIAG_ERROR, "f", "same");
	diag_append(d, from);
	is_str(last(d)->msg, "and 105 more: same",
	    "two lists dropping the same message still say it once");
	diag_list_free(&d);
	diag_list_free(&from);
}

static void
test_order(void)
{
	struct diag_list	*d = diag_list_new();
	static const char	*const want[] = { "e1", "e2", "w1", "w2", "w3" };
	size_t			 i;

	diag_add(d, DIAG_WARNING, "", "w1");
	diag_add(d, DIAG_WARNING, "", "w2");
	diag_add(d, DIAG_ERROR, "", "e1");
	diag_add(d, DIAG_WARNING, "", "w3");
	diag_add(d, DIAG_ERROR, "", "e2");
	diag_errors_first(d);
	for (i = 0; i < 5; i++)
		is_str(d->v[i].msg, want[i], "errors first, in order: %s",
		    want[i]);

	/* Live validation reuses the storage: what a cleared list held
	 * stays out of it. */
	diag_list_clear(d);
	diag_add(d, DIAG_WARNING, "", "w4");
	diag_errors_first(d);
	is_int(d->n, 1, "a reused list: its own one");
	is_str(d->v[0].msg, "w4", "and not an old error in its place");
	diag_list_free(&d);
}

int
main(void)
{
	test_keep();
	test_append();
	test_order();
	return tap_done();
}
