// Linux file calls that Glibc declares only under _GNU_SOURCE, which Swift's Glibc module is built
// without: the archive's unnamed temporary files (O_TMPFILE) and its one flush a run (syncfs(2),
// whose error it needs).
#define _GNU_SOURCE 1
#include <fcntl.h>
#include <unistd.h>

/// `O_TMPFILE` as the C headers define it (a macro Swift does not import).
static const int cedocs_o_tmpfile = O_TMPFILE;
