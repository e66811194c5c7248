/* kling-tui: the decode thread (thread.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "net/api.h"
#include "img/spawn.h"
#include "img/thread.h"
#include "xmalloc.h"

struct img_item {
	struct img_job	 job;
	struct img_done	 done;
	struct img_item	*next;
};

struct img_thread {
	pthread_t	 th;
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	struct img_item	*todo, *todo_tail;
	struct img_item	*done, *done_tail;
	bool		 stop;
	pid_t		 child;		/* ffmpeg running, 0: none */
	int		 pipe[2];
};

static void
img_job_free(struct img_job *j)
{
	free(j->data);
	free(j->file);
	free(j->video);
	memset(j, 0, sizeof *j);
}

void
img_done_clear(struct img_done *d)
{
	img_pixels_free(&d->px);
	free(d->error);
	memset(d, 0, sizeof *d);
}

/* A picture file into memory, at most the service's cap and a byte. */
static int
img_read_file(const char *path, unsigned char **data, size_t *len, char **cause)
{
	unsigned char *buf = xmalloc(API_FETCH_MAX);
	size_t n = 0;
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		free(buf);
		return -1;
	}
	while (n < API_FETCH_MAX && ((r = read(fd, buf + n, API_FETCH_MAX - n)) > 0 ||
	    (r == -1 && errno == EINTR)))
		n += r > 0 ? (size_t)r : 0;
	close(fd);
	*data = buf;
	*len = n;
	return 0;
}

/* ffmpeg, niced and bounded, writes the frame beside its final name and
 * the rename makes it whole: a killed run leaves no half picture. */
static int
img_extract(struct img_thread *t, const struct img_job *j, char **cause)
{
	char at[32], scale[48], *part;
	const char *argv[20];
	struct stat st;
	pid_t pid;
	int n = 0, rc;

	if (stat(j->file, &st) == 0 && st.st_size > 0)
		return 0;
	snprintf(at, sizeof at, "%.3f", j->at);
	snprintf(scale, sizeof scale, "scale=%d:-2", j->max_w > 0 ? j->max_w : 320);
	xasprintf(&part, "%s.part.png", j->file);
	argv[n++] = "ffmpeg";
	argv[n++] = "-nostdin";
	argv[n++] = "-hide_banner";
	argv[n++] = "-loglevel";
	argv[n++] = "error";
	argv[n++] = "-ss";
	argv[n++] = at;
	argv[n++] = "-i";
	argv[n++] = j->video;
	argv[n++] = "-frames:v";
	argv[n++] = "1";
	argv[n++] = "-vf";
	argv[n++] = scale;
	argv[n++] = "-y";
	argv[n++] = part;
	argv[n] = NULL;
	if ((pid = spawn_bg(argv, 10, cause)) == -1) {
		free(part);
		return -1;
	}
	pthread_mutex_lock(&t->lock);
	t->child = t->stop ? 0 : pid;
	if (t->stop)
		kill(pid, SIGKILL);
	pthread_mutex_unlock(&t->lock);
	rc = spawn_wait(pid, IMG_FFMPEG_TIMEOUT_MS, cause);
	pthread_mutex_lock(&t->lock);
	t->child = 0;
	pthread_mutex_unlock(&t->lock);
	if (rc == 0 && (stat(part, &st) != 0 || st.st_size == 0)) {
		xasprintf(cause, "ffmpeg made no frame at %s s", at);
		rc = -1;
	}
	if (rc == 0 && rename(part, j->file) != 0) {
		xasprintf(cause, "%s: %s", j->file, strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		unlink(part);
	free(part);
	return rc;
}

static void
img_work(struct img_thread *t, struct img_item *it)
{
	struct img_job *j = &it->job;
	struct img_done *d = &it->done;
	char *cause = NULL;

	d->tag = j->tag;
	if (j->video != NULL && img_extract(t, j, &cause) != 0) {
		d->error = cause;
		return;
	}
	if (j->data == NULL && j->file != NULL &&
	    img_read_file(j->file, &j->data, &j->len, &cause) != 0) {
		d->error = cause;
		return;
	}
	d->bytes = j->len;
	img_probe(j->data, j->len, &d->info);
	if (img_decode(j->data, j->len, j->max_w, j->max_h, &d->px, &cause) != 0)
		d->error = cause;
}

static void *
img_main(void *arg)
{
	struct img_thread *t = arg;
	struct img_item *it;
	char c = 1;

	pthread_mutex_lock(&t->lock);
	for (;;) {
		while (!t->stop && t->todo == NULL)
			pthread_cond_wait(&t->cond, &t->lock);
		if (t->stop)
			break;
		it = t->todo;
		if ((t->todo = it->next) == NULL)
			t->todo_tail = NULL;
		it->next = NULL;
		pthread_mutex_unlock(&t->lock);
		img_work(t, it);
		img_job_free(&it->job);
		pthread_mutex_lock(&t->lock);
		if (t->done_tail != NULL)
			t->done_tail->next = it;
		else
			t->done = it;
		t->done_tail = it;
		/* The pipe only wakes the loop; a full pipe has woken it
		 * already (EAGAIN), so the result is not looked at. */
		(void)!write(t->pipe[1], &c, 1);
	}
	pthread_mutex_unlock(&t->lock);
	return NULL;
}

struct img_thread *
img_thread_start(char **cause)
{
	struct img_thread *t = xcalloc(1, sizeof *t);
	int rc;

	if (pipe2(t->pipe, O_CLOEXEC | O_NONBLOCK) == -1) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		free(t);
		return NULL;
	}
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->cond, NULL);
	if ((rc = pthread_create(&t->th, NULL, img_main, t)) != 0) {
		xasprintf(cause, "decode thread: %s", strerror(rc));
		close(t->pipe[0]);
		close(t->pipe[1]);
		pthread_mutex_destroy(&t->lock);
		pthread_cond_destroy(&t->cond);
		free(t);
		return NULL;
	}
	return t;
}

int
img_thread_fd(struct img_thread *t)
{
	return t->pipe[0];
}

void
img_thread_submit(struct img_thread *t, struct img_job *j)
{
	struct img_item *it = xcalloc(1, sizeof *it);

	it->job = *j;
	memset(j, 0, sizeof *j);
	pthread_mutex_lock(&t->lock);
	if (t->todo_tail != NULL)
		t->todo_tail->next = it;
	else
		t->todo = it;
	t->todo_tail = it;
	pthread_cond_signal(&t->cond);
	pthread_mutex_unlock(&t->lock);
}

int
img_thread_take(struct img_thread *t, struct img_done *d)
{
	struct img_item *it;
	char buf[64];

	while (read(t->pipe[0], buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&t->lock);
	if ((it = t->done) != NULL && (t->done = it->next) == NULL)
		t->done_tail = NULL;
	pthread_mutex_unlock(&t->lock);
	if (it == NULL)
		return 0;
	*d = it->done;
	free(it);
	return 1;
}

static void
img_items_free(struct img_item *it)
{
	struct img_item *next;

	for (; it != NULL; it = next) {
		next = it->next;
		img_job_free(&it->job);
		img_done_clear(&it->done);
		free(it);
	}
}

void
img_thread_stop(struct img_thread **tp)
{
	struct img_thread *t = *tp;

	if (t == NULL)
		return;
	pthread_mutex_lock(&t->lock);
	t->stop = true;
	/* A running ffmpeg is not waited for: quitting is at once. */
	if (t->child > 0)
		kill(t->child, SIGKILL);
	pthread_cond_signal(&t->cond);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->th, NULL);
	img_items_free(t->todo);
	img_items_free(t->done);
	close(t->pipe[0]);
	close(t->pipe[1]);
	pthread_mutex_destroy(&t->lock);
	pthread_cond_destroy(&t->cond);
	free(t);
	*tp = NULL;
}
