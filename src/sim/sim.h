/* kling-sim: a local simulator of the crun.ai task API: shared types.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KS_SIM_H
#define KS_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct cJSON;

/* What a request asks for; faults and forced codes can be limited to some. */
enum sim_route {
	ROUTE_NONE = 0,		/* unknown path or method: 404 */
	ROUTE_CREATE,
	ROUTE_INFO,
	ROUTE_BALANCE,
	ROUTE_MEDIA,
	ROUTE_IMAGE,
	ROUTE_COUNT
};
#define ROUTE_BIT(r)	(1u << (r))
#define ROUTES_API	(ROUTE_BIT(ROUTE_CREATE) | ROUTE_BIT(ROUTE_INFO) | \
			 ROUTE_BIT(ROUTE_BALANCE))
#define ROUTES_ALL	((1u << ROUTE_COUNT) - 1)

enum fault_kind {
	FAULT_NONE = 0,
	FAULT_GARBAGE,		/* non-JSON bytes with escape sequences */
	FAULT_TRUNCATE,		/* the body stops halfway */
	FAULT_RESET,		/* body read, connection reset, no answer */
	FAULT_STALL,		/* never answers */
	FAULT_HUGE,		/* a body far larger than any client cap */
	FAULT_HTML,		/* a gateway's HTML error page, 502 */
	FAULT_OTHER_ID,		/* an answer about another task than asked */
	FAULT_CODE		/* --force-code: an error code of API.md */
};

/* One --fault or --force-code: applies to a share of the requests to the
 * routes in scope, drawn independently for each request. */
struct fault_rule {
	enum fault_kind	 kind;
	int		 code;		/* FAULT_CODE only */
	double		 share;		/* 0..1 */
	unsigned	 scope;		/* ROUTE_BIT()s */
};

struct sim_config {
	char			*listen;	/* "ADDR:PORT" */
	char			**keys;
	size_t			 nkeys;
	double			 balance;
	double			 task_seconds;
	double			 pending_share;	/* of task_seconds */
	double			 fail_rate;
	unsigned		 latency_ms;
	unsigned		 rate_limit;	/* per second, 0: none */
	unsigned		 retry_after;	/* seconds, on 429 and 455 */
	const char		*retry_after_text; /* sent instead, or NULL */
	bool			 documented;	/* --style documented: ids like
						 * task_12345678, errors as
						 * HTTP 200 with the code */
	bool			 maintenance;
	struct fault_rule	*rules;
	size_t			 nrules;
	uint64_t		 seed;
	char			*log_path;
	uint64_t		 media_size;
	char			*state_path;	/* --state, or NULL */
	bool			 balance_set;	/* --balance was given */
};

/* run.c. sim_cfg is read-only once the server runs. */
extern struct sim_config sim_cfg;

/* Set when SIGINT or SIGTERM arrived: stalled and streaming answers give up. */
bool	 sim_stopping(void);
void	 sim_set_stopping(void);

/* The wall clock as Unix seconds with a fraction. */
double	 sim_now(void);

/* A body generated on demand: media files, huge answers. fill() writes up to
 * max bytes of the body from offset pos and returns how many. */
struct sim_gen {
	ssize_t	(*fill)(void *arg, uint64_t pos, char *buf, size_t max);
	void	(*free)(void *arg);
	void	 *arg;
	uint64_t  size;		/* UINT64_MAX: unknown (sent chunked) */
};

/* One answer, built by the endpoints and bent by the faults before the server
 * sends it. */
struct sim_reply {
	int		 status;	/* HTTP status */
	int		 code;		/* the body's code; -1 when not a JSON answer */
	char		*body;		/* owned, unless body_static */
	size_t		 len;
	bool		 body_static;
	struct sim_gen	 gen;		/* used when gen.fill is set */
	uint64_t	 cut_at;	/* streamed bodies stop here (truncate) */
	const char	*ctype;
	unsigned	 retry_after;	/* seconds; 0: no header */
	char		 content_range[80];
	char		 task_id[40];	/* a task this request created, for the log */
};

/* One request as the endpoints see it. */
struct sim_request {
	const char	*method;
	const char	*path;
	const char	*query;		/* raw, without '?'; "" when none */
	const char	*key;		/* x-api-key or NULL */
	const char	*range;		/* Range header or NULL */
	const char	*task_id;	/* TaskInfo's argument or NULL */
	const char	*base_url;	/* "http://HOST:PORT" for links to ourselves */
	const char	*body;
	size_t		 len;
	double		 now;
};

/* A request as the log records it; status and code -1 when absent. */
struct reqlog_entry {
	double		 t;		/* arrival, Unix seconds */
	unsigned long	 conn;		/* connection number, from 1 */
	const char	*method;
	const char	*path;
	const char	*query;
	int		 status;
	int		 code;
	const char	*fault;
	const char	*task_id;
};

/* A task as the table and the state file hold it. What it answers follows
 * from the wall clock: pending for its first pending seconds, running until
 * seconds, then final. */
struct sim_task {
	char		 id[40];
	double		 created;	/* Unix seconds */
	double		 pending;	/* seconds, from creation */
	double		 seconds;	/* from creation to the final state */
	double		 cost;		/* credits */
	long		 video_seconds;
	bool		 fails;
	int		 fail_msg;	/* which result.message, when it fails */
	struct cJSON	*param;		/* the body as received */
};

/* What a --state file holds: the account and every task. */
struct sim_state {
	double		 balance;	/* the credits before any task's cost */
	struct sim_task	*tasks;
	size_t		 ntasks;
	size_t		 cap;
};

/* A CreateTask body that passed the checks: what the simulator needs of it. */
struct body_check {
	char	*mode;
	long	 duration;
};

/* A finished task's video as the storyboard asked: its shots' lengths in
 * seconds (one shot when it was not a customised multi-shot). */
#define SIM_MAX_SHOTS	6
#define SIM_MAX_VIDEO_SECONDS	60
struct sim_video {
	char	 ratio[8];	/* aspect_ratio, "" when absent */
	long	 seconds;
	size_t	 nshots;
	long	 shot[SIM_MAX_SHOTS];
};

/* A picture being drawn: rows of RGB, top first. */
struct picture {
	unsigned	 w;
	unsigned	 h;
	uint8_t		*rgb;
};

/* blob.c: the files made (images, videos), cached by name. */
#define BLOB_MAX_PARTS	4
struct blob;
typedef int	(*blob_make_fn)(const void *arg, struct blob *);
struct blob	*blob_get(const char *name, blob_make_fn, const void *arg);
void		 blob_add(struct blob *, uint8_t *, uint64_t);
uint64_t	 blob_size(const struct blob *);
void		 blob_release(struct blob *);
void		 blob_reply(struct blob *, uint64_t first, uint64_t last,
		     bool partial, const char *ctype, struct sim_reply *);
void		 blob_free_all(void);

/* check.c */
int		 body_check(const char *, size_t, struct body_check *, char **);
void		 body_check_free(struct body_check *);

/* endpoints.c */
enum sim_route	 endpoint_route(const char *method, const char *path);
bool		 endpoint_key_ok(const char *key);
void		 endpoint_answer(enum sim_route, const struct sim_request *,
		     struct sim_reply *);

/* faults.c */
const char	*fault_name(enum fault_kind);
int		 fault_parse(const char *, bool is_code, struct fault_rule *,
		     char **);
const struct fault_rule *fault_pick(enum sim_route, bool codes);
void		 fault_apply(enum fault_kind, struct sim_reply *);

/* images.c */
void		 images_answer(const struct sim_request *, struct sim_reply *);

/* encode.c */
int		 encode_png(const struct picture *, size_t pad, uint8_t **,
		     size_t *);
int		 encode_jpeg(const struct picture *, int quality, size_t pad,
		     uint8_t **, size_t *);

/* media.c */
int		 media_range(const char *, uint64_t, uint64_t *, uint64_t *);
void		 media_answer(const struct sim_request *, const char *id,
		     const struct sim_video *, struct sim_reply *);

/* mp4.c: a Motion-JPEG MP4, each scene one picture shown for some frames. */
struct mp4_scene {
	const uint8_t	*jpeg;
	size_t		 len;
	unsigned	 frames;
};
void		 mp4_mjpeg(struct blob *, unsigned w, unsigned h, unsigned fps,
		     const struct mp4_scene *, size_t, uint64_t min_size);

/* picture.c */
void		 picture_init(struct picture *, unsigned w, unsigned h);
void		 picture_free(struct picture *);
void		 picture_fill(struct picture *, uint32_t rgb);
void		 picture_gradient(struct picture *, unsigned hue);
void		 picture_label(struct picture *, const char *, unsigned share);

/* ratelimit.c */
bool		 ratelimit_admit(double now);

/* reply.c */
void		 reply_ok(struct sim_reply *, struct cJSON *data);
void		 reply_error(struct sim_reply *, int code, const char *, ...)
		     __attribute__((format(printf, 3, 4)));
const char	*reply_code_message(int code);
void		 reply_clear_body(struct sim_reply *);
void		 reply_set_static(struct sim_reply *, int status,
		     const char *ctype, const void *, size_t);

/* reqlog.c */
int		 reqlog_open(const char *, char **);
void		 reqlog_close(void);
void		 reqlog_write(const struct reqlog_entry *);

/* rng.c */
uint64_t	 rng_mix(uint64_t);
void		 rng_seed(uint64_t);
uint64_t	 rng_next(void);
bool		 rng_chance(double);

/* server.c */
int		 server_split_listen(const char *, char **, char **, char **);
int		 server_start(char **);
void		 server_stop(void);
const char	*server_base_url(void);

/* state.c */
int		 state_read(const char *, struct sim_state *, char **);
int		 state_write(const char *, const struct sim_state *, char **);
bool		 state_changed(const char *);
int		 state_lock(const char *, char **);
void		 state_unlock(int);
void		 state_add(struct sim_state *, const struct sim_task *);
struct sim_task	*state_find(const struct sim_state *, const char *id);
void		 state_free(struct sim_state *);

/* tasks.c */
enum tasks_made { TASKS_MADE, TASKS_POOR, TASKS_UNSAVED };
int		 tasks_open(char **);
double		 tasks_cost(const char *mode, long video_seconds);
double		 tasks_balance(double now);
enum tasks_made	 tasks_create(const char *body, size_t len, const char *mode,
		     long video_seconds, double now, char *id, size_t idsize,
		     double *balance);
struct cJSON	*tasks_info(const char *id, double now, const char *base_url);
bool		 tasks_video(const char *id, double now, struct sim_video *);
void		 tasks_free_all(void);

#endif
