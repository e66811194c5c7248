/* kling-tui: which process on which boot of the machine wrote something, so
 * that what a dead process left (a create on its way, a lease) is known for
 * what it is at once, not after a time limit.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_OWNER_H
#define KT_OWNER_H

#include <stdbool.h>
#include <stddef.h>

/* "PID BOOT-ID" of this process (the boot id is empty where the system has
 * none to read). */
void	owner_self(char *buf, size_t len);
/* True when the owner named is certainly gone: another boot of this machine,
 * or no such process on this one. NULL or unreadable: false (not known). */
bool	owner_gone(const char *owner);
/* Its pid, or 0. */
long	owner_pid(const char *owner);

#endif
