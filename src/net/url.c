/* kling-tui: which URLs the client may fetch, by the rule of core/urlrule.h,
 * the URLs parsed as curl parses them.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "curlsym.h"

#include "urlrule.h"
#include "xfer.h"
#include "xmalloc.h"
#include "i18n.h"

/* The host of a URL as curl will see it; NULL if it has none. */
static char *
url_host(CURLU *u, const char *url, char **scheme)
{
	char *host = NULL;

	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    (scheme != NULL &&
	    curl_url_get(u, CURLUPART_SCHEME, scheme, 0) != CURLUE_OK) ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		return NULL;
	return host;
}

int
url_check(const char *url, const char *base, bool allow_http, char **cause)
{
	CURLU	*u, *bu;
	char	*scheme = NULL, *host = NULL, *base_host = NULL;
	bool	 base_loopback;
	int	 rc = -1;

	/* A refusal, not fatal(): the request fails, the program goes on. */
	if ((u = curl_url()) == NULL || (bu = curl_url()) == NULL) {
		curl_url_cleanup(u);
		*cause = xstrdup(_("out of memory for parsing the URL"));
		return -1;
	}
	/* A handle of its own for each: on one that holds the base, a text
	 * without a scheme ("//127.0.0.1:631/") would be resolved against it,
	 * and the URL checked would not be the one curl fetches. */
	base_host = url_host(bu, base, NULL);
	base_loopback = base_host != NULL && urlrule_loopback(base_host);
	if ((host = url_host(u, url, &scheme)) == NULL)
		xasprintf(cause, _("not a usable URL"));
	else
		rc = urlrule_check(scheme, host, base_loopback, allow_http, cause);
	curl_free(scheme);
	curl_free(host);
	curl_free(base_host);
	curl_url_cleanup(u);
	curl_url_cleanup(bu);
	return rc;
}

/* A URL's verdict, made once: whichever thread asks first makes it. */
struct url_verdict {
	pthread_mutex_t	 lock;
	bool		 made;
	int		 rc;
	char		*cause;
};

struct url_verdict *
url_verdict_new(void)
{
	struct url_verdict *v = xcalloc(1, sizeof *v);

	pthread_mutex_init(&v->lock, NULL);
	return v;
}

void
url_verdict_free(struct url_verdict **vp)
{
	if (*vp == NULL)
		return;
	pthread_mutex_destroy(&(*vp)->lock);
	free((*vp)->cause);
	free(*vp);
	*vp = NULL;
}

/* Parsing two URLs with curl's parser was a fifth of what a sweep's
 * thread did for each query. The path added to base_url ("/api/v1/...",
 * an escaped task id) starts with '/', so it ends base_url's authority
 * where base_url ends: the host, and so the verdict, are base_url's. */
int
url_check_api(const struct net_conn *c, char **cause)
{
	struct url_verdict *v = c->base_verdict;
	int rc;

	pthread_mutex_lock(&v->lock);
	if (!v->made) {
		v->rc = url_check(c->base_url, c->base_url, c->allow_http, &v->cause);
		v->made = true;
	}
	rc = v->rc;
	if (rc != 0)
		*cause = xstrdup(v->cause);
	pthread_mutex_unlock(&v->lock);
	return rc;
}
