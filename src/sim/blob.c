/* kling-sim: the files it makes (images, videos), made once and kept in a
 * bounded cache by name, then served whole or in slices. A file is a few
 * parts, each bytes in memory or a run of zero bytes (padding costs no
 * memory). The least recently used are dropped beyond BLOB_MAX_FILES files
 * or BLOB_MAX_BYTES bytes in memory; one being sent stays alive until its
 * answer is done (a reference count).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

#define BLOB_MAX_FILES	32
#define BLOB_MAX_BYTES	(96u * 1024 * 1024)

struct blob_part {
	uint8_t		*v;	/* NULL: n zero bytes */
	uint64_t	 n;
};

struct blob {
	char			*name;
	struct blob_part	 part[BLOB_MAX_PARTS];
	size_t			 nparts;
	uint64_t		 size;
	size_t			 memory;	/* bytes held */
	unsigned		 refs;		/* the cache's, and each answer's */
	unsigned long		 used;		/* when last asked for */
	bool			 cached;
};

/* An answer sending [start, start + gen.size) of a blob. */
struct blob_slice {
	struct blob	*b;
	uint64_t	 start;
};

static struct blob	*blob_cache[BLOB_MAX_FILES];
static size_t		 blob_memory;
static unsigned long	 blob_clock;
static pthread_mutex_t	 blob_lock = PTHREAD_MUTEX_INITIALIZER;

void
blob_add(struct blob *b, uint8_t *v, uint64_t n)
{
	if (n == 0) {
		free(v);
		return;
	}
	if (b->nparts == BLOB_MAX_PARTS)
		fatal("a file of more than %d parts", BLOB_MAX_PARTS);
	b->part[b->nparts].v = v;
	b->part[b->nparts].n = n;
	b->nparts++;
	b->size += n;
	if (v != NULL)
		b->memory += (size_t)n;
}

uint64_t
blob_size(const struct blob *b)
{
	return b->size;
}

static void
blob_free(struct blob *b)
{
	size_t i;

	for (i = 0; i < b->nparts; i++)
		free(b->part[i].v);
	free(b->name);
	free(b);
}

/* Drop one reference; with blob_lock held. */
static void
blob_unref_locked(struct blob *b)
{
	if (--b->refs == 0)
		blob_free(b);
}

static void
blob_uncache_locked(size_t i)
{
	struct blob *b = blob_cache[i];

	blob_cache[i] = NULL;
	b->cached = false;
	blob_memory -= b->memory;
	blob_unref_locked(b);
}

/* Make room for one more file of the given memory. */
static void
blob_evict_locked(size_t memory)
{
	size_t	i, old;
	bool	full;

	for (;;) {
		full = true;
		old = BLOB_MAX_FILES;
		for (i = 0; i < BLOB_MAX_FILES; i++) {
			if (blob_cache[i] == NULL)
				full = false;
			else if (old == BLOB_MAX_FILES ||
			    blob_cache[i]->used < blob_cache[old]->used)
				old = i;
		}
		if ((!full && blob_memory + memory <= BLOB_MAX_BYTES) ||
		    old == BLOB_MAX_FILES)
			return;
		blob_uncache_locked(old);
	}
}

struct blob *
blob_get(const char *name, blob_make_fn make, const void *arg)
{
	struct blob	*b;
	size_t		 i;

	pthread_mutex_lock(&blob_lock);
	for (i = 0; i < BLOB_MAX_FILES; i++) {
		b = blob_cache[i];
		if (b != NULL && strcmp(b->name, name) == 0) {
			b->used = ++blob_clock;
			b->refs++;
			pthread_mutex_unlock(&blob_lock);
			return b;
		}
	}
	/* Made under the lock: a second asker waits rather than makes it
	 * again. Most files take milliseconds, a 4096x4096
	 * image a second or two. */
	b = xcalloc(1, sizeof *b);
	b->name = xstrdup(name);
	if (make(arg, b) != 0) {
		pthread_mutex_unlock(&blob_lock);
		blob_free(b);
		return NULL;
	}
	b->refs = 1;
	/* One larger than the whole cache is sent and dropped. */
	if (b->memory <= BLOB_MAX_BYTES) {
		blob_evict_locked(b->memory);
		for (i = 0; i < BLOB_MAX_FILES && blob_cache[i] != NULL; i++)
			;
		if (i == BLOB_MAX_FILES)
			fatal("no room in the file cache after eviction");
		blob_cache[i] = b;
		b->cached = true;
		b->refs++;
		blob_memory += b->memory;
	}
	b->used = ++blob_clock;
	pthread_mutex_unlock(&blob_lock);
	return b;
}

void
blob_release(struct blob *b)
{
	pthread_mutex_lock(&blob_lock);
	blob_unref_locked(b);
	pthread_mutex_unlock(&blob_lock);
}

/* Copy up to max bytes of b from off. The parts never change once made. */
static size_t
blob_read(const struct blob *b, uint64_t off, char *buf, size_t max)
{
	size_t		i, n = 0, k;
	uint64_t	at = 0;

	for (i = 0; i < b->nparts && n < max; at += b->part[i].n, i++) {
		if (off >= at + b->part[i].n)
			continue;
		k = (size_t)(at + b->part[i].n - off);
		if (k > max - n)
			k = max - n;
		if (b->part[i].v != NULL)
			memcpy(buf + n, b->part[i].v + (off - at), k);
		else
			memset(buf + n, 0, k);
		n += k;
		off += k;
	}
	return n;
}

static ssize_t
blob_fill(void *arg, uint64_t pos, char *buf, size_t max)
{
	struct blob_slice	*s = arg;
	size_t			 n;

	if (pos >= s->b->size - s->start)
		return -1;
	n = blob_read(s->b, s->start + pos, buf, max);
	return n == 0 ? -1 : (ssize_t)n;
}

static void
blob_slice_free(void *arg)
{
	struct blob_slice *s = arg;

	blob_release(s->b);
	free(s);
}

/* Answer with bytes [first, last] of b, handing its reference to the answer:
 * 206 with Content-Range when partial is set, else 200. */
void
blob_reply(struct blob *b, uint64_t first, uint64_t last, bool partial,
    const char *ctype, struct sim_reply *rp)
{
	struct blob_slice *s = xcalloc(1, sizeof *s);

	s->b = b;
	s->start = first;
	reply_clear_body(rp);
	rp->status = partial ? 206 : 200;
	rp->code = -1;
	rp->ctype = ctype;
	rp->gen.fill = blob_fill;
	rp->gen.free = blob_slice_free;
	rp->gen.arg = s;
	rp->gen.size = last - first + 1;
	if (partial) {
		snprintf(rp->content_range, sizeof rp->content_range,
		    "bytes %" PRIu64 "-%" PRIu64 "/%" PRIu64, first, last,
		    b->size);
	}
}

void
blob_free_all(void)
{
	size_t i;

	pthread_mutex_lock(&blob_lock);
	for (i = 0; i < BLOB_MAX_FILES; i++) {
		if (blob_cache[i] != NULL)
			blob_uncache_locked(i);
	}
	pthread_mutex_unlock(&blob_lock);
}
