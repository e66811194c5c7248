/* kling-tui: libcurl loaded on first use (curlsym.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "curlsym.h"
#include "lazylib.h"

/* The pointers, NULL until net_load(). */
#define CURLSYM_DEFINE(f) __typeof__(curlsym_##f) curlsym_##f;
CURLSYM_LIST(CURLSYM_DEFINE)
#undef CURLSYM_DEFINE

int
net_load(const char **cause)
{
	/* The GnuTLS build first (libcurl3t64-gnutls, the one git uses), then
	 * the OpenSSL one (libcurl4t64), which has the same API. Both load
	 * both TLS libraries (libssh2 needs OpenSSL's, librtmp GnuTLS's), but
	 * the GnuTLS build's curl_global_init() skips OpenSSL's TLS set-up:
	 * 0.6 ms less to load and start, and less to tear down at exit
	 * (bench/RESULTS.md, session 11). */
	static const char *const sonames[] = {
		"libcurl-gnutls.so.4", "libcurl.so.4", NULL
	};
#define CURLSYM_ROW(f) { #f, (void **)&curlsym_##f },
	static const struct lazylib_sym syms[] = {
		CURLSYM_LIST(CURLSYM_ROW)
		{ NULL, NULL }
	};
#undef CURLSYM_ROW
	static struct lazylib curl = { sonames, syms, 0, NULL, "", "no-libcurl" };

	return lazylib_load(&curl, cause);
}
