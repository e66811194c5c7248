/* kling-tui: GNU readline loaded on first use (rlsym.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "lazylib.h"
#include "rlsym.h"

/* The pointers, NULL until rlsym_load(). */
#define RLSYM_DEFINE(f) __typeof__(rlsym_##f) rlsym_##f;
RLSYM_FUNCS(RLSYM_DEFINE)
RLSYM_VARS(RLSYM_DEFINE)
#undef RLSYM_DEFINE

int
rlsym_load(const char **cause)
{
	/* The packaged soname (Debian's libreadline8t64), then the one
	 * before it. */
	static const char *const sonames[] = {
		"libreadline.so.8", "libreadline.so.7", NULL
	};
#define RLSYM_ROW(f) { #f, (void **)&rlsym_##f },
	static const struct lazylib_sym syms[] = {
		RLSYM_FUNCS(RLSYM_ROW)
		RLSYM_VARS(RLSYM_ROW)
		{ NULL, NULL }
	};
#undef RLSYM_ROW
	static struct lazylib rl = { sonames, syms, 0, NULL, "", "no-readline" };

	return lazylib_load(&rl, cause);
}
