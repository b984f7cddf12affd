#ifndef CEDOCS_BUILD_INFO_H
#define CEDOCS_BUILD_INFO_H

/// The git commit cedocs was built from, or "unknown" (see build_info.c).
const char *cedocs_build_commit(void);

#endif
