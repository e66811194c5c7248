/* kling-tui: tests for text.c: UTF-8, widths, sanitising.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tap.h"
#include "text.h"

static void
sanitized(const char *in, size_t len, size_t max, bool nl, const char *want,
    const char *name)
{
	char *got = text_sanitize(in, len, max, nl);

	is_str(got, want, "sanitize: %s", name);
	free(got);
}

/* in[0..len) copied to the end of a page that an unreadable page follows:
 * a read past len is a crash, not a byte that happens to be there. */
static void
sanitized_at_edge(const char *in, size_t len, const char *want, const char *name)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || mprotect(p + pg, pg, PROT_NONE) != 0) {
		ok(0, "sanitize at a page's end: %s: no guard page", name);
		return;
	}
	memcpy(p + pg - len, in, len);
	sanitized(p + pg - len, len, 0, false, want, name);
	munmap(p, 2 * pg);
}

/* text_file_name(s) is want. */
static void
file_name(const char *s, const char *want, const char *name)
{
	char *got = text_file_name(s);

	is_str(got, want, "file name: %s", name);
	free(got);
}

/* What text_fputs(s) writes. */
static void
fputs_gives(const char *s, const char *want, const char *name)
{
	char buf[256] = "";
	FILE *f = fmemopen(buf, sizeof buf, "w");

	if (f == NULL) {
		ok(0, "text_fputs: %s: no fmemopen", name);
		return;
	}
	text_fputs(s, f);
	fclose(f);
	is_str(buf, want, "text_fputs: %s", name);
}

int
main(void)
{
	uint32_t cp = 0;
	size_t off = 99;

	/* A server's task id as a file name: each end of each kept range is
	 * kept, the characters either side of it are not. */
	file_name("task_AZaz09-.mp4", "task_AZaz09-.mp4", "letters, digits, _ - . kept");
	file_name("@[`{/:", "", "the characters next to A-Z, a-z and 0-9 dropped");
	file_name("../../etc/passwd", "etcpasswd", "no path, no ..");
	file_name(".hidden", "hidden", "no leading dot");
	file_name("a\x1b[31mb\xe4\xb8\xad", "a31mb", "no escape, no other bytes");
	file_name(NULL, "", "NULL gives an empty name");
	/* text_fputs: the whole text, sanitised, whatever its length. */
	fputs_gives("kling-tui", "kling-tui", "plain text whole");
	fputs_gives("red\x1b[31m!\xe2\x80\xae", "red!", "escapes and bidi controls removed");
	fputs_gives(NULL, "", "NULL writes nothing");

	/* Decoding. */
	is_int(text_decode("A", 1, &cp), 1, "ASCII is one byte");
	is_int(text_decode("\xc3\xa9", 2, &cp), 2, "e-acute is two bytes");
	is_int(cp, 0xe9, "e-acute decodes to U+00E9");
	is_int(text_decode("\xe4\xb8\xad", 3, &cp), 3, "CJK is three bytes");
	is_int(text_decode("\xf0\x9f\x98\x80", 4, &cp), 4, "emoji is four bytes");
	is_int(cp, 0x1f600, "emoji decodes to U+1F600");
	is_int(text_decode("\xc0\xaf", 2, &cp), 0, "overlong '/' refused");
	is_int(text_decode("\xe0\x80\xaf", 3, &cp), 0, "three-byte overlong refused");
	is_int(text_decode("\xed\xa0\x80", 3, &cp), 0, "surrogate U+D800 refused");
	/* The surrogates' edges: U+DFFF the last refused, U+D7FF and U+E000
	 * either side of them decoded. */
	is_int(text_decode("\xed\xbf\xbf", 3, &cp), 0, "surrogate U+DFFF refused");
	is_int(text_decode("\xed\x9f\xbf", 3, &cp), 3, "U+D7FF, before them, is three bytes");
	is_int(cp, 0xd7ff, "and decodes to U+D7FF");
	is_int(text_decode("\xee\x80\x80", 3, &cp), 3, "U+E000, after them, is three bytes");
	is_int(cp, 0xe000, "and decodes to U+E000");
	is_int(text_decode("\xf4\x90\x80\x80", 4, &cp), 0, "above U+10FFFF refused");
	is_int(text_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4, "U+10FFFF, the last, is four bytes");
	is_int(cp, 0x10ffff, "and decodes to U+10FFFF");
	is_int(text_decode("\xe4\xb8", 2, &cp), 0, "truncated sequence refused");
	is_int(text_decode("\x80", 1, &cp), 0, "lone continuation byte refused");

	{
		const char *next, *s = "the quick brown fox";

		is_int(text_wrap_line(s, 12, &next), 9, "wrap: broken after the last space that fits");
		is_str(next, "brown fox", "wrap: the next line starts at the next word");
		is_int(text_wrap_line("abcdefghij klm", 4, &next), 4, "wrap: a longer word is cut");
		is_int(text_wrap_line("short", 10, &next), 5, "wrap: what fits is one line");
		ok(*next == '\0', "wrap: and nothing is left");
		is_int(text_wrap_line("\xe4\xb8\xad\xe6\x96\x87 x", 3, &next), 3,
		    "wrap: CJK counted in columns, never split");
		is_int(text_wrap_line("\xe4\xb8\xad", 1, &next), 3,
		    "wrap: a character wider than the line still goes");
	}
	ok(text_valid_utf8("caf\xc3\xa9", 5, &off), "valid UTF-8 accepted");
	ok(!text_valid_utf8("caf\xe9 ok", 7, &off), "Latin-1 byte refused");
	is_int(off, 3, "the bad byte's offset is given");

	/* Characters, not bytes. */
	is_int(text_chars("hello"), 5, "ASCII: one character a byte");
	is_int(text_chars("\xe4\xb8\xad\xe6\x96\x87"), 2, "two CJK characters, six bytes");
	is_int(text_chars("a\xffz"), 3, "an invalid byte counts as one character");
	{
		/* Eight ASCII bytes are counted at a time: a character of
		 * two bytes at each place of a word, and at the end. */
		char buf[32];
		size_t i, miss = 0;

		for (i = 0; i < 20; i++) {
			memset(buf, 'a', sizeof buf);
			memcpy(buf + i, "\xc3\xa9", 2);
			buf[22] = '\0';
			miss += text_chars(buf) != 21;
		}
		is_int(miss, 0, "a two-byte character anywhere in 22 bytes: 21 characters");
	}

	/* Widths, independent of the locale. */
	is_int(text_cp_width('a'), 1, "ASCII letter: 1 column");
	is_int(text_cp_width(0x4e2d), 2, "CJK ideograph: 2 columns");
	is_int(text_cp_width(0xff21), 2, "fullwidth A: 2 columns");
	is_int(text_cp_width(0xac00), 2, "Hangul syllable: 2 columns");
	is_int(text_cp_width(0x1f600), 2, "emoji: 2 columns");
	is_int(text_cp_width(0x0301), 0, "combining acute: 0 columns");
	/* The edges of the ranges (make mutate). */
	is_int(text_cp_width(0x0300), 0, "U+0300, the first combining mark: 0");
	is_int(text_cp_width(0x02ff), 1, "U+02FF, before it: 1 column");
	is_int(text_cp_width(0x200d), 0, "ZWJ: 0 columns");
	is_int(text_cp_width(0xfe0f), 0, "variation selector 16: 0 columns");
	is_int(text_cp_width(0x07), 0, "control character: 0 columns");
	is_int(text_cp_width(0xe9), 1, "e-acute: 1 column");
	is_int(text_width("ab\xe4\xb8\xad"), 4, "a, b and a CJK character: 4 columns");
	is_int(text_width("e\xcc\x81"), 1, "e + combining acute: 1 column");
	is_int(text_width("a\xffz"), 3, "an invalid byte: 1 column (shown as U+FFFD)");
	is_int(text_pad("ab\xe4\xb8\xad", 10), 6, "padding to 10 columns after 4: 6 spaces");
	is_int(text_pad("abc", 10), 7, "after 3 ASCII columns: 7, as printf pads");
	is_int(text_pad("\xe4\xb8\xad\xe6\x96\x87", 3), 0, "wider than the column: none");

	/* Fitting never splits a character. */
	is_int(text_fit("\xe4\xb8\xad\xe6\x96\x87", 3), 3, "3 columns hold one CJK character");
	is_int(text_fit("\xe4\xb8\xad\xe6\x96\x87", 4), 6, "4 columns hold two");
	is_int(text_fit("abc", 10), 3, "short text fits whole");
	is_int(text_fit("abc", 0), 0, "zero columns hold nothing");

	/* Sanitising what a server sent. */
	sanitized("plain", 5, 0, false, "plain", "plain text kept");
	/* Runs of printable ASCII are copied whole: their ends and the cap. */
	sanitized("a\x1f \x7e\x7f" "b", 6, 0, false, "a ~b",
	    "the ends of printable ASCII: 0x20 and 0x7e kept, 0x1f and 0x7f not");
	sanitized("abcdef", 6, 4, false, "abcd", "a cap cuts a run of ASCII at the cap");
	sanitized("\xe4\xb8\xad" "abc", 6, 3, false, "\xe4\xb8\xad",
	    "a character that meets the cap ends the text before the ASCII after it");
	sanitized("ab\x01" "cd", 5, 3, false, "abc", "a control left out does not count "
	    "against the cap");
	sanitized("ab\x01", 3, 2, false, "ab", "a cap met at the end of a run, a control after");
	sanitized("\x1b[31mred\x1b[0m", 12, 0, false, "red", "CSI colour removed");
	sanitized("a\x1b[2J\x1b[Hb", 10, 0, false, "ab", "CSI clear screen removed");
	sanitized("a\x1b[4@b", 6, 0, false, "ab", "CSI ending in '@', the first final byte, removed");
	sanitized("a\x1b[4~b", 6, 0, false, "ab", "CSI ending in '~', the last final byte, removed");
	sanitized("x\x1b]0;title\x07y", 12, 0, false, "xy", "OSC ended by BEL removed");
	sanitized("x\x1b]0;title\xc2\x9cy", 13, 0, false, "xy",
	    "OSC ended by ST as U+009C removed");
	sanitized("x\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\y", 29, 0, false, "xlinky",
	    "OSC 8 hyperlink ended by ST removed");
	sanitized("x\x1bPq#0;2\x1b\\y", 12, 0, false, "xy", "DCS removed");
	sanitized("x\x1b_apc\x1b\\y", 9, 0, false, "xy", "APC removed");
	sanitized("x\x1b" "7y", 4, 0, false, "xy", "two-byte ESC 7 removed");
	sanitized("x\x1b(By", 5, 0, false, "xy", "ESC ( B removed");
	sanitized("x\xc2\x9b" "31my", 7, 0, false, "xy", "C1 CSI (U+009B) removed");
	sanitized("x\xc2\x85y", 4, 0, false, "xy", "C1 NEL removed");
	sanitized("a\a\b\x7f" "b", 5, 0, false, "ab", "BEL, BS and DEL removed");
	sanitized("a\rb", 3, 0, false, "ab", "carriage return removed");
	sanitized("a\nb\tc", 5, 0, false, "a b c", "newline and tab become spaces");
	sanitized("a\nb\tc", 5, 0, true, "a\nb\tc", "kept when asked");
	sanitized("caf\xe9!", 5, 0, false, "caf\xef\xbf\xbd!", "invalid UTF-8 becomes U+FFFD");
	sanitized("\xe4\xb8\xad\xe6\x96\x87", 6, 4, false, "\xe4\xb8\xad",
	    "cut without splitting a character");
	sanitized("x\x1b[", 3, 0, false, "x", "unterminated CSI at the end removed");
	sanitized("x\x1b]52;c;AAAA", 12, 0, false, "x", "unterminated OSC removed");
	/* What a server sent is not NUL-terminated: nothing past len is read,
	 * even when an escape is cut after its first byte. */
	sanitized_at_edge("x\x1b", 2, "x", "ESC at the very end: nothing read past it");
	sanitized_at_edge("x\x1b[", 3, "x", "CSI cut at its introducer: nothing read past it");
	sanitized_at_edge("x\x1b]0;t\x1b", 7, "x", "OSC cut after ESC: nothing read past it");
	sanitized_at_edge("x\x1b]0;t\xc2", 7, "x",
	    "OSC cut after U+009C's first byte: nothing read past it");
	sanitized_at_edge("x\xe4\xb8", 3, "x\xef\xbf\xbd\xef\xbf\xbd",
	    "a character cut short: nothing read past it");
	sanitized("a\xe2\x80\xae" "b", 5, 0, false, "ab", "bidi override removed");
	sanitized("a\x1b Fb", 5, 0, false, "ab", "ESC, a space intermediate and "
	    "its final byte removed");
	/* Every bidi control, each end of each range (issue 12, item 16). */
	sanitized("a\xe2\x80\xaa" "b\xe2\x81\xa6" "c\xe2\x81\xa9" "d", 13, 0, false,
	    "abcd", "bidi embeddings and isolates U+202A, U+2066-2069 removed");
	sanitized("a\xe2\x80\x8e" "b\xe2\x80\x8f" "c\xd8\x9c" "d", 12, 0, false,
	    "abcd", "bidi marks LRM, RLM and ALM removed");
	sanitized("a\xe2\x80\xa9" "b\xe2\x81\xaa" "c\xe2\x80\x8d" "d", 13, 0,
	    false, "a\xe2\x80\xa9" "b\xe2\x81\xaa" "c\xe2\x80\x8d" "d",
	    "the characters beside the ranges are kept");
	sanitized("a b\xc2\xa0" "c\xe2\x80\xaf" "d\xe2\x81\xa5" "e", 15, 0, false,
	    "a b\xc2\xa0" "c\xe2\x80\xaf" "d\xe2\x81\xa5" "e",
	    "a space, U+00A0 (after the C1 controls), U+202F and U+2065 are kept");
	sanitized("\xe4\xb8\xad\xf0\x9f\x98\x80", 7, 0, false,
	    "\xe4\xb8\xad\xf0\x9f\x98\x80", "CJK and emoji kept");
	return tap_done();
}
