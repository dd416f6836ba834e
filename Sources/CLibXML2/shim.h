#ifndef SELFBUY_CLIBXML2_SHIM_H
#define SELFBUY_CLIBXML2_SHIM_H

// xmlversion.h first: Debian's build enables ICU, whose headers clash with
// Foundation's own ICU copy on a clean build. selfbuy never uses libxml2's ICU.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/uri.h>

// xmlFree is a mutable global function pointer, which Swift 6 rejects.
static inline void selfbuy_xmlFree(void *pointer) { xmlFree(pointer); }

static inline int selfbuy_xpathNodeSetCount(xmlXPathObjectPtr object) {
    if (object == NULL || object->nodesetval == NULL) return 0;
    return object->nodesetval->nodeNr;
}

static inline xmlNodePtr selfbuy_xpathNodeSetItem(xmlXPathObjectPtr object, int index) {
    if (object == NULL || object->nodesetval == NULL) return NULL;
    if (index < 0 || index >= object->nodesetval->nodeNr) return NULL;
    return object->nodesetval->nodeTab[index];
}

// A generic error handler that drops libxml2's unstructured messages (Swift cannot write a C variadic function).
static void selfbuy_silentGenericError(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void selfbuy_silenceGenericErrors(void) { xmlSetGenericErrorFunc(NULL, selfbuy_silentGenericError); }

#endif
