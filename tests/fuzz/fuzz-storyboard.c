/* kling-tui: fuzz the storyboard loader and the rules, what every file a
 * user opens goes through. Beyond "no crash": a failure always says why,
 * the rules give the same answer twice without growing, and what the codec
 * writes loads back equal and writes back byte-identical (nothing lost on
 * save).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <string.h>

#include "codec.h"
#include "diag.h"
#include "fuzz.h"
#include "rules.h"
#include "storyboard.h"
#include "xmalloc.h"

static void
fuzz_mention(void *arg, size_t off, size_t len, const char *name,
    size_t namelen)
{
	const char *prompt = arg;

	FUZZ_CHECK(off + len <= strlen(prompt), "a mention lies in its prompt");
	FUZZ_CHECK(prompt[off] == '@', "a mention starts with @");
	FUZZ_CHECK(name == prompt + off + 1 && namelen + 1 == len,
	    "the name is the mention without its @");
}

static void
fuzz_mentions(const char *prompt)
{
	if (prompt != NULL)
		rules_each_mention(prompt, fuzz_mention, (void *)prompt);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct diag_list *dl;
	struct storyboard *sb, *eff, *back, *copy;
	char *cause = NULL, *text, *text2;
	size_t errors, n, i;

	if (dl == NULL)
		dl = diag_list_new();
	sb = codec_decode((const char *)data, size, &cause);
	if (sb == NULL) {
		FUZZ_CHECK(cause != NULL && *cause != '\0',
		    "a refused text says why");
		free(cause);
		return 0;
	}
	FUZZ_CHECK(cause == NULL, "no cause on success");

	errors = rules_check(sb, dl);
	n = dl->n;
	FUZZ_CHECK(errors == diag_count(dl, DIAG_ERROR), "error count");
	FUZZ_CHECK(rules_check(sb, dl) == errors && dl->n == n,
	    "the rules answer the same twice");
	for (i = 0; i < dl->n; i++)
		FUZZ_CHECK(dl->v[i].msg[0] != '\0', "every diagnostic has a message");
	fuzz_mentions(sb->prompt);
	for (i = 0; i < sb->nshots; i++)
		fuzz_mentions(sb->shots[i].prompt);

	copy = sb_clone(sb);
	FUZZ_CHECK(sb_equal(sb, copy), "a clone is equal");
	sb_free(&copy);

	text = codec_encode(sb);
	back = codec_decode(text, strlen(text), &cause);
	FUZZ_CHECK(back != NULL, "what the codec writes loads back");
	FUZZ_CHECK(sb_equal(sb, back), "decode(encode(x)) == x");
	text2 = codec_encode(back);
	FUZZ_CHECK(strcmp(text, text2) == 0, "encoding is stable");
	free(text2);
	free(text);
	sb_free(&back);

	eff = sb_effective(sb);
	text = codec_encode(eff);
	free(text);
	rules_check(eff, dl);
	sb_free(&eff);
	sb_free(&sb);
	return 0;
}
