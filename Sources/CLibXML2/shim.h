#ifndef FIGWATCH_CLIBXML2_SHIM_H
#define FIGWATCH_CLIBXML2_SHIM_H

/* libxml2's headers include the system ICU when it is enabled, whose UErrorCode
 * clashes with Foundation's own ICU in debug builds. We decode charsets ourselves,
 * so libxml2's ICU support is never needed by this module. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>

/* xmlFree is a C global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void fw_xml_free(void *p) { xmlFree(p); }

#endif
