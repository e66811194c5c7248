/* kling-tui: libFuzzer target for the codec and the rules: any bytes either
 * fail to decode with a cause, or decode to a storyboard that the rules can
 * check and that survives encode and decode unchanged.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "rules.h"
#include "storyboard.h"
#include "text.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct storyboard *sb, *back, *eff;
	struct diag_list *d;
	char *cause = NULL, *text;

	if ((sb = codec_decode((const char *)data, len, &cause)) == NULL) {
		if (cause == NULL || !text_valid_utf8(cause, strlen(cause), NULL))
			fatal("a failure without a printable cause");
		free(cause);
		return 0;
	}
	d = diag_list_new();
	rules_check(sb, d);
	text = codec_encode(sb);
	if ((back = codec_decode(text, strlen(text), &cause)) == NULL)
		fatal("our own output does not decode: %s", cause);
	if (!sb_equal(sb, back))
		fatal("decode(encode(x)) != x for:\n%s", text);
	eff = sb_effective(sb);
	rules_check(eff, d);
	sb_free(&eff);
	sb_free(&back);
	free(text);
	diag_list_free(&d);
	sb_free(&sb);
	return 0;
}
