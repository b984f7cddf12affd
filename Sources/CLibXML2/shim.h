#ifndef CEDOCS_CLIBXML2_SHIM_H
#define CEDOCS_CLIBXML2_SHIM_H
#include <libxml/xmlreader.h>
#endif
