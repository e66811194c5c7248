/* kling-tui: the network library's version, for a bug report.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "api.h"
#include "curlsym.h"

const char *
net_library_version(void)
{
	static char	 why[256];
	char		*cause = NULL;

	/* Loaded on first use: doctor asks before anything else does. */
	if (net_global_init(&cause) != 0) {
		snprintf(why, sizeof why, "%s", cause);
		free(cause);
		return why;
	}
	/* "libcurl/8.x OpenSSL/3.x zlib/... nghttp2/...". */
	return curl_version();
}
