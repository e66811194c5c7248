/* kling-tui: what every fuzz target shares: the libFuzzer entry point and a
 * check that aborts, so that both libFuzzer and the replay driver see a
 * broken property as a crash.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_FUZZ_H
#define KT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_CHECK(cond, what) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: property broken: %s\n",		\
		    __FILE__, __LINE__, (what));			\
		abort();						\
	}								\
} while (0)

/* True when s (NUL-terminated) holds nothing a terminal would act on:
 * no C0 control but those allowed, no DEL, no C1 (U+0080-U+009F as UTF-8),
 * and valid UTF-8. */
int	fuzz_printable(const char *s, int allow_newlines);

#endif
