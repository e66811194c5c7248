/* kling-tui: downloads into dest.part beside the target, resumed with a
 * Range from the part's size, renamed into place only when complete.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xfer.h"
#include "xmalloc.h"
#include "i18n.h"

int
download_open(struct xfer *x, char **cause)
{
	struct stat	sb;
	int		fd;

	download_close(x);
	x->offset = x->written = 0;
	x->total = -1;
	x->decided = x->to_file = x->range_error = x->too_big = false;
	x->io_errno = 0;
	/* -o /dev/null must not become a regular file renamed over a device. */
	if (stat(x->req.dest, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		xasprintf(cause, _("%s: not a regular file: refused"), x->req.dest);
		return -1;
	}
	/* A symlink planted as the .part would have its target overwritten;
	 * O_NONBLOCK: a FIFO there fails rather than waits for a reader. */
	fd = open(x->part, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
	    O_NOFOLLOW | O_NONBLOCK, 0644);
	if (fd == -1 && errno == ELOOP) {
		xasprintf(cause, _("%s: a symbolic link: refused"), x->part);
		return -1;
	}
	if (fd == -1) {
		xasprintf(cause, "%s: %s", x->part, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		xasprintf(cause, _("%s: not a regular file: refused"), x->part);
		close(fd);
		return -1;
	}
	if (fcntl(fd, F_SETFL, O_APPEND) == -1 ||
	    (x->fp = fdopen(fd, "a")) == NULL) {
		xasprintf(cause, "%s: %s", x->part, strerror(errno));
		close(fd);
		return -1;
	}
	x->offset = sb.st_size;
	return 0;
}

void
download_done(struct xfer *x)
{
	bool empty = x->offset + x->written == 0;

	download_close(x);
	if (x->part != NULL && (empty || x->too_big))
		unlink(x->part);
}

void
download_close(struct xfer *x)
{
	if (x->fp != NULL)
		fclose(x->fp);
	x->fp = NULL;
}

/* "bytes A-B/N" or "bytes * /N": first byte (-1 for "*") and size (-1). */
static void
download_parse_range(const char *s, int64_t *first, int64_t *size)
{
	const char	*slash;

	*first = *size = -1;
	if (s == NULL || strncmp(s, "bytes ", 6) != 0)
		return;
	s += 6;
	if (*s != '*')
		*first = strtoll(s, NULL, 10);
	if ((slash = strchr(s, '/')) != NULL && slash[1] != '*')
		*size = strtoll(slash + 1, NULL, 10);
}

static const char *
download_header(struct xfer *x, const char *name)
{
	struct curl_header	*h;

	if (curl_easy_header(x->easy, name, 0, CURLH_HEADER, -1, &h) !=
	    CURLHE_OK)
		return NULL;
	return h->value;
}

/* The first body bytes tell what they are: the file (200 from the start,
 * 206 from where the part ends) or an error page kept in memory. */
static void
download_decide(struct xfer *x)
{
	long		http = 0;
	curl_off_t	cl = -1;
	int64_t		first, size;

	x->decided = true;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &http);
	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
	if (http == 200) {
		/* The server ignored the Range: start over. */
		if (x->offset > 0 && ftruncate(fileno(x->fp), 0) == -1) {
			x->io_errno = errno;
			return;
		}
		x->offset = 0;
		x->total = cl;
		x->to_file = true;
	} else if (http == 206) {
		download_parse_range(download_header(x, "Content-Range"),
		    &first, &size);
		if (first != x->offset) {
			x->range_error = true;
			return;
		}
		x->total = size;
		x->to_file = true;
	}
}

/* Whether n more bytes would pass the cap; if so the attempt is over. */
static bool
download_over(struct xfer *x, int64_t n)
{
	if (n > x->conn->max_download - x->offset - x->written)
		x->too_big = true;
	return x->too_big;
}

size_t
download_write(struct xfer *x, const char *p, size_t n)
{
	if (!x->decided)
		download_decide(x);
	if (x->io_errno != 0 || x->range_error)
		return 0;
	if (!x->to_file)
		return response_buffer(x, p, n);
	if (download_over(x, (int64_t)n))
		return 0;
	if (fwrite(p, 1, n, x->fp) != n) {
		x->io_errno = errno != 0 ? errno : EIO;
		return 0;
	}
	x->written += n;
	return n;
}

static void
download_fail(struct xfer *x, struct api_result *res, enum api_outcome o,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
download_fail(struct xfer *x, struct api_result *res, enum api_outcome o,
    const char *fmt, ...)
{
	va_list	ap;

	res->outcome = o;
	free(res->message);
	va_start(ap, fmt);
	res->message = response_vprintf(fmt, ap);
	va_end(ap);
	res->bytes = x->offset + x->written;
	res->total = x->total;
	download_done(x);
}

void
download_finish(struct xfer *x, long http, struct api_result *res)
{
	int64_t	first, size, have;

	if (!x->decided && (http == 200 || http == 206))
		download_decide(x);	/* an empty file: no write came */
	if (http == 416 && x->offset > 0) {
		/* Asked past the end: the part may already be whole. */
		download_parse_range(download_header(x, "Content-Range"),
		    &first, &size);
		if (size != x->offset) {
			if (ftruncate(fileno(x->fp), 0) == -1) {
				download_fail(x, res, API_LOCAL_ERROR,
				    "%s: %s", x->part, strerror(errno));
				return;
			}
			x->offset = 0;
			download_fail(x, res, API_BAD_RESPONSE,
			    _("HTTP 416: the partial download did not match: "
			    "starting again"));
			return;
		}
		x->total = size;
	} else if (!x->to_file) {
		download_fail(x, res, http >= 200 && http < 300 ?
		    API_BAD_RESPONSE : response_outcome(http),
		    _("HTTP %ld: the file could not be fetched"), http);
		return;
	}
	have = x->offset + x->written;
	if (x->total >= 0 && have != x->total) {
		download_fail(x, res, API_NO_ANSWER, _("download cut at %" PRId64
		    " of %" PRId64 " bytes"), have, x->total);
		return;
	}
	if (fflush(x->fp) != 0 || fsync(fileno(x->fp)) != 0) {
		download_fail(x, res, API_LOCAL_ERROR, "%s: %s", x->part,
		    strerror(errno));
		return;
	}
	download_close(x);
	if (rename(x->part, x->req.dest) != 0) {
		download_fail(x, res, API_LOCAL_ERROR, "%s: %s", x->req.dest,
		    strerror(errno));
		return;
	}
	res->outcome = API_OK;
	res->bytes = have;
	res->total = have;
	res->path = xstrdup(x->req.dest);
	free(res->message);
	xasprintf(&res->message, "downloaded %" PRId64 " bytes", have);
}
