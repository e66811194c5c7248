/* kling-sim: checking a CreateTask body before a task is made.
 * Until libcore's codec and rules land, this checks the fields the
 * simulator itself depends on (model, input, multi_shots, duration, mode);
 * it is then replaced by the client's own rules.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

int
body_check(const char *body, size_t len, struct body_check *bc, char **cause)
{
	cJSON	*root, *input, *v;

	memset(bc, 0, sizeof *bc);
	if ((root = cJSON_ParseWithLength(body, len)) == NULL) {
		*cause = xstrdup("the body is not JSON");
		return (-1);
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "model");
	input = cJSON_GetObjectItemCaseSensitive(root, "input");
	if (!cJSON_IsString(v) || strcmp(v->valuestring, "kling/v3") != 0)
		*cause = xstrdup("model: must be \"kling/v3\"");
	else if (!cJSON_IsObject(input))
		*cause = xstrdup("input: required, an object");
	else if (!cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(input,
	    "multi_shots")))
		*cause = xstrdup("input.multi_shots: required, true or false");
	else if (!cJSON_IsNumber(v = cJSON_GetObjectItemCaseSensitive(input,
	    "duration")) || v->valuedouble != floor(v->valuedouble) ||
	    v->valuedouble < 3 || v->valuedouble > 15)
		*cause = xstrdup("input.duration: must be an integer from 3 to 15");
	else {
		bc->duration = (long)v->valuedouble;
		v = cJSON_GetObjectItemCaseSensitive(input, "mode");
		if (v != NULL && (!cJSON_IsString(v) ||
		    (strcmp(v->valuestring, "std") != 0 &&
		    strcmp(v->valuestring, "pro") != 0)))
			*cause = xstrdup("input.mode: must be \"std\" or \"pro\"");
		else {
			bc->mode = xstrdup(v != NULL ? v->valuestring : "std");
			cJSON_Delete(root);
			return (0);
		}
	}
	cJSON_Delete(root);
	return (-1);
}

void
body_check_free(struct body_check *bc)
{
	free(bc->mode);
	bc->mode = NULL;
}
