#ifndef C_PROCESS_HARDENING_H
#define C_PROCESS_HARDENING_H

/// Sets RLIMIT_CORE to 0, soft and hard: a crash writes no core file. 0 on success, -1 and errno.
int p1_disable_core_files(void);

/// Clears the dumpable flag (PR_SET_DUMPABLE 0): no core dump, and other processes of the same
/// user can neither ptrace this one nor read /proc/PID/mem. 0 on success, -1 and errno (and -1
/// with ENOSYS where prctl does not exist).
int p1_disable_dumpable(void);

#endif
