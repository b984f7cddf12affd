#ifndef CEDOCS_DEFLATE_LEVEL_H
#define CEDOCS_DEFLATE_LEVEL_H

/// The zlib level Cairo's PDF streams are deflated at in the cedocs executable (see deflate_level.c).
/// zlib writes it into each stream's header (levels 2-5: 78 5E), which the tests read back.
#define CEDOCS_DEFLATE_LEVEL 2

#endif
