/* kling-tui: tests for lazylib.c: a library loaded on first use.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lazylib.h"
#include "tap.h"

static double (*p_cos)(double);
static double (*p_sqrt)(double);
static double (*p_nothing)(double);

int
main(void)
{
	static const char *const libm_names[] = { "libkt-none.so.9", "libm.so.6", NULL };
	static const struct lazylib_sym libm_syms[] = {
		{ "cos", (void **)&p_cos }, { "sqrt", (void **)&p_sqrt }, { NULL, NULL }
	};
	static struct lazylib libm = { libm_names, libm_syms, 0, NULL, "", NULL };
	static const char *const none_names[] = { "libkt-none.so.9", NULL };
	static const struct lazylib_sym none_syms[] = {
		{ "cos", (void **)&p_nothing }, { NULL, NULL }
	};
	static struct lazylib none = { none_names, none_syms, 0, NULL, "", NULL };
	static const struct lazylib_sym bad_syms[] = {
		{ "sqrt", (void **)&p_nothing }, { "kt_no_such_function", (void **)&p_cos },
		{ NULL, NULL }
	};
	static struct lazylib bad = { libm_names, bad_syms, 0, NULL, "", NULL };
	static const char *const m_names[] = { "libm.so.6", NULL };
	static const struct lazylib_sym m_syms[] = { { "cos", (void **)&p_nothing }, { NULL, NULL } };
	static struct lazylib faulty = { m_names, m_syms, 0, NULL, "", "kt-no-libm" };
	static struct lazylib other = { m_names, m_syms, 0, NULL, "", "kt-other" };
	const char *cause = NULL;
	double (*sqrt_was)(double);

	is_int(lazylib_load(&libm, &cause), 0, "the second soname loads when the first is absent");
	ok(p_cos != NULL && p_cos(0.0) == 1.0, "cos resolved and callable");
	ok(p_sqrt != NULL && p_sqrt(16.0) == 4.0, "sqrt resolved and callable");
	sqrt_was = p_sqrt;
	is_int(libm.state, 1, "and is marked loaded");
	p_sqrt = NULL;
	is_int(lazylib_load(&libm, &cause), 0, "loading again is a no-op");
	ok(p_sqrt == NULL, "that resolves nothing again");
	p_sqrt = sqrt_was;

	cause = NULL;
	is_int(lazylib_load(&none, &cause), -1, "an absent library fails");
	ok(cause != NULL && strstr(cause, "libkt-none.so.9") != NULL,
	    "the cause names the library: %s", cause ? cause : "(null)");
	ok(p_nothing == NULL, "no slot is filled");
	cause = NULL;
	is_int(none.state, -1, "the failure is remembered (state -1)");
	is_int(lazylib_load(&none, &cause), -1, "and given again");
	ok(cause != NULL, "with its cause");

	p_cos = NULL;
	cause = NULL;
	is_int(lazylib_load(&bad, &cause), -1, "a missing function fails the library");
	ok(cause != NULL && strstr(cause, "kt_no_such_function") != NULL &&
	    strstr(cause, "libm.so.6") != NULL,
	    "the cause names the library loaded and the function: %s", cause ? cause : "(null)");
	ok(p_nothing == NULL, "the functions found before it are cleared again");

	/* KLING_TUI_FAULT=<fault>: the tests' machine without the library. */
	setenv("KLING_TUI_FAULT", "kt-no-libm", 1);
	cause = NULL;
	is_int(lazylib_load(&faulty, &cause), -1, "its fault word: the library is absent");
	ok(cause != NULL && strstr(cause, "libm-kt-absent.so.6") != NULL,
	    "as the loader says it of an absent soname: %s", cause ? cause : "(null)");
	ok(p_nothing == NULL, "and no slot is filled");
	is_int(lazylib_load(&other, &cause), 0, "another library's fault word changes nothing");
	ok(p_nothing != NULL, "it loads");
	unsetenv("KLING_TUI_FAULT");
	return tap_done();
}
