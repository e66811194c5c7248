/* kling-tui: tests for termreply.c: the terminal's answers to the picture
 * queries taken out of the key input, every other key left as it was.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "termreply.h"

static char keys[1024];

static void
drain(struct termreply *r)
{
	struct termreply_key k;
	size_t o = strlen(keys);

	while (termreply_next(r, &k) && o + 8 < sizeof keys) {
		if (k.fkey)
			o += (size_t)snprintf(keys + o, sizeof keys - o, "<F%d>", k.code);
		else if (k.code == 27)
			o += (size_t)snprintf(keys + o, sizeof keys - o, "^[");
		else
			keys[o++] = (char)k.code;
		keys[o] = '\0';
	}
}

/* Feed s as one read's worth, then the input runs dry. */
static void
feed(struct termreply *r, const char *s, bool more_may_come)
{
	for (; *s != '\0'; s++) {
		termreply_feed(r, (unsigned char)*s, false);
		drain(r);
	}
	termreply_idle(r, more_may_come);
	drain(r);
}

static void
start(struct termreply *r)
{
	termreply_init(r);
	keys[0] = '\0';
}

int
main(void)
{
	struct termreply r;

	start(&r);
	feed(&r, "\033[?62;4;6;22c", true);
	ok(r.da1 && r.sixel, "DA1 with 4: sixel");
	is_str(keys, "", "DA1 is no key");
	is_int(termreply_holding(&r), 0, "nothing held after it");

	start(&r);
	feed(&r, "\033[?62;22;42c", true);
	ok(r.da1 && !r.sixel, "DA1 without 4: no sixel");
	start(&r);
	feed(&r, "\033[?4c", true);
	ok(r.da1 && !r.sixel, "a class of 4 is not the sixel feature");
	start(&r);
	feed(&r, "\033[?1;2;4c", true);
	ok(r.da1 && r.sixel, "tmux with sixel: ?1;2;4c");

	start(&r);
	feed(&r, "\033_Gi=31;OK\033\\\033[?62;22c", true);
	ok(r.kitty_answered && r.kitty_ok && r.da1 && !r.sixel, "kitty OK, then DA1");
	is_str(keys, "", "neither is a key");
	is_int(r.replies, 2, "two replies taken");

	start(&r);
	feed(&r, "\033_Gi=31;ENOTSUPPORTED:no\033\\", true);
	ok(r.kitty_answered && !r.kitty_ok, "kitty's error is not OK");
	is_str(keys, "", "the error is no key either");
	start(&r);
	feed(&r, "\033_Gi=31;OKAY\033\\", true);
	ok(!r.kitty_ok, "OKAY is not OK");

	start(&r);
	feed(&r, "\033P>|iTerm2 3.5.0\033\\\033[?62;4c", true);
	ok(r.iterm, "XTVERSION iTerm2");
	is_str(r.version, "iTerm2 3.5.0", "its text");
	ok(r.sixel && r.da1, "and the DA1 after it");
	is_str(keys, "", "no keys");
	start(&r);
	feed(&r, "\033P>|XTerm(390)\033\\", true);
	ok(!r.iterm && strcmp(r.version, "XTerm(390)") == 0, "XTVERSION xterm: not iTerm2");

	start(&r);
	feed(&r, "\033[6;20;10t", true);
	is_int(r.cell_h * 1000 + r.cell_w, 20010, "cell size 10x20 px");
	is_str(keys, "", "no keys");

	/* A reply split across reads, held while the deadline has not passed. */
	start(&r);
	feed(&r, "\033_Gi=31;", true);
	is_str(keys, "", "half a kitty reply: nothing yet");
	ok(termreply_holding(&r), "held");
	feed(&r, "OK\033", true);
	feed(&r, "\\\033[?6", true);
	feed(&r, "2;4c", true);
	ok(r.kitty_ok && r.sixel, "split over four reads: both replies");
	is_str(keys, "", "and no key");

	/* Keys before, between and after the replies. */
	start(&r);
	feed(&r, "ab\033_Gi=31;OK\033\\j\033[?62;4ck", true);
	is_str(keys, "abjk", "keys around the replies, in order");
	ok(r.kitty_ok && r.sixel, "the replies still taken");

	/* Function keys (curses' codes) stay keys, and end a hold. */
	start(&r);
	termreply_feed(&r, 0403, true);
	drain(&r);
	is_str(keys, "<F259>", "a function key passes");
	feed(&r, "\033[", true);
	termreply_feed(&r, 0403, true);
	drain(&r);
	is_str(keys, "<F259>^[[<F259>", "a function key breaks a hold: ESC [ then it");

	/* A lone ESC is the Escape key, at once, even while waiting. */
	start(&r);
	feed(&r, "\033", true);
	is_str(keys, "^[", "a lone ESC: the Escape key");
	ok(!termreply_holding(&r), "not held");

	/* Alt-x and Alt-[ stay keys. */
	start(&r);
	feed(&r, "\033x", true);
	is_str(keys, "^[x", "Alt-x");
	start(&r);
	feed(&r, "\033[x", true);
	is_str(keys, "^[[x", "ESC [ x: keys");
	start(&r);
	feed(&r, "\033\033[?62c", true);
	is_str(keys, "^[", "ESC then a reply: the ESC key only");
	ok(r.da1, "and the reply");

	/* Garbage. */
	start(&r);
	feed(&r, "\033[?62;x4c", true);
	is_str(keys, "^[[?62;x4c", "letters in DA1: keys");
	ok(!r.da1, "no DA1");
	start(&r);
	feed(&r, "\033_Gi=31;OK\001\033\\", true);
	is_str(keys, "^[_Gi=31;OK\001^[\\", "a control in a kitty reply: keys");
	ok(!r.kitty_answered, "no kitty reply");
	start(&r);
	{
		char big[400];

		memset(big, 'x', sizeof big);
		memcpy(big, "\033_G", 3);
		big[sizeof big - 1] = '\0';
		feed(&r, big, true);
		ok(strlen(keys) == sizeof big - 1 + 1 && !termreply_holding(&r),
		    "an endless APC: keys once over the hold (%zu)", strlen(keys));
	}

	/* No answer: at the deadline, what is held is keys. */
	start(&r);
	feed(&r, "\033[?6", true);
	is_str(keys, "", "a partial reply held");
	termreply_idle(&r, false);
	drain(&r);
	is_str(keys, "^[[?6", "the deadline: the partial reply as keys");
	ok(!r.da1, "no DA1");
	start(&r);
	feed(&r, "\033P>", false);
	is_str(keys, "^[P>", "after the deadline nothing is held");
	return tap_done();
}
