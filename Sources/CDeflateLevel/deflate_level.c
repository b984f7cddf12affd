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
#include <stdint.h>
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

// Each thread keeps, for its life, one compressor per level (a compressor's tables take longer to
// allocate than a small stream takes to compress) and the last few large inputs it compressed more
// than once, with their output. A stamped document carries the agency's seal image (its colour and
// its transparency, two streams), the same bytes in every document of a run; compressing them anew
// was most of what a seal cost. A repeated input is found by its length, level and CRC-32, then
// compared byte for byte, so a hit gives exactly the bytes compressing would have. An input is kept
// only once it comes a second time, so each document's own large streams (its content, its font
// subsets) never push out the seal's; inputs below `remembered_minimum` are not looked at, and
// `remembered_maximum` bounds what one thread holds.
enum { remembered_count = 4, seen_count = 16 };
static const size_t remembered_minimum = 16 * 1024, remembered_maximum = 8 * 1024 * 1024;

struct remembered {
    unsigned char *input, *output;
    size_t length, produced;
    uint32_t crc;
    int level;
};

/// What one thread keeps: its compressors and the streams it remembers.
struct thread_state {
    struct libdeflate_compressor *compressors[13];
    struct remembered remembered[remembered_count];
    int next;  // the slot the next input to keep replaces
    struct { size_t length; uint32_t crc; int level; } seen[seen_count];  // recent large inputs, not kept
    int next_seen;
    size_t recalled;  // streams given from memory: cedocs_deflate_recalled_on_this_thread()
};

static pthread_key_t state_key;
static pthread_once_t state_once = PTHREAD_ONCE_INIT;

static void free_state(void *pointer) {
    struct thread_state *state = pointer;
    for (int level = 0; level <= 12; level++) {
        if (state->compressors[level] != NULL) libdeflate_free_compressor(state->compressors[level]);
    }
    for (int i = 0; i < remembered_count; i++) {
        free(state->remembered[i].input);
        free(state->remembered[i].output);
    }
    free(state);
}

static void make_state_key(void) { pthread_key_create(&state_key, free_state); }

static struct thread_state *thread_state(void) {
    pthread_once(&state_once, make_state_key);
    struct thread_state *state = pthread_getspecific(state_key);
    if (state == NULL) {
        state = calloc(1, sizeof *state);
        if (state == NULL || pthread_setspecific(state_key, state) != 0) {
            free(state);
            return NULL;
        }
    }
    return state;
}

static struct libdeflate_compressor *compressor(struct thread_state *state, int level) {
    if (state->compressors[level] == NULL) state->compressors[level] = libdeflate_alloc_compressor(level);
    return state->compressors[level];
}

/// The output remembered for exactly this input at this level, or NULL.
static struct remembered *recall(struct thread_state *state, const unsigned char *input, size_t length,
                                 uint32_t crc, int level) {
    for (int i = 0; i < remembered_count; i++) {
        struct remembered *slot = &state->remembered[i];
        if (slot->input != NULL && slot->length == length && slot->crc == crc && slot->level == level
            && memcmp(slot->input, input, length) == 0) {
            return slot;
        }
    }
    return NULL;
}

size_t cedocs_deflate_recalled_on_this_thread(void) {
    struct thread_state *state = thread_state();
    return state == NULL ? 0 : state->recalled;
}

/// Whether an input of this length, CRC and level came lately; if not, notes that it has now.
static int seen_before(struct thread_state *state, size_t length, uint32_t crc, int level) {
    for (int i = 0; i < seen_count; i++) {
        if (state->seen[i].length == length && state->seen[i].crc == crc && state->seen[i].level == level) return 1;
    }
    state->seen[state->next_seen].length = length;
    state->seen[state->next_seen].crc = crc;
    state->seen[state->next_seen].level = level;
    state->next_seen = (state->next_seen + 1) % seen_count;
    return 0;
}

/// Keeps `input` (taking it over) and a copy of its output in the next slot, unless they would
/// take the thread past `remembered_maximum`; returns whether it took the input.
static int remember(struct thread_state *state, unsigned char *input, size_t length, uint32_t crc, int level,
                    const unsigned char *output, size_t produced) {
    struct remembered *slot = &state->remembered[state->next];
    size_t held = 0;
    for (int i = 0; i < remembered_count; i++) {
        if (i != state->next) held += state->remembered[i].length + state->remembered[i].produced;
    }
    if (held + length + produced > remembered_maximum) return 0;
    unsigned char *copy = malloc(produced);
    if (copy == NULL) return 0;
    memcpy(copy, output, produced);
    free(slot->input);
    free(slot->output);
    *slot = (struct remembered){ .input = input, .output = copy, .length = length, .produced = produced,
                                 .crc = crc, .level = level };
    state->next = (state->next + 1) % remembered_count;
    return 1;
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
        struct thread_state *state = thread_state();
        if (state == NULL) return Z_MEM_ERROR;
        int rememberable = stream->length >= remembered_minimum;
        uint32_t crc = rememberable ? libdeflate_crc32(0, stream->input, stream->length) : 0;
        struct remembered *known = rememberable ? recall(state, stream->input, stream->length, crc, stream->level) : NULL;
        if (known != NULL) {
            stream->output = malloc(known->produced);
            if (stream->output == NULL) return Z_MEM_ERROR;
            memcpy(stream->output, known->output, known->produced);
            stream->produced = known->produced;
            state->recalled++;
        } else {
            struct libdeflate_compressor *deflater = compressor(state, stream->level);
            if (deflater == NULL) return Z_MEM_ERROR;
            size_t bound = libdeflate_zlib_compress_bound(deflater, stream->length);
            stream->output = malloc(bound);
            if (stream->output == NULL) return Z_MEM_ERROR;
            stream->produced = libdeflate_zlib_compress(deflater, stream->input, stream->length, stream->output, bound);
            if (stream->produced == 0) return Z_STREAM_ERROR;  // cannot happen: the bound fits any input
        }
        // A zlib stream ends with its input's Adler-32, big-endian: read back, not computed again.
        const unsigned char *trailer = stream->output + stream->produced - 4;
        strm->adler = (uLong)trailer[0] << 24 | (uLong)trailer[1] << 16 | (uLong)trailer[2] << 8 | trailer[3];
        int kept = rememberable && known == NULL && seen_before(state, stream->length, crc, stream->level)
            && remember(state, stream->input, stream->length, crc, stream->level, stream->output, stream->produced);
        if (!kept) free(stream->input);
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
