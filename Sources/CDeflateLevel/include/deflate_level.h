#ifndef CEDOCS_DEFLATE_LEVEL_H
#define CEDOCS_DEFLATE_LEVEL_H

// zlib's API, which deflate_level.c implements for the streams begun with deflateInit() (the tests
// drive it through these declarations).
#include <zlib.h>

/// The level Cairo's PDF streams are deflated at in the cedocs executable, by libdeflate (see
/// deflate_level.c): within 1% of zlib's level 6 ratio, in half of zlib's level 2 time. It is written
/// into each stream's header (levels 2-5: 78 5E; zlib's default: 78 9C), which the tests read back.
#define CEDOCS_DEFLATE_LEVEL 4

/// How many streams this thread's deflate() gave from memory instead of compressing them again: an
/// input of 16 KB or more it had compressed at least twice lately (see deflate_level.c).
size_t cedocs_deflate_recalled_on_this_thread(void);

#endif
