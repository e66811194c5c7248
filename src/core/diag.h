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

/* A growable list; reused between checks so that live validation does not
 * allocate once warmed up. */
struct diag_list {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
};

struct diag_list *diag_list_new(void);
void		  diag_list_free(struct diag_list **);
void		  diag_list_clear(struct diag_list *);
void		  diag_add(struct diag_list *, enum diag_severity, const char *path,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
size_t		  diag_count(const struct diag_list *, enum diag_severity);
/* Errors before warnings, each kind in the order found: what blocks a
 * submission is read first. */
void		  diag_errors_first(struct diag_list *);
const char	 *diag_severity_name(enum diag_severity);	/* "error", "warning" */

#endif
