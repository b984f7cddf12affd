#ifndef CEDOCS_CQRENCODE_SHIM_H
#define CEDOCS_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
