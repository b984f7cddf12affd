// How the PDFs Cairo writes are deflated.
//
// Cairo 1.16 compresses every PDF stream, font subsets included, through zlib's deflateInit(), that
// is at zlib's default level, and offers no setting for it. Font outlines are most of a one-page
// form and barely compress, and zlib is slow on such data: deflating was a quarter of cedocs'
// rendering time. libdeflate compresses a whole buffer in one call: at cedocs' level, within 1% of
// zlib's level 6 ratio, in half the time zlib takes at level 2. So this file defines deflateInit_,
// deflate and deflateEnd in every binary that links the Render module. The linker puts a symbol
// that a shared library on its command line uses (libcairo uses all three) into the executable's
// dynamic symbol table without being asked, and the dynamic linker looks in the executable before
// libz, so Cairo's calls come here — in the cedocs executable and the test bundles alike, with no
// linker flags.
//
// A stream begun with deflateInit() (Cairo's, and zlib's own compress()) gathers its input and is
// compressed whole by libdeflate at Z_FINISH, into a zlib stream any reader inflates. Every other
// stream (deflateInit2_, as ZIPFoundation and libpng begin theirs) is zlib's own: deflate and
// deflateEnd pass it on to libz.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "deflate_level.h"

/// A stream compressed whole: its input as gathered, then its output as handed out.
struct whole_stream {
    unsigned long tag;
    int level;
    unsigned char *input;
    size_t length, capacity;
    unsigned char *output;
    size_t produced, handed;
    int compressed;
};

static const unsigned long whole_tag = 0x77686f6c65646566UL;  // "wholedef"

/// The stream's state if it is one of ours. zlib's own streams always carry an allocator
/// (deflateInit2_ sets the default one); ours never do, so zlib refuses them instead of reading
/// our state as its own if a caller ever passes one to another zlib function.
static struct whole_stream *whole(z_streamp strm) {
    if (strm == Z_NULL || strm->zalloc != Z_NULL || strm->state == Z_NULL) return NULL;
    struct whole_stream *stream = (struct whole_stream *)strm->state;
    return stream->tag == whole_tag ? stream : NULL;
}

// libz's own deflate and deflateEnd: the next definitions after this binary's.
static int (*zlib_deflate)(z_streamp, int);
static int (*zlib_deflate_end)(z_streamp);
static pthread_once_t zlib_once = PTHREAD_ONCE_INIT;

static void find_zlib(void) {
    zlib_deflate = (int (*)(z_streamp, int))dlsym(RTLD_NEXT, "deflate");
    zlib_deflate_end = (int (*)(z_streamp))dlsym(RTLD_NEXT, "deflateEnd");
    if (zlib_deflate == NULL || zlib_deflate_end == NULL) abort();  // libz is linked: cannot happen
}

// One compressor per thread and level, kept for the thread's life: a compressor's tables take
// longer to allocate than a small stream takes to compress.
static pthread_key_t compressors_key;
static pthread_once_t compressors_once = PTHREAD_ONCE_INIT;

static void free_compressors(void *table) {
    struct libdeflate_compressor **compressors = table;
    for (int level = 0; level <= 12; level++) {
        if (compressors[level] != NULL) libdeflate_free_compressor(compressors[level]);
    }
    free(compressors);
}

static void make_compressors_key(void) { pthread_key_create(&compressors_key, free_compressors); }

static struct libdeflate_compressor *compressor(int level) {
    pthread_once(&compressors_once, make_compressors_key);
    struct libdeflate_compressor **compressors = pthread_getspecific(compressors_key);
    if (compressors == NULL) {
        compressors = calloc(13, sizeof *compressors);
        if (compressors == NULL || pthread_setspecific(compressors_key, compressors) != 0) {
            free(compressors);
            return NULL;
        }
    }
    if (compressors[level] == NULL) compressors[level] = libdeflate_alloc_compressor(level);
    return compressors[level];
}

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size) {
    if (version == Z_NULL || version[0] != ZLIB_VERSION[0] || stream_size != (int)sizeof(z_stream)) return Z_VERSION_ERROR;
    if (level == Z_DEFAULT_COMPRESSION) level = CEDOCS_DEFLATE_LEVEL;
    if (strm == Z_NULL || level < 0 || level > 9) return Z_STREAM_ERROR;
    struct whole_stream *stream = calloc(1, sizeof *stream);
    if (stream == NULL) return Z_MEM_ERROR;
    stream->tag = whole_tag;
    stream->level = level;  // 0 stores, as zlib's does
    strm->state = (struct internal_state *)stream;
    strm->zalloc = Z_NULL;
    strm->zfree = Z_NULL;
    strm->total_in = strm->total_out = 0;
    strm->msg = Z_NULL;
    strm->data_type = Z_UNKNOWN;
    strm->adler = 1;
    return Z_OK;
}

/// Gathers the input; at Z_FINISH compresses it whole, then hands the output out as room is given.
/// Only Z_NO_FLUSH and Z_FINISH are offered, all Cairo and compress() ask for.
int deflate(z_streamp strm, int flush) {
    struct whole_stream *stream = whole(strm);
    if (stream == NULL) {
        pthread_once(&zlib_once, find_zlib);
        return zlib_deflate(strm, flush);
    }
    if ((flush != Z_NO_FLUSH && flush != Z_FINISH) || strm->next_out == Z_NULL
        || (strm->avail_in != 0 && strm->next_in == Z_NULL) || (stream->compressed && strm->avail_in != 0)) {
        return Z_STREAM_ERROR;
    }
    if (!stream->compressed) {
        if (strm->avail_in != 0) {
            if (stream->length + strm->avail_in > stream->capacity) {
                size_t capacity = stream->capacity ? stream->capacity : 1 << 14;
                while (capacity < stream->length + strm->avail_in) capacity *= 2;
                unsigned char *input = realloc(stream->input, capacity);
                if (input == NULL) return Z_MEM_ERROR;
                stream->input = input;
                stream->capacity = capacity;
            }
            memcpy(stream->input + stream->length, strm->next_in, strm->avail_in);
            stream->length += strm->avail_in;
            strm->total_in += strm->avail_in;
            strm->next_in += strm->avail_in;
            strm->avail_in = 0;
        }
        if (flush == Z_NO_FLUSH) return Z_OK;
        struct libdeflate_compressor *deflater = compressor(stream->level);
        if (deflater == NULL) return Z_MEM_ERROR;
        size_t bound = libdeflate_zlib_compress_bound(deflater, stream->length);
        stream->output = malloc(bound);
        if (stream->output == NULL) return Z_MEM_ERROR;
        stream->produced = libdeflate_zlib_compress(deflater, stream->input, stream->length, stream->output, bound);
        if (stream->produced == 0) return Z_STREAM_ERROR;  // cannot happen: the bound fits any input
        strm->adler = (uLong)libdeflate_adler32(1, stream->input, stream->length);
        free(stream->input);
        stream->input = NULL;
        stream->compressed = 1;
    } else if (flush != Z_FINISH) {
        return Z_STREAM_ERROR;
    }
    size_t pending = stream->produced - stream->handed;
    if (pending != 0 && strm->avail_out == 0) return Z_BUF_ERROR;
    size_t count = pending < strm->avail_out ? pending : strm->avail_out;
    memcpy(strm->next_out, stream->output + stream->handed, count);
    stream->handed += count;
    strm->next_out += count;
    strm->avail_out -= (uInt)count;
    strm->total_out += count;
    return stream->handed == stream->produced ? Z_STREAM_END : Z_OK;
}

int deflateEnd(z_streamp strm) {
    struct whole_stream *stream = whole(strm);
    if (stream == NULL) {
        pthread_once(&zlib_once, find_zlib);
        return zlib_deflate_end(strm);
    }
    int unfinished = stream->input != NULL || stream->handed != stream->produced;
    free(stream->input);
    free(stream->output);
    free(stream);
    strm->state = Z_NULL;
    return unfinished ? Z_DATA_ERROR : Z_OK;
}
