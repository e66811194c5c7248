/* kling-tui: fuzz the text helpers that stand between server text and the
 * terminal: text_sanitize must leave nothing a terminal would act on, and
 * the width helpers must never cut a character or overflow their columns.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Input: byte 0 flags (bit 0: keep newlines), byte 1 the byte limit (0: none),
 * byte 2 the columns for text_fit, then the text. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "text.h"
#include "xmalloc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data + 3;
	size_t len, max, cols, fit, off;
	char *clean, *again, *raw, *prefix;
	bool nl;

	if (size < 3)
		return 0;
	nl = data[0] & 1;
	max = data[1];
	cols = data[2];
	len = size - 3;

	clean = text_sanitize(s, len, max, nl);
	FUZZ_CHECK(clean != NULL, "sanitize never returns NULL");
	FUZZ_CHECK(fuzz_printable(clean, nl), "sanitized text is safe to print");
	FUZZ_CHECK(strchr(clean, '\033') == NULL, "no escape survives");
	FUZZ_CHECK(max == 0 || strlen(clean) <= max, "the byte limit holds");
	FUZZ_CHECK(text_valid_utf8(clean, strlen(clean), &off),
	    "sanitized text is valid UTF-8");
	again = text_sanitize(clean, strlen(clean), max, nl);
	FUZZ_CHECK(strcmp(again, clean) == 0, "sanitizing is idempotent");
	free(again);

	/* The width helpers take C strings: the raw text up to its first NUL
	 * (they must cope with invalid UTF-8), and the clean one. */
	raw = xstrndup(s, len);
	FUZZ_CHECK(text_chars(raw) <= strlen(raw), "characters <= bytes");
	fit = text_fit(raw, cols);
	FUZZ_CHECK(fit <= strlen(raw), "text_fit stays inside the text");
	fit = text_fit(clean, cols);
	FUZZ_CHECK(fit <= strlen(clean), "text_fit stays inside the text");
	FUZZ_CHECK(text_valid_utf8(clean, fit, &off),
	    "text_fit never splits a character");
	prefix = xstrndup(clean, fit);
	FUZZ_CHECK(text_width(prefix) <= cols, "text_fit's prefix fits");
	free(prefix);
	free(raw);
	free(clean);
	return 0;
}
