// glibc's malloc_trim(3) and mallopt(3), which Swift's Glibc module does not import (they live in
// <malloc.h>).
#include <malloc.h>

/// `M_ARENA_MAX` as <malloc.h> defines it (a negative macro).
static const int cedocs_m_arena_max = M_ARENA_MAX;
