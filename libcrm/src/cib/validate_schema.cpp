// RelaxNG validation through libxml2.
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include <memory>

#include <fmt/format.h>

#include "crm/cib/validate.h"

namespace crm::cib {
namespace {

// libxml2 2.9 passes a non-const error.
void collect(void* ctx, xmlError* error) {
    auto* out = static_cast<std::vector<Problem>*>(ctx);
    std::string msg = error->message ? error->message : "schema error";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' '))
        msg.pop_back();
    std::string where;
    if (error->node) {
        auto* n = static_cast<xmlNode*>(error->node);
        where = fmt::format("<{}", reinterpret_cast<const char*>(n->name));
        if (xmlChar* id = xmlGetProp(n, BAD_CAST "id")) {
            where += fmt::format(" id=\"{}\"", reinterpret_cast<const char*>(id));
            xmlFree(id);
        }
        where += "> (line " + std::to_string(error->line) + "): ";
    }
    out->push_back(Problem{false, "schema: " + where + msg});
}

struct Schema {
    xmlRelaxNGPtr rng = nullptr;
    Schema() {
        std::string text = schema_text();
        xmlRelaxNGParserCtxtPtr pctx =
            xmlRelaxNGNewMemParserCtxt(text.data(), static_cast<int>(text.size()));
        rng = xmlRelaxNGParse(pctx);
        xmlRelaxNGFreeParserCtxt(pctx);
    }
    ~Schema() { xmlRelaxNGFree(rng); }
};

}  // namespace

std::vector<Problem> validate_schema(const xml::Node& cib) {
    static const Schema schema;  // parsed once; libxml2 validation is reentrant per context
    std::vector<Problem> problems;
    if (!schema.rng) {
        problems.push_back(
            Problem{false, "internal error: the built-in CIB schema does not parse"});
        return problems;
    }
    std::string text = xml::to_string(cib, true);
    xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "cib.xml", nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        problems.push_back(Problem{false, "internal error: could not re-read the CIB"});
        return problems;
    }
    xmlRelaxNGValidCtxtPtr vctx = xmlRelaxNGNewValidCtxt(schema.rng);
    xmlRelaxNGSetValidStructuredErrors(vctx, collect, &problems);
    int rc = xmlRelaxNGValidateDoc(vctx, doc);
    xmlRelaxNGFreeValidCtxt(vctx);
    xmlFreeDoc(doc);
    if (rc != 0 && problems.empty())
        problems.push_back(Problem{false, "schema: document is invalid"});
    return problems;
}

}  // namespace crm::cib
