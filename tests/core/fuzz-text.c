/* kling-tui: libFuzzer target for text.c and the @mention scanner: what
 * text_sanitize returns is valid UTF-8 with no escape or control character,
 * within its byte limit; mentions stay inside the prompt.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "text.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_mention(void *arg, size_t off, size_t len, const char *name, size_t namelen)
{
	const char *s = arg;

	if (off + len > strlen(s) || s[off] != '@' || name != s + off + 1 ||
	    namelen + 1 != len || namelen == 0)
		fatal("a mention outside its prompt");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	size_t max = len > 0 ? data[0] : 0, i, n, fit;
	char *out, *z;
	uint32_t cp;

	out = text_sanitize((const char *)data, len, max, len > 1 && (data[1] & 1));
	n = strlen(out);
	if (!text_valid_utf8(out, n, NULL))
		fatal("sanitized text is not UTF-8");
	if (max != 0 && n > max)
		fatal("sanitized text over its limit");
	for (i = 0; i < n; i += text_decode(out + i, n - i, &cp)) {
		text_decode(out + i, n - i, &cp);
		if (cp == 0x1b || (cp < 0x20 && cp != '\n' && cp != '\t') ||
		    (cp >= 0x7f && cp < 0xa0))
			fatal("a control character survived sanitizing");
	}
	fit = text_fit(out, max);
	if (fit > n || (fit < n && text_width(out) <= max))
		fatal("text_fit disagrees with text_width");
	free(out);

	z = xstrndup((const char *)data, len);
	rules_each_mention(z, fuzz_mention, z);
	text_chars(z);
	free(z);
	return 0;
}
