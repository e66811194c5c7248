/* kling-tui: which URLs the client may use: https anywhere, plain http to
 * this machine only when the API itself is on this machine (the simulator),
 * anything else over http only when the user insists.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_URLRULE_H
#define KT_URLRULE_H

#include <stdbool.h>

/* localhost, 127.0.0.0/8 or [::1]. */
bool	urlrule_loopback(const char *host);
/* The rule, on a URL already split: 0, or -1 and why. base_loopback: the
 * API's base URL is on this machine. */
int	urlrule_check(const char *scheme, const char *host, bool base_loopback,
	    bool allow_http, char **cause);
/* scheme://[user@]host[:port]/... split without a URL library, for the lean
 * front (which has no curl): -1 if it has no scheme or no host. */
int	urlrule_split(const char *url, char **scheme, char **host);

#endif
