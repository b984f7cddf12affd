#ifndef CEDOCS_DEFLATE_LEVEL_H
#define CEDOCS_DEFLATE_LEVEL_H

/// The level Cairo's PDF streams are deflated at in the cedocs executable, by libdeflate (see
/// deflate_level.c): zlib's level 6 ratio, in two thirds of zlib's level 2 time. It is written into
/// each stream's header (levels 2-5: 78 5E; zlib's default: 78 9C), which the tests read back.
#define CEDOCS_DEFLATE_LEVEL 4

#endif
