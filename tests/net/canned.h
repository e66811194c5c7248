/* kling-tui tests: a scripted HTTP server on loopback, for the cases the
 * simulator cannot stage (a status that contradicts the body code, a
 * connection closed right after a request on a kept-alive connection).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_CANNED_H
#define KT_CANNED_H

#include <stddef.h>

enum canned_act {
	CANNED_REPLY,	/* send reply (a raw HTTP response), keep the connection */
	CANNED_CLOSE,	/* read the request, close without a word */
	CANNED_STALL,	/* read the request, never answer */
	CANNED_SLOW	/* send reply in 20 pieces, 50 ms apart */
};

struct canned_step {
	enum canned_act	 act;
	const char	*reply;
};

struct canned;

/* Request i (from 0) gets step i; past the end, the last step repeats. */
struct canned	*canned_start(const struct canned_step *, size_t n);
const char	*canned_url(struct canned *);		/* http://127.0.0.1:P */
int		 canned_connections(struct canned *);	/* accepted so far */
int		 canned_requests(struct canned *);	/* read so far */
/* A copy of request i as received (head and body); caller frees. */
char		*canned_request(struct canned *, int i);
void		 canned_stop(struct canned **);

#endif
