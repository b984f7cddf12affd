// The commit cedocs is built from, for `cedocs --version`. scripts/build-info.sh writes commit.h (not in
// git) before each build the scripts make; a clean clone, a tarball or a build without git has none and
// says "unknown". A C file because a header that may or may not exist (__has_include) is what lets the
// same sources build either way; only this file is compiled again when the commit changes.
#include "build_info.h"

#if __has_include("commit.h")
#include "commit.h"
#else
#define CEDOCS_COMMIT "unknown"
#endif

const char *cedocs_build_commit(void) { return CEDOCS_COMMIT; }
