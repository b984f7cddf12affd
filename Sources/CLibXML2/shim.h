#ifndef CEDOCS_CLIBXML2_SHIM_H
#define CEDOCS_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and its encoding.h would then include the system's ICU headers,
// which clash with the copy of ICU that Foundation carries (_FoundationICU) in any Swift file that
// imports both. cedocs uses no encoding handler (the parser is handed UTF-8 parts and only pointers to
// its objects are held), so the ICU members of that struct are left out of this view of the headers.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#endif
