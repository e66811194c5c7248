/* kling-tui: the user's configuration file, the API key and the state
 * directory. (Not "config.h": that name is autoconf's, included first by
 * every .c file, and a header beside the sources would shadow it.)
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_CONF_H
#define KT_CONF_H

#include <stdbool.h>
#include <stdio.h>

#define CONF_BASE_URL	"https://api.crun.ai"
#define CONF_POLL_MIN	3	/* seconds between polls of a young task */
#define CONF_POLL_MAX	30	/* the cap as a task ages */
#define CONF_RATE	4	/* status queries a second, all instances on a store */

/* $XDG_CONFIG_HOME/kling-tui/config (default ~/.config/kling-tui/config):
 * lines "key = value", blank lines and lines starting with '#' ignored. */
struct conf {
	char	*path;			/* the file read (or that would be) */
	char	*base_url;		/* NULL: not set */
	char	*key_file;		/* as written: "~/" not expanded */
	char	*cacert;
	char	*download_dir;
	bool	 bell;			/* bell = on|off; default off */
	bool	 notify;		/* notify = on|off; default on */
	int	 poll_min_seconds;
	int	 poll_max_seconds;
	int	 requests_per_second;	/* the shared budget of status queries */
	char   **warnings;		/* "PATH:LINE: ...": unknown keys, bad values */
	size_t	 nwarnings;
};

/* The default path; malloc'd. */
char		*conf_default_path(void);

/* Read path (NULL: the default). A missing file gives the defaults; a file
 * that exists but cannot be read fails: NULL and *cause. Unknown keys and bad
 * values are warnings, never failures. */
struct conf	*conf_load(const char *path, char **cause);
void		 conf_free(struct conf **);
void		 conf_print_warnings(const struct conf *, FILE *);

/* The base URL: option (--base-url) if not NULL, else $CRUN_BASE_URL, else
 * the config's, else CONF_BASE_URL. */
const char	*conf_base_url(const struct conf *, const char *option);

/* The API key: $CRUN_API_KEY, else the first line of key_file. A key file
 * that group or others can read is refused with the chmod that fixes it.
 * Malloc'd; NULL and *cause when there is no usable key. Never print it. */
char		*conf_api_key(const struct conf *, char **cause);

/* "sk-1...ab9f": at most 4 characters at each end, fewer for short keys, for
 * screens that must refer to the key. Malloc'd. */
char		*conf_mask_key(const char *key);

/* path with a leading "~/" made $HOME/. Malloc'd. */
char		*conf_expand_home(const char *path);

/* $XDG_STATE_HOME/kling-tui (default ~/.local/state/kling-tui), created
 * with mode 0700 if missing. Malloc'd; NULL and *cause on failure. */
char		*conf_state_dir(char **cause);
/* $XDG_CACHE_HOME/kling-tui/leaf (default ~/.cache/kling-tui/leaf), made
 * as conf_state_dir() is: what can be made again (a video's frames). */
char		*conf_cache_dir(const char *leaf, char **cause);

#endif
