/* kling-tui: the vocabulary: task states and the enumerated choices of a
 * storyboard, each listed once for the rules, the editor, the store, the
 * simulator and the screens.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * To add a task state: a value here and a row in vocab.c's table (its name,
 * whether it is final, where it sorts). Nothing else lists states. */
#ifndef KT_VOCAB_H
#define KT_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

enum task_state {
	TASK_SUBMITTING,	/* ours: recorded, the create not yet answered */
	TASK_PENDING,		/* the service's four */
	TASK_RUNNING,
	TASK_SUCCESS,
	TASK_FAILED,
	TASK_ERROR,		/* ours: refused before a task existed */
	TASK_UNKNOWN,		/* ours: the create's fate is unknown */
	TASK_OTHER,		/* a word the service sent that we do not know */
	TASK_STATE_N
};

/* "pending", ...; TASK_OTHER: "?". */
const char	*task_state_name(enum task_state);
/* The state a word names; NULL or an unknown word: TASK_OTHER. */
enum task_state	 task_state_parse(const char *);
/* The word shown to a person (translated); unknown words as they are. */
const char	*task_state_label(const char *);
/* Nothing will change it any more: success, failed, error. */
bool		 task_state_final(enum task_state);
bool		 task_state_word_final(const char *);
/* Where a state sorts in a list by state: the ones needing the user first
 * (unknown), then the live ones, then the finished. */
int		 task_state_rank(enum task_state);
/* The states the service itself reports (pending ... failed), in order. */
extern const enum task_state task_service_states[];
extern const size_t task_nservice_states;

/* The enumerated choices of a storyboard (the API page), NULL-terminated. */
extern const char *const vocab_modes[];		/* std, pro */
extern const char *const vocab_ratios[];	/* 16:9, 9:16, 1:1 */
extern const char *const vocab_compliance[];	/* enabled, disabled */
extern const char *const vocab_shot_types[];	/* customize, intelligence */
#define VOCAB_SHOT_CUSTOMIZE	"customize"
#define VOCAB_SHOT_INTELLIGENCE	"intelligence"

/* How many choices a NULL-terminated list holds; whether s is one. */
size_t		 vocab_count(const char *const *);
bool		 vocab_has(const char *const *, const char *s);

#endif
