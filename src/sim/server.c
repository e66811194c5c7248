/* kling-sim: the HTTP plumbing on libmicrohttpd: the listening socket,
 * gathering each request, the order of the checks, delays and faults that
 * never answer, and sending the answer.
 * Every connection has its own thread, so that a delayed or stalled answer
 * never holds up another client.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/socket.h>
#include <sys/types.h>

#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "codec.h"
#include "sim.h"
#include "xmalloc.h"

#define SERVER_BLOCK_SIZE	(64 * 1024)
#define SERVER_IDLE_SECONDS	300

/* One request, from its first line to its end (answered or not). */
struct server_req {
	double		 t;
	unsigned long	 conn;
	char		*query;
	char		*method;
	char		*path;
	char		*body;
	size_t		 len;
	size_t		 cap;
	bool		 too_big;
	bool		 started;
	int		 status;	/* -1 until answered */
	int		 code;
	const char	*fault;
	char		 task_id[40];
};

struct server_stream {
	struct sim_gen	gen;
	uint64_t	cut_at;		/* 0: never */
};

static struct MHD_Daemon	*server_daemon;
static char			 server_url[128];	/* http://HOST:PORT */
/* --style documented: videos come from another host (here, a second port),
 * as the service's come from its storage's. */
static struct MHD_Daemon	*media_daemon;
static char			 media_url[128];
static bool			 server_wildcard;
static pthread_mutex_t		 server_conn_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long		 server_nconns;

const char *
server_base_url(void)
{
	return server_url;
}

static void
server_sleep_ms(unsigned ms)
{
	struct timespec ts;

	while (ms > 0 && !sim_stopping()) {
		unsigned step = ms > 50 ? 50 : ms;

		ts.tv_sec = 0;
		ts.tv_nsec = (long)step * 1000000;
		nanosleep(&ts, NULL);
		ms -= step;
	}
}

static int
server_conn_fd(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci;

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	return ci != NULL ? ci->connect_fd : -1;
}

/* --fault stall: hold the answer until the client gives up or we stop. */
static void
server_stall(struct MHD_Connection *c)
{
	struct pollfd	pfd;
	char		byte;
	ssize_t		n;

	pfd.fd = server_conn_fd(c);
	pfd.events = POLLIN;
	while (!sim_stopping() && pfd.fd != -1) {
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		if (pfd.revents & (POLLHUP | POLLERR))
			return;
		n = recv(pfd.fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
		if (n == 0 || (n == -1 && errno != EAGAIN && errno != EINTR))
			return;
		server_sleep_ms(100);	/* pipelined bytes: do not spin */
	}
}

/* --fault reset: drop the connection with a TCP reset, no answer. */
static void
server_reset(struct MHD_Connection *c)
{
	struct linger	lg = { 1, 0 };
	int		fd = server_conn_fd(c);

	if (fd != -1)
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
}

static ssize_t
server_stream_fill(void *arg, uint64_t pos, char *buf, size_t max)
{
	struct server_stream *ss = arg;

	if (sim_stopping())
		return MHD_CONTENT_READER_END_WITH_ERROR;
	if (ss->cut_at != 0) {
		if (pos >= ss->cut_at)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		if (max > ss->cut_at - pos)
			max = (size_t)(ss->cut_at - pos);
	}
	return ss->gen.fill(ss->gen.arg, pos, buf, max);
}

static void
server_stream_free(void *arg)
{
	struct server_stream *ss = arg;

	if (ss->gen.free != NULL)
		ss->gen.free(ss->gen.arg);
	free(ss);
}

static enum MHD_Result
server_send(struct MHD_Connection *c, struct sim_reply *rp)
{
	struct MHD_Response	*resp;
	struct server_stream	*ss;
	enum MHD_Result		 r;
	char			 num[16];

	if (rp->gen.fill != NULL) {
		ss = xcalloc(1, sizeof *ss);
		ss->gen = rp->gen;
		ss->cut_at = rp->cut_at;
		memset(&rp->gen, 0, sizeof rp->gen);
		resp = MHD_create_response_from_callback(
		    ss->gen.size == UINT64_MAX ? MHD_SIZE_UNKNOWN : ss->gen.size,
		    SERVER_BLOCK_SIZE, server_stream_fill, ss, server_stream_free);
	} else if (rp->body_static || rp->body == NULL) {
		resp = MHD_create_response_from_buffer(rp->len, rp->body,
		    MHD_RESPMEM_PERSISTENT);
	} else {
		resp = MHD_create_response_from_buffer(rp->len, rp->body,
		    MHD_RESPMEM_MUST_FREE);
		rp->body = NULL;
	}
	if (resp == NULL)
		return MHD_NO;
	if (rp->ctype != NULL)
		MHD_add_response_header(resp, "Content-Type", rp->ctype);
	if (rp->retry_after != 0) {
		snprintf(num, sizeof num, "%u", rp->retry_after);
		MHD_add_response_header(resp, "Retry-After", sim_cfg.retry_after_text != NULL ?
		    sim_cfg.retry_after_text : num);
	}
	if (rp->content_range[0] != '\0')
		MHD_add_response_header(resp, "Content-Range", rp->content_range);
	if (rp->ctype != NULL && strcmp(rp->ctype, "video/mp4") == 0)
		MHD_add_response_header(resp, "Accept-Ranges", "bytes");
	r = MHD_queue_response(c, (unsigned)rp->status, resp);
	MHD_destroy_response(resp);
	return r;
}

/* The address links to ourselves use: the listening one, or when that is a
 * wildcard the Host the client used, if it looks like a host. */
static const char *
server_link_base(struct MHD_Connection *c, char *buf, size_t size)
{
	const char *host;

	if (media_daemon != NULL)
		return media_url;
	if (!server_wildcard)
		return server_url;
	host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	if (host == NULL || *host == '\0' || strlen(host) > 100 ||
	    host[strspn(host, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")] != '\0')
		return server_url;
	snprintf(buf, size, "http://%s", host);
	return buf;
}

/* The checks in the order a gateway makes them, then the endpoint. */
static void
server_decide(enum sim_route route, struct server_req *sr,
    const struct sim_request *rq, struct sim_reply *rp)
{
	const struct fault_rule	*forced;
	bool			 api = (ROUTES_API & ROUTE_BIT(route)) != 0;

	if (sim_cfg.maintenance)
		reply_error(rp, 455, "%s", reply_code_message(455));
	else if (api && !ratelimit_admit(rq->now))
		reply_error(rp, 429, "%s", reply_code_message(429));
	else if (api && !endpoint_key_ok(rq->key))
		reply_error(rp, 401, "%s", reply_code_message(401));
	else if ((forced = fault_pick(route, true)) != NULL) {
		reply_error(rp, forced->code, "%s",
		    reply_code_message(forced->code));
		sr->fault = "code";
	} else if (sr->too_big) {
		reply_error(rp, 422, "the body is larger than %u bytes",
		    CODEC_MAX_FILE);
	} else
		endpoint_answer(route, rq, rp);
}

static enum MHD_Result
server_respond(struct MHD_Connection *c, struct server_req *sr)
{
	struct sim_request	 rq;
	struct sim_reply	 rp;
	enum sim_route		 route;
	const struct fault_rule	*fault;
	enum MHD_Result		 r;
	char			 base[128];

	memset(&rq, 0, sizeof rq);
	memset(&rp, 0, sizeof rp);
	rp.code = -1;
	rq.method = sr->method;
	rq.path = sr->path;
	rq.query = sr->query;
	rq.key = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "x-api-key");
	rq.range = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Range");
	rq.task_id = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
	    "task_id");
	rq.base_url = server_link_base(c, base, sizeof base);
	rq.body = sr->body != NULL ? sr->body : "";
	rq.len = sr->len;
	rq.now = sr->t;

	route = endpoint_route(sr->method, sr->path);
	server_decide(route, sr, &rq, &rp);
	memcpy(sr->task_id, rp.task_id, sizeof sr->task_id);

	server_sleep_ms(sim_cfg.latency_ms);
	if ((fault = fault_pick(route, false)) != NULL) {
		sr->fault = fault_name(fault->kind);
		if (fault->kind == FAULT_RESET || fault->kind == FAULT_STALL) {
			if (fault->kind == FAULT_STALL)
				server_stall(c);
			server_reset(c);
			reply_clear_body(&rp);
			return MHD_NO;
		}
		fault_apply(fault->kind, &rp);
	}
	sr->status = rp.status;
	sr->code = rp.code;
	r = server_send(c, &rp);
	reply_clear_body(&rp);
	return r;
}

static enum MHD_Result
server_access(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct server_req *sr = *con_cls;

	if (!sr->started) {
		sr->started = true;
		sr->method = xstrdup(method);
		sr->path = xstrdup(url);
		return MHD_YES;
	}
	if (*upload_size != 0) {
		/* The client refuses larger files too. */
		if (sr->len + *upload_size > CODEC_MAX_FILE)
			sr->too_big = true;
		else {
			if (sr->len + *upload_size + 1 > sr->cap) {
				/* Doubling: a body arrives in many small pieces. */
				sr->cap = 2 * (sr->len + *upload_size + 1);
				sr->body = xrealloc(sr->body, sr->cap);
			}
			memcpy(sr->body + sr->len, upload, *upload_size);
			sr->len += *upload_size;
			sr->body[sr->len] = '\0';
		}
		*upload_size = 0;
		return MHD_YES;
	}
	return server_respond(c, sr);
}

/* Called first for each request, with the raw URI: its query is kept as
 * sent, for the log. */
static void *
server_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo	*ci;
	struct server_req		*sr = xcalloc(1, sizeof *sr);
	const char			*q = strchr(uri, '?');

	sr->t = sim_now();
	sr->status = sr->code = -1;
	sr->query = xstrdup(q != NULL ? q + 1 : "");
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (ci != NULL && ci->socket_context != NULL)
		sr->conn = (unsigned long)(uintptr_t)ci->socket_context;
	return sr;
}

/* Number each connection, so that the log shows which requests shared one. */
static void
server_connection(void *cls, struct MHD_Connection *c, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	if (toe != MHD_CONNECTION_NOTIFY_STARTED)
		return;
	pthread_mutex_lock(&server_conn_lock);
	*socket_context = (void *)(uintptr_t)++server_nconns;
	pthread_mutex_unlock(&server_conn_lock);
}

static void
server_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct server_req	*sr = *con_cls;
	struct reqlog_entry	 e;

	if (sr == NULL)
		return;
	e.t = sr->t;
	e.conn = sr->conn;
	e.method = sr->method;
	e.path = sr->path;
	e.query = sr->query;
	e.status = sr->status;
	e.code = sr->code;
	e.fault = sr->fault;
	e.task_id = sr->task_id;
	if (sr->method != NULL)
		reqlog_write(&e);
	free(sr->query);
	free(sr->method);
	free(sr->path);
	free(sr->body);
	free(sr);
	*con_cls = NULL;
}

/* Split "ADDR:PORT" or "[ADDR]:PORT" into a host and a numeric port (both
 * malloc'd); main() checks --listen with it before anything starts. */
int
server_split_listen(const char *arg, char **hostp, char **portp, char **cause)
{
	char *host = xstrdup(arg), *port;

	if (*host == '[') {
		port = strchr(host, ']');
		if (port == NULL || port[1] != ':')
			goto bad;
		*port = '\0';
		port += 2;
		memmove(host, host + 1, strlen(host));
	} else {
		if ((port = strrchr(host, ':')) == NULL)
			goto bad;
		*port++ = '\0';
	}
	if (*host == '\0' || *port == '\0' || strlen(port) > 5 ||
	    strspn(port, "0123456789") != strlen(port) || atoi(port) > 65535)
		goto bad;
	*portp = xstrdup(port);
	*hostp = host;
	return 0;
bad:
	xasprintf(cause, "--listen %s: expected ADDR:PORT or [ADDR]:PORT, "
	    "with a numeric address or localhost", arg);
	free(host);
	return -1;
}

/* Bind a listening socket where --listen says. */
static int
server_bind(const char *listen_arg, int *family, char *url, size_t urlsize,
    char **cause)
{
	struct addrinfo		 hints, *ai;
	struct sockaddr_storage	 ss;
	socklen_t		 sslen = sizeof ss;
	char			*host, *port, hostbuf[NI_MAXHOST], portbuf[NI_MAXSERV];
	const char		*fmt;
	int			 fd, one = 1, error;

	if (server_split_listen(listen_arg, &host, &port, cause) != 0)
		return -1;
	if (strcmp(host, "localhost") == 0) {
		free(host);
		host = xstrdup("127.0.0.1");
	}
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	if ((error = getaddrinfo(host, port, &hints, &ai)) != 0) {
		xasprintf(cause, "--listen %s: %s (give a numeric address)",
		    listen_arg, gai_strerror(error));
		free(host);
		free(port);
		return -1;
	}
	free(host);
	free(port);
	*family = ai->ai_family;
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == -1 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) == -1 ||
	    listen(fd, 128) == -1 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sslen) == -1 ||
	    getnameinfo((struct sockaddr *)&ss, sslen, hostbuf, sizeof hostbuf,
	    portbuf, sizeof portbuf, NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		xasprintf(cause, "--listen %s: %s", listen_arg, strerror(errno));
		if (fd != -1)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	fmt = ss.ss_family == AF_INET6 ? "http://[%s]:%s" : "http://%s:%s";
	snprintf(url, urlsize, fmt, hostbuf, portbuf);
	if (url == server_url)
		server_wildcard = strcmp(hostbuf, "0.0.0.0") == 0 ||
		    strcmp(hostbuf, "::") == 0;
	return fd;
}

static struct MHD_Daemon *
server_daemon_start(const char *listen_arg, char *url, size_t urlsize, char **cause)
{
	struct MHD_Daemon	*d;
	unsigned		 flags;
	int			 fd, family;

	if ((fd = server_bind(listen_arg, &family, url, urlsize, cause)) == -1)
		return NULL;
	flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_POLL;
	if (family == AF_INET6)
		flags |= MHD_USE_IPv6;
	d = MHD_start_daemon(flags, 0, NULL, NULL,
	    server_access, NULL,
	    MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_URI_LOG_CALLBACK, server_uri, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, server_connection, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, server_completed, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVER_IDLE_SECONDS,
	    MHD_OPTION_END);
	if (d == NULL) {
		close(fd);
		xasprintf(cause, "libmicrohttpd could not start on %s", listen_arg);
	}
	return d;
}

/* Bind and start answering; server_base_url() then says where. */
int
server_start(char **cause)
{
	char	*host = NULL, *port = NULL, *media_listen;

	if ((server_daemon = server_daemon_start(sim_cfg.listen, server_url,
	    sizeof server_url, cause)) == NULL)
		return -1;
	if (!sim_cfg.documented)
		return 0;
	/* The same address, any free port. */
	if (server_split_listen(sim_cfg.listen, &host, &port, cause) != 0) {
		server_stop();
		return -1;
	}
	xasprintf(&media_listen, strchr(host, ':') != NULL ? "[%s]:0" : "%s:0", host);
	free(host);
	free(port);
	media_daemon = server_daemon_start(media_listen, media_url, sizeof media_url,
	    cause);
	free(media_listen);
	if (media_daemon == NULL) {
		server_stop();
		return -1;
	}
	return 0;
}

void
server_stop(void)
{
	if (server_daemon != NULL)
		MHD_stop_daemon(server_daemon);
	server_daemon = NULL;
	if (media_daemon != NULL)
		MHD_stop_daemon(media_daemon);
	media_daemon = NULL;
}
