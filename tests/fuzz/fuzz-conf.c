/* kling-tui: fuzz the config file parser and the key helpers: any file in
 * ~/.config/kling-tui/config loads (warnings, never a failure or a crash),
 * and a masked key never shows more than half of the key.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/mman.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "fuzz.h"
#include "xmalloc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	struct conf *cf;
	char *cause = NULL, *s, *masked, *expanded;
	size_t i;

	/* The parser reads a path: give it an in-memory file. */
	if (fd == -1) {
		if ((fd = memfd_create("kt-fuzz-conf", 0)) == -1)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		unsetenv("CRUN_BASE_URL");
		unsetenv("CRUN_API_KEY");
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();

	cf = conf_load(path, &cause);
	FUZZ_CHECK(cf != NULL, "a readable config always loads");
	FUZZ_CHECK(cf->poll_min_seconds >= 1 &&
	    cf->poll_min_seconds <= cf->poll_max_seconds &&
	    cf->poll_max_seconds <= 86400, "poll bounds are sane");
	for (i = 0; i < cf->nwarnings; i++)
		FUZZ_CHECK(strncmp(cf->warnings[i], path, strlen(path)) == 0,
		    "a warning names the file");
	FUZZ_CHECK(conf_base_url(cf, NULL) != NULL, "there is a base URL");
	if (cf->key_file != NULL) {
		expanded = conf_expand_home(cf->key_file);
		free(expanded);
	}
	conf_free(&cf);
	FUZZ_CHECK(cf == NULL, "conf_free clears the pointer");

	s = xstrndup((const char *)data, size);
	masked = conf_mask_key(s);
	FUZZ_CHECK(strlen(masked) >= 3 && strlen(masked) - 3 <= strlen(s) / 2,
	    "a masked key shows at most half of it");
	free(masked);
	free(s);
	return 0;
}
