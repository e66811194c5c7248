/* kling-tui tests: TLS is verified: a server whose certificate no known CA
 * signed is refused (and a create to it is "not sent", so safe to resend),
 * and a private CA given as cacert is trusted. The server is openssl
 * s_server on loopback with a certificate made for the test; without the
 * openssl program the test is skipped.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/wait.h>

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "netlib.h"
#include "tap.h"
#include "xmalloc.h"

static char	 dir[] = "/tmp/kt-net-tls-XXXXXX";
static pid_t	 server;

/* openssl s_server on 127.0.0.1, any free port: its https:// URL. */
static char *
start_server(const char *cert, const char *key)
{
	char		 buf[256] = "", *url = NULL, *p = NULL;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd[2], port;
	struct pollfd	 pfd;

	if (pipe(fd) == -1 || (server = fork()) == -1)
		return NULL;
	if (server == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(127);
		execlp("openssl", "openssl", "s_server", "-accept",
		    "127.0.0.1:0", "-cert", cert, "-key", key, "-www",
		    (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	pfd.fd = fd[0];
	pfd.events = POLLIN;
	while (((p = strstr(buf, "ACCEPT ")) == NULL ||
	    strchr(p, '\n') == NULL) && len < sizeof buf - 1 &&
	    poll(&pfd, 1, 5000) > 0 &&
	    (n = read(fd[0], buf + len, sizeof buf - 1 - len)) > 0) {
		len += (size_t)n;
		buf[len] = '\0';
	}
	/* Left open: s_server may write more, and a closed pipe would
	 * kill it. */
	if (p != NULL && sscanf(p, "ACCEPT 127.0.0.1:%d", &port) == 1)
		xasprintf(&url, "https://127.0.0.1:%d", port);
	return url;
}

int
main(void)
{
	struct api_conn		 c;
	struct api_request	 bal = { .kind = API_BALANCE };
	struct api_request	 create = { .kind = API_CREATE, .body = "{}" };
	struct api_result	 res = { 0 };
	char			*cmd, *cert, *key, *url, *cause = NULL;

	if (mkdtemp(dir) == NULL || net_global_init(&cause) != 0)
		return 1;
	xasprintf(&cert, "%s/cert.pem", dir);
	xasprintf(&key, "%s/key.pem", dir);
	xasprintf(&cmd, "openssl req -x509 -newkey rsa:2048 -nodes -days 1 "
	    "-subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 "
	    "-keyout %s -out %s >/dev/null 2>&1", key, cert);
	if (system(cmd) != 0 || (url = start_server(cert, key)) == NULL) {
		printf("1..0 # SKIP no openssl program to make a TLS server\n");
		unlink(cert);
		unlink(key);
		rmdir(dir);
		return 0;
	}
	free(cmd);

	netlib_conn(&c, url);
	c.connect_timeout_ms = 2000;	/* a TLS handshake gets longer */
	c.timeout_ms = 2000;
	c.retry.max_attempts = 2;
	api_perform(&c, &bal, NULL, NULL, &res);
	is_int(res.outcome, API_NOT_SENT, "an unknown CA is refused");
	ok(res.message != NULL && (strstr(res.message, "certificate") ||
	    strstr(res.message, "SSL")), "saying why: %s", res.message);
	api_result_clear(&res);

	api_perform(&c, &create, NULL, NULL, &res);
	is_int(res.outcome, API_NOT_SENT, "a create never reaches it");
	is_int(res.attempts, 2, "so it may be, and is, tried again");
	ok(!api_result_unknown(&res), "its fate is known");
	api_result_clear(&res);

	c.cacert = cert;
	api_perform(&c, &bal, NULL, NULL, &res);
	/* s_server -www answers with an HTML status page: the API's
	 * answer it is not, but it came over verified TLS. */
	is_int(res.outcome, API_BAD_RESPONSE, "with cacert, TLS goes through "
	    "(%s)", res.message);
	is_int(res.http_status, 200, "to an HTTP answer");
	api_result_clear(&res);

	kill(server, SIGTERM);
	waitpid(server, NULL, 0);
	unlink(cert);
	unlink(key);
	rmdir(dir);
	free(cert);
	free(key);
	free(url);
	net_global_free();
	return tap_done();
}
