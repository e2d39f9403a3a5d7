#ifndef GDESK_CPROCESS_H
#define GDESK_CPROCESS_H
/* Process attributes Swift cannot set itself (prctl is variadic). */

/* Makes the process not dumpable (no core file, no ptrace attach by other processes of the same user, /proc/self
   owned by root) and its core file size limit 0. Returns 0, or -1 with errno set if either step failed. */
int gd_forbid_core_dumps(void);

/* 1 when the process is dumpable, 0 when not, -1 on error. */
int gd_is_dumpable(void);

#endif
