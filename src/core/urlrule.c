/* kling-tui: which URLs the client may use (see urlrule.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include "urlrule.h"
#include "xmalloc.h"
#include "i18n.h"

bool
urlrule_loopback(const char *host)
{
	struct in_addr	 a4;
	struct in6_addr	 a6;
	char		 buf[64];
	size_t		 n;

	if (strcasecmp(host, "localhost") == 0)
		return true;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	/* IPv6 literals come in brackets. */
	n = strlen(host);
	if (n > 2 && host[0] == '[' && host[n - 1] == ']' && n - 2 < sizeof buf) {
		memcpy(buf, host + 1, n - 2);
		buf[n - 2] = '\0';
		if (inet_pton(AF_INET6, buf, &a6) == 1)
			return IN6_IS_ADDR_LOOPBACK(&a6);
	}
	return false;
}

int
urlrule_check(const char *scheme, const char *host, bool base_loopback,
    bool allow_http, char **cause)
{
	if (strcasecmp(scheme, "https") == 0)
		return 0;
	if (strcasecmp(scheme, "http") != 0) {
		xasprintf(cause, _("%s:// URLs are not supported (https only)"),
		    scheme);
		return -1;
	}
	/* A remote https API's links must not reach this machine's ports. */
	if (allow_http || (base_loopback && urlrule_loopback(host)))
		return 0;
	xasprintf(cause, _("plain http:// to %s refused: use https, or allow "
	    "plain http explicitly (--allow-http)"), host);
	return -1;
}

int
urlrule_split(const char *url, char **scheme, char **host)
{
	const char *p = strstr(url, "://"), *h, *end, *at;

	if (p == NULL || p == url || strspn(url, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-") != (size_t)(p - url))
		return -1;
	h = p + 3;
	end = h + strcspn(h, "/?#");
	if ((at = memchr(h, '@', (size_t)(end - h))) != NULL)
		h = at + 1;
	if (*h == '[')
		end = (at = memchr(h, ']', (size_t)(end - h))) != NULL ? at + 1 : end;
	else if ((at = memchr(h, ':', (size_t)(end - h))) != NULL)
		end = at;
	if (end == h)
		return -1;
	*scheme = xstrndup(url, (size_t)(p - url));
	*host = xstrndup(h, (size_t)(end - h));
	return 0;
}
