/* kling-tui: optional shared libraries loaded on first use, the way systemd
 * loads its optional ones (dlopen, then dlsym of each function used), so that
 * a process pays nothing at start for a library its first screen does not
 * need (libcurl and its tree, the image decoders).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_LAZYLIB_H
#define KT_LAZYLIB_H

/* One function to resolve: its name and where to store its address
 * (a function pointer, passed as (void **)&ptr). */
struct lazylib_sym {
	const char	 *name;
	void		**slot;
};

/* A library: the sonames to try in order (NULL-terminated; the packaged
 * soname first) and the functions it must have ({NULL, NULL}-terminated).
 * Define one statically per library with state 0. With fault set, the
 * tests' KLING_TUI_FAULT=<fault> plays a machine without it: the first
 * soname, with "-kt-absent" before its ".so", is all that is tried. */
struct lazylib {
	const char *const		*sonames;
	const struct lazylib_sym	*syms;
	int				 state;	/* 0 untried, 1 loaded, -1 failed */
	void				*handle;
	char				 cause[256];
	const char			*fault;
};

/* Load it and resolve every function: 0 (now or already), or -1 and *cause
 * naming the library or the missing function (also on every later call:
 * a failure is remembered, and no slot is left half filled). Not
 * thread-safe: call it from one thread before any other thread uses the
 * library's functions. */
int	lazylib_load(struct lazylib *, const char **cause);

#endif
