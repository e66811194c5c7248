/* kling-tui: libcurl, loaded on first use (src/core/lazylib.h): every file of
 * src/net includes this header instead of <curl/curl.h>. It declares one
 * function pointer per curl function the client calls and renames the calls
 * to them, so the call sites read as plain libcurl. The program is not linked
 * with -lcurl: a process that never uses the network never loads libcurl
 * and its tree (TLS, HTTP/2, IDN...), which cost most of a start-up.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_CURLSYM_H
#define KT_CURLSYM_H

/* curl.h's type-checking wrappers of curl_easy_setopt and friends are
 * macros that would hide the renaming below. */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

/* Every curl function used in src/net. A call to one not listed here fails
 * to link (the program has no -lcurl): add it to this list. */
#define CURLSYM_LIST(X) \
	X(curl_easy_cleanup) X(curl_easy_escape) X(curl_easy_getinfo) \
	X(curl_easy_header) X(curl_easy_init) X(curl_easy_perform) \
	X(curl_easy_reset) X(curl_easy_setopt) X(curl_easy_strerror) \
	X(curl_free) X(curl_global_cleanup) X(curl_global_init) \
	X(curl_multi_add_handle) X(curl_multi_cleanup) X(curl_multi_info_read) \
	X(curl_multi_init) X(curl_multi_perform) X(curl_multi_poll) \
	X(curl_multi_remove_handle) X(curl_multi_setopt) X(curl_multi_strerror) \
	X(curl_multi_wakeup) X(curl_slist_append) X(curl_slist_free_all) \
	X(curl_url) X(curl_url_cleanup) X(curl_url_get) X(curl_url_set) \
	X(curl_version)

#define CURLSYM_DECLARE(f) extern __typeof__(f) *curlsym_##f;
CURLSYM_LIST(CURLSYM_DECLARE)
#undef CURLSYM_DECLARE

/* Load libcurl (the GnuTLS flavour, else libcurl.so.4) and resolve every
 * function above: 0, or -1 and *cause (static text) saying what is missing.
 * Once per process (again: the remembered outcome), on the main thread
 * before any thread uses curl: net_global_init() calls it. */
int	net_load(const char **cause);

/* From here on a call to curl_x() goes through curlsym_curl_x. */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt
#define curl_easy_cleanup	curlsym_curl_easy_cleanup
#define curl_easy_escape	curlsym_curl_easy_escape
#define curl_easy_getinfo	curlsym_curl_easy_getinfo
#define curl_easy_header	curlsym_curl_easy_header
#define curl_easy_init		curlsym_curl_easy_init
#define curl_easy_perform	curlsym_curl_easy_perform
#define curl_easy_reset		curlsym_curl_easy_reset
#define curl_easy_setopt	curlsym_curl_easy_setopt
#define curl_easy_strerror	curlsym_curl_easy_strerror
#define curl_free		curlsym_curl_free
#define curl_global_cleanup	curlsym_curl_global_cleanup
#define curl_global_init	curlsym_curl_global_init
#define curl_multi_add_handle	curlsym_curl_multi_add_handle
#define curl_multi_cleanup	curlsym_curl_multi_cleanup
#define curl_multi_info_read	curlsym_curl_multi_info_read
#define curl_multi_init		curlsym_curl_multi_init
#define curl_multi_perform	curlsym_curl_multi_perform
#define curl_multi_poll		curlsym_curl_multi_poll
#define curl_multi_remove_handle curlsym_curl_multi_remove_handle
#define curl_multi_setopt	curlsym_curl_multi_setopt
#define curl_multi_strerror	curlsym_curl_multi_strerror
#define curl_multi_wakeup	curlsym_curl_multi_wakeup
#define curl_slist_append	curlsym_curl_slist_append
#define curl_slist_free_all	curlsym_curl_slist_free_all
#define curl_url		curlsym_curl_url
#define curl_url_cleanup	curlsym_curl_url_cleanup
#define curl_url_get		curlsym_curl_url_get
#define curl_url_set		curlsym_curl_url_set
#define curl_version		curlsym_curl_version

#endif
