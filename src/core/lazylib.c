/* kling-tui: optional shared libraries loaded on first use (lazylib.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazylib.h"

static void
clear_slots(const struct lazylib *lib)
{
	for (const struct lazylib_sym *s = lib->syms; s->name != NULL; s++)
		*s->slot = NULL;
}

int
lazylib_load(struct lazylib *lib, const char **cause)
{
	const char *const *names = lib->sonames, *err, *name = NULL, *f, *dot;
	char nowhere[128];
	const char *absent[2] = { nowhere, NULL };

	if (lib->state == 1)
		return 0;
	if (lib->state == -1) {
		*cause = lib->cause;
		return -1;
	}
	/* A soname that is nowhere: the failure is the loader's own. */
	if (lib->fault != NULL && (f = getenv("KLING_TUI_FAULT")) != NULL &&
	    strcmp(f, lib->fault) == 0 && (dot = strstr(names[0], ".so")) != NULL) {
		snprintf(nowhere, sizeof nowhere, "%.*s-kt-absent%s",
		    (int)(dot - names[0]), names[0], dot);
		names = absent;
	}
	lib->handle = NULL;
	for (const char *const *n = names; *n != NULL && lib->handle == NULL; n++) {
		name = *n;
		/* Lazy: a library's calls into its own dependencies are bound
		 * when first made, not all at load (libcurl's tree: 0.5 ms
		 * less). Every function used here is resolved below, now. */
		lib->handle = dlopen(name, RTLD_LAZY | RTLD_LOCAL);
	}
	if (lib->handle == NULL) {
		err = dlerror();
		snprintf(lib->cause, sizeof lib->cause, "%s",
		    err != NULL ? err : "no library to load");
		goto fail;
	}
	for (const struct lazylib_sym *s = lib->syms; s->name != NULL; s++) {
		*s->slot = dlsym(lib->handle, s->name);
		if (*s->slot == NULL) {
			snprintf(lib->cause, sizeof lib->cause,
			    "%s has no function %s (too old?)", name, s->name);
			clear_slots(lib);
			dlclose(lib->handle);
			lib->handle = NULL;
			goto fail;
		}
	}
	lib->state = 1;
	return 0;
fail:
	lib->state = -1;
	*cause = lib->cause;
	return -1;
}
