// The deflate level of the PDFs Cairo writes.
//
// Cairo 1.16 compresses every PDF stream, font subsets included, through deflateInit(), that is at
// zlib's default level 6, and offers no setting for it. Font outlines are most of a one-page form
// and barely compress: level 6 spends twice the time of level 2 to make the PDF 4% smaller, and the
// deflating was a third of cedocs' rendering time. This file defines deflateInit_ in every binary
// that links the Render module. The linker puts a symbol that a shared library on its command line
// uses (libcairo uses deflateInit_) into the executable's dynamic symbol table without being asked,
// and the dynamic linker looks in the executable before libz, so Cairo's calls come here — in the
// cedocs executable and the test bundles alike, with no linker flags. Callers that ask for a level
// of their own (deflateInit2_, as ZIPFoundation does) are not affected.
#include <zlib.h>
#include "deflate_level.h"

int deflateInit_(z_streamp stream, int level, const char *version, int stream_size) {
    if (level == Z_DEFAULT_COMPRESSION) level = CEDOCS_DEFLATE_LEVEL;
    // deflateInit()'s other defaults: 32 KB window, memLevel 8, default strategy.
    return deflateInit2_(stream, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}
