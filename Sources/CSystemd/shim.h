#ifndef FIGWATCH_CSYSTEMD_SHIM_H
#define FIGWATCH_CSYSTEMD_SHIM_H

#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <sys/uio.h>

/* sd_journal_send is variadic; the daemon uses sd_journal_sendv through this wrapper. */
static inline int fw_journal_sendv(const struct iovec *iov, int n) { return sd_journal_sendv(iov, n); }
static inline int fw_notify(int unset_environment, const char *state) { return sd_notify(unset_environment, state); }

#endif
