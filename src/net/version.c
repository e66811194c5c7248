/* kling-tui: the network library's version, for a bug report.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <curl/curl.h>

#include "api.h"

const char *
net_library_version(void)
{
	/* "libcurl/8.x OpenSSL/3.x zlib/... nghttp2/...". */
	return curl_version();
}
