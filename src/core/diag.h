/* kling-tui: diagnostics, each with a severity, a JSON path and a message.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_DIAG_H
#define KT_DIAG_H

#include <stddef.h>

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

#define DIAG_PATH_MAX 96
#define DIAG_MSG_MAX  200

struct diag {
	enum diag_severity	sev;
	char			path[DIAG_PATH_MAX];	/* "input.multi_prompt[1].duration" */
	char			msg[DIAG_MSG_MAX];	/* one line a person understands */
};

/* At most DIAG_KEEP diagnostics are kept; the rest are counted and summed
 * up in one more, last entry ("and 799,990 more: unknown key ..."), so that
 * a hostile file of 800,000 unknown keys costs neither memory nor a screen
 * of noise. */
#define DIAG_KEEP 100

/* A growable list; reused between checks so that live validation does not
 * allocate once warmed up. */
struct diag_list {
	struct diag	*v;
	size_t		 n;		/* at most DIAG_KEEP + 1 */
	size_t		 cap;
	size_t		 more[2];	/* not kept, by severity */
	char		 first[DIAG_MSG_MAX];	/* of those not kept */
	int		 same;		/* all those not kept say first */
	const char	*same_fmt;	/* "and %s more: %s", translated once a check */
};

struct diag_list *diag_list_new(void);
void		  diag_list_free(struct diag_list **);
void		  diag_list_clear(struct diag_list *);
void		  diag_add(struct diag_list *, enum diag_severity, const char *path,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void		  diag_append(struct diag_list *, const struct diag_list *);
size_t		  diag_count(const struct diag_list *, enum diag_severity);
/* Errors before warnings, each kind in the order found: what blocks a
 * submission is read first. */
void		  diag_errors_first(struct diag_list *);
const char	 *diag_severity_name(enum diag_severity);	/* "error", "warning" */

#endif
