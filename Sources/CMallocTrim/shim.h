// glibc's malloc_trim(3), which Swift's Glibc module does not import (it lives in <malloc.h>).
#include <malloc.h>
