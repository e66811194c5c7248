/* kling-tui: the storyboard model, exactly the CreateTask request body.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_STORYBOARD_H
#define KT_STORYBOARD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* The service's documented limits (API.md section 1). */
#define SB_MODEL              "kling/v3"
#define SB_MAX_SHOTS          6
#define SB_MAX_ELEMENTS       3
#define SB_MAX_ELEMENT_IMAGES 4
#define SB_MIN_DURATION       3
#define SB_MAX_DURATION       15
#define SB_PROMPT_MAX_CHARS   2500 /* [sibling] */
#define SB_SHOT_MAX_CHARS     512  /* [sibling] */

/* A JSON boolean that may also be absent. */
enum sb_tri { SB_UNSET = -1, SB_FALSE = 0, SB_TRUE = 1 };

/* A key the model does not know, or a known key whose value had the wrong JSON
 * type: kept verbatim (compact JSON text) so that writing the file back loses
 * nothing the user wrote. */
struct sb_extra {
	char	*key;
	char	*json;
	bool	 bad_type;	/* a known key with a wrongly typed value */
};

struct sb_extras {
	struct sb_extra	*v;
	size_t		 n;
};

struct sb_strlist {
	char	**v;
	size_t	  n;
};

struct sb_shot {
	char			*prompt;	/* NULL: absent */
	long			 duration;
	bool			 has_duration;
	struct sb_extras	 extra;
};

struct sb_element {
	char			*name;		/* NULL: absent */
	char			*description;	/* NULL: absent */
	bool			 has_images;
	struct sb_strlist	 images;	/* element_image_urls */
	struct sb_extras	 extra;
};

/* Every char * is UTF-8 owned by the storyboard, NULL when the key is absent.
 * "has_" flags tell an absent array from an empty one. */
struct storyboard {
	char			*model;
	char			*callback_url;
	bool			 callback_null;	/* "callback_url": null */
	bool			 has_input;

	char			*mode;
	enum sb_tri		 multi_shots;
	char			*shot_type;
	bool			 shot_type_null;	/* "shot_type": null */
	char			*prompt;
	bool			 has_multi_prompt;
	struct sb_shot		*shots;
	size_t			 nshots;
	bool			 has_img_urls;
	struct sb_strlist	 img_urls;
	bool			 has_element_list;
	struct sb_element	*elements;
	size_t			 nelements;
	long			 duration;
	bool			 has_duration;
	char			*aspect_ratio;
	enum sb_tri		 audio;
	char			*input_compliance;
	char			*output_compliance;

	struct sb_extras	 extra;		/* unknown top-level keys */
	struct sb_extras	 input_extra;	/* unknown keys inside input */

	/* Diagnostics found while decoding (wrong types, duplicate keys, unknown
	 * keys); rules_check() reports them first. Owned; see diag.h. */
	struct diag_list	*load_diags;
};

struct storyboard *sb_new(void);		/* empty: nothing set */
struct storyboard *sb_new_default(void);	/* text-to-video, its prompt empty */
/* What an empty prompt shows, dimmed: never a value. */
#define SB_PROMPT_PLACEHOLDER "Describe the shot: subject, action, setting, camera, light."
struct storyboard *sb_clone(const struct storyboard *);
void		   sb_free(struct storyboard **);
bool		   sb_equal(const struct storyboard *, const struct storyboard *);
/* The memory a storyboard holds, about: what an undo history counts. */
size_t		   sb_bytes(const struct storyboard *);

/* Setters copy their argument; NULL clears the field. */
void	sb_set_str(char **field, const char *value);
void	sb_strlist_push(struct sb_strlist *, const char *);
void	sb_strlist_remove(struct sb_strlist *, size_t i);
void	sb_strlist_clear(struct sb_strlist *);

/* Shots (multi_prompt). Each returns -1 when the index or the limit forbids it. */
int	sb_shot_add(struct storyboard *, size_t at, const char *prompt, long duration);
int	sb_shot_delete(struct storyboard *, size_t i);
int	sb_shot_duplicate(struct storyboard *, size_t i);
int	sb_shot_move(struct storyboard *, size_t from, size_t to);
long	sb_shots_total(const struct storyboard *);	/* sum of set durations */

/* Elements. */
int	sb_element_add(struct storyboard *, const char *name, const char *description);
int	sb_element_delete(struct storyboard *, size_t i);
int	sb_element_move(struct storyboard *, size_t from, size_t to);

/* The user has just set the field at path ("input.duration",
 * "input.multi_prompt[1].prompt"): what the decoder found there and below
 * (a wrong type, a duplicate key) no longer applies, and a wrongly typed
 * value kept for it is dropped so that clearing the field later does not
 * bring it back. */
void	sb_forget_findings(struct storyboard *, const char *path);

/* The body the service would act on: multi-shot forces audio true, single-shot
 * drops shot_type. Returns a new storyboard. */
struct storyboard *sb_effective(const struct storyboard *);

/* The templates from the API page: "text-to-video", "image-to-video",
 * "multi-shot-customize", "multi-shot-intelligence", "elements". NULL names
 * the list's end. */
extern const char *const sb_template_names[];
struct storyboard *sb_template(const char *name);
/* The same with its images (start frames, element images) under
 * image_base, e.g. a simulator's "http://127.0.0.1:PORT/images/"; NULL:
 * the API page's SB_TEMPLATE_IMAGES. */
#define SB_TEMPLATE_IMAGES "https://example.com/"
struct storyboard *sb_template_at(const char *name, const char *image_base);

#endif
