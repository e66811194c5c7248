/* kling-tui: the "safe to print" property the fuzz targets check.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "text.h"

int
fuzz_printable(const char *s, int allow_newlines)
{
	size_t len = strlen(s), i, n;
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		if ((n = text_decode(s + i, len - i, &cp)) == 0)
			return 0;
		if (cp == '\n' || cp == '\t') {
			if (!allow_newlines)
				return 0;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
			return 0;
	}
	return 1;
}
