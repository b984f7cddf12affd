#ifndef CEDOCS_SAFE_MAPPING_H
#define CEDOCS_SAFE_MAPPING_H

#include <stddef.h>

/// A mapped records file that is cut short while it is read would end the process with SIGBUS.
/// A guarded mapping answers such a fault with a page of zeros instead and notes it, so that the
/// reader finishes (the zeros are no valid JSON) and then reports the file as changed.
///
/// Returns a slot for the two calls below, or -1 when every slot is taken (the caller then reads the
/// file another way).
int cedocs_guard_mapping(const void *base, size_t length);

/// 1 once a read of the slot's mapping found the file shorter than when it was mapped.
int cedocs_mapping_faulted(int slot);

/// Frees the slot; call before unmapping.
void cedocs_unguard_mapping(int slot);

#endif
