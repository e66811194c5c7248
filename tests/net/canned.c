/* kling-tui tests: a scripted HTTP server on loopback.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "canned.h"
#include "xmalloc.h"

#define CANNED_MAX_REQ 1024

struct canned {
	const struct canned_step	*steps;
	size_t				 nsteps;
	int				 lfd;
	int				 stop[2];
	pthread_t			 thread;
	char				 url[64];

	pthread_mutex_t			 lock;
	int				 conns;
	int				 nreq;
	char				*req[CANNED_MAX_REQ];
	pthread_t			*handlers;
	int				 nhandlers;
};

struct canned_conn {
	struct canned	*c;
	int		 fd;
};

/* Wait for fd to be readable, or the stop pipe: 1 readable, 0 stopping. */
static int
canned_wait(struct canned *c, int fd)
{
	struct pollfd	pfd[2] = { { fd, POLLIN, 0 }, { c->stop[0], POLLIN, 0 } };

	if (poll(pfd, 2, -1) <= 0 || (pfd[1].revents & POLLIN))
		return 0;
	return 1;
}

/* One request: head and Content-Length body. NULL at EOF or stop. */
static char *
canned_read(struct canned *c, int fd)
{
	char	*buf = NULL, *end, *cl;
	size_t	 len = 0, cap = 0, want = 0;
	ssize_t	 n;

	for (;;) {
		if (buf != NULL && (end = strstr(buf, "\r\n\r\n")) != NULL) {
			want = (size_t)(end + 4 - buf);
			for (cl = buf; (cl = strchr(cl, '\n')) != NULL; cl++) {
				if (strncasecmp(cl + 1, "content-length:",
				    15) == 0)
					want += strtoul(cl + 16, NULL, 10);
			}
			if (len >= want)
				return buf;
		}
		if (len + 4097 > cap)
			buf = xrealloc(buf, cap = len + 8192);
		if (!canned_wait(c, fd) ||
		    (n = read(fd, buf + len, 4096)) <= 0) {
			free(buf);
			return NULL;
		}
		len += (size_t)n;
		buf[len] = '\0';
	}
}

static int
canned_send(struct canned *c, int fd, const struct canned_step *st)
{
	struct timespec	 ts = { 0, 50 * 1000000L };
	size_t		 len = strlen(st->reply), off = 0, n;
	int		 i;

	if (st->act != CANNED_SLOW)
		return write(fd, st->reply, len) == (ssize_t)len ? 0 : -1;
	for (i = 20; i > 0; i--) {
		n = (len - off) / (size_t)i;
		if (write(fd, st->reply + off, n) != (ssize_t)n)
			return -1;
		off += n;
		nanosleep(&ts, NULL);
	}
	return 0;
}

static void *
canned_handle(void *arg)
{
	struct canned_conn		*cc = arg;
	struct canned			*c = cc->c;
	const struct canned_step	*st;
	char				*req;
	int				 i;

	while ((req = canned_read(c, cc->fd)) != NULL) {
		pthread_mutex_lock(&c->lock);
		i = c->nreq++;
		if (i < CANNED_MAX_REQ)
			c->req[i] = req;
		else
			free(req);
		pthread_mutex_unlock(&c->lock);
		st = &c->steps[(size_t)i < c->nsteps ? (size_t)i : c->nsteps - 1];
		if (st->act == CANNED_CLOSE)
			break;
		if (st->act == CANNED_STALL) {
			canned_wait(c, c->stop[0]);
			break;
		}
		if (canned_send(c, cc->fd, st) != 0)
			break;
	}
	close(cc->fd);
	free(cc);
	return NULL;
}

static void *
canned_accept(void *arg)
{
	struct canned		*c = arg;
	struct canned_conn	*cc;
	int			 fd;

	while (canned_wait(c, c->lfd)) {
		if ((fd = accept(c->lfd, NULL, NULL)) == -1)
			continue;
		cc = xmalloc(sizeof *cc);
		cc->c = c;
		cc->fd = fd;
		pthread_mutex_lock(&c->lock);
		c->conns++;
		c->handlers = xreallocarray(c->handlers, c->nhandlers + 1,
		    sizeof *c->handlers);
		pthread_create(&c->handlers[c->nhandlers++], NULL,
		    canned_handle, cc);
		pthread_mutex_unlock(&c->lock);
	}
	return NULL;
}

struct canned *
canned_start(const struct canned_step *steps, size_t n)
{
	struct canned		*c = xcalloc(1, sizeof *c);
	struct sockaddr_in	 sa;
	socklen_t		 slen = sizeof sa;

	c->steps = steps;
	c->nsteps = n;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((c->lfd = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(c->lfd, (struct sockaddr *)&sa, sizeof sa) == -1 ||
	    listen(c->lfd, 64) == -1 ||
	    getsockname(c->lfd, (struct sockaddr *)&sa, &slen) == -1 ||
	    pipe(c->stop) == -1)
		fatal("canned server: cannot listen");
	snprintf(c->url, sizeof c->url, "http://127.0.0.1:%u",
	    ntohs(sa.sin_port));
	pthread_mutex_init(&c->lock, NULL);
	pthread_create(&c->thread, NULL, canned_accept, c);
	return c;
}

const char *
canned_url(struct canned *c)
{
	return c->url;
}

int
canned_connections(struct canned *c)
{
	int	n;

	pthread_mutex_lock(&c->lock);
	n = c->conns;
	pthread_mutex_unlock(&c->lock);
	return n;
}

int
canned_requests(struct canned *c)
{
	int	n;

	pthread_mutex_lock(&c->lock);
	n = c->nreq;
	pthread_mutex_unlock(&c->lock);
	return n;
}

char *
canned_request(struct canned *c, int i)
{
	char	*s = NULL;

	pthread_mutex_lock(&c->lock);
	if (i >= 0 && i < c->nreq && i < CANNED_MAX_REQ)
		s = xstrdup(c->req[i]);
	pthread_mutex_unlock(&c->lock);
	return s;
}

void
canned_stop(struct canned **cp)
{
	struct canned	*c = *cp;
	int		 i;

	if (write(c->stop[1], "", 1) < 0)
		fatal("canned server: stop");
	pthread_join(c->thread, NULL);
	for (i = 0; i < c->nhandlers; i++)
		pthread_join(c->handlers[i], NULL);
	for (i = 0; i < c->nreq && i < CANNED_MAX_REQ; i++)
		free(c->req[i]);
	free(c->handlers);
	close(c->lfd);
	close(c->stop[0]);
	close(c->stop[1]);
	pthread_mutex_destroy(&c->lock);
	free(c);
	*cp = NULL;
}
