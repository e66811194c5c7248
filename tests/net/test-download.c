/* kling-tui tests: download.c's .part file: opened to append, resumed from
 * its size, and refused with a reason when it cannot be a plain file.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * download.c is internal (xfer.h), so this one sees curl's headers. */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "xfer.h"

static char	dir[] = "/tmp/kt-download.XXXXXX";

/* download_open on dest (its .part beside it): 0 or -1, *cause. */
static int
open_part(const char *name, struct xfer *x, char **cause)
{
	static char	dest[256], part[300];

	memset(x, 0, sizeof *x);
	snprintf(dest, sizeof dest, "%s/%s", dir, name);
	snprintf(part, sizeof part, "%s.part", dest);
	x->req.dest = dest;
	x->part = part;
	*cause = NULL;
	return download_open(x, cause);
}

static void
refused(const char *name, const char *has, const char *what)
{
	struct xfer	 x;
	char		*cause;

	is_int(open_part(name, &x, &cause), -1, "%s: refused", what);
	ok(cause != NULL && strstr(cause, has) != NULL, "  the reason says %s",
	    has);
	if (cause != NULL)
		diag_note("%s", cause);
	free(cause);
	download_close(&x);
}

int
main(void)
{
	struct xfer	 x;
	char		*cause, path[300];
	FILE		*f;

	alarm(30);	/* a FIFO waited on fails the test */
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	is_int(open_part("new.mp4", &x, &cause), 0, "a new .part is opened");
	is_int(x.offset, 0, "from the start");
	ok(x.fp != NULL, "to write to");
	download_close(&x);

	snprintf(path, sizeof path, "%s/half.mp4.part", dir);
	f = fopen(path, "w");
	fputs("12345", f);
	fclose(f);
	is_int(open_part("half.mp4", &x, &cause), 0, "a .part left over is opened");
	is_int(x.offset, 5, "to resume after its 5 bytes");
	download_close(&x);

	refused("missing/t.mp4", "No such file or directory",
	    "a .part in a folder that is not there");
	snprintf(path, sizeof path, "%s/link.mp4.part", dir);
	if (symlink("/etc/passwd", path) == 0)
		refused("link.mp4", "a symbolic link: refused", "a .part that is "
		    "a symlink");
	snprintf(path, sizeof path, "%s/fifo.mp4.part", dir);
	if (mkfifo(path, 0600) == 0)
		refused("fifo.mp4", "fifo.mp4.part: ", "a .part that is a FIFO, "
		    "at once (no reader to wait for)");
	snprintf(path, sizeof path, "%s/dir.mp4", dir);
	if (mkdir(path, 0700) == 0)
		refused("dir.mp4", "not a regular file: refused", "a destination "
		    "that is a folder");

	/* Leave nothing behind. */
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	if (system(path) != 0)
		diag_note("could not remove %s", dir);
	return tap_done();
}
