// Hardened XML reading through libxml2: no network, no DTD, no entity
// expansion, bounded size and depth. A CIB never needs any of those, so
// refusing them outright is simpler and safer than trying to sandbox them.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "crm/xml/xml_node.h"

namespace crm::xml {
namespace {

std::string str(const xmlChar* s) {
    return s ? reinterpret_cast<const char*>(s) : "";
}

bool is_blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

struct Converter {
    const ParseLimits& limits;
    std::string error;

    bool convert(xmlNode* in, Node& out, std::size_t depth) {
        if (depth > limits.max_depth) {
            error = fmt::format("line {}: elements nest deeper than {} levels", in->line,
                                limits.max_depth);
            return false;
        }
        out.name = str(in->name);
        if (in->ns && in->ns->prefix)
            out.name = str(in->ns->prefix) + ":" + out.name;
        for (xmlAttr* a = in->properties; a; a = a->next) {
            xmlChar* v = xmlNodeListGetString(in->doc, a->children, 1);
            out.attributes.emplace_back(str(a->name), str(v));
            xmlFree(v);
        }
        for (xmlNode* c = in->children; c; c = c->next) {
            switch (c->type) {
                case XML_ELEMENT_NODE: {
                    Node child;
                    if (!convert(c, child, depth + 1))
                        return false;
                    out.children.push_back(std::move(child));
                    break;
                }
                case XML_TEXT_NODE:
                case XML_CDATA_SECTION_NODE: {
                    std::string t = str(c->content);
                    if (!is_blank(t))
                        out.text += t;
                    break;
                }
                case XML_COMMENT_NODE: {
                    Node comment("#comment");
                    comment.text = str(c->content);
                    out.children.push_back(std::move(comment));
                    break;
                }
                case XML_ENTITY_REF_NODE:
                    error = fmt::format("line {}: entity reference '&{};' is not allowed", c->line,
                                        str(c->name));
                    return false;
                default:
                    break;  // processing instructions etc. carry no CIB meaning
            }
        }
        return true;
    }
};

}  // namespace

Result<Node> parse(std::string_view text, const ParseLimits& limits) {
    if (text.size() > limits.max_bytes) {
        return Error{fmt::format("document is {} bytes, over the limit of {} bytes", text.size(),
                                 limits.max_bytes)};
    }
    if (text.size() > static_cast<std::size_t>(INT32_MAX))
        return Error{"document too large"};
    // NONET: never fetch anything. No NOENT/DTDLOAD/DTDATTR: entities stay
    // unexpanded and any DTD is rejected below.
    int options = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return Error{"out of memory creating XML parser"};
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text.data(), static_cast<int>(text.size()), "cib.xml",
                                      nullptr, options);
    if (!doc) {
        const xmlError* e = xmlCtxtGetLastError(ctxt);
        std::string msg = e && e->message ? std::string(e->message) : "unknown error";
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' '))
            msg.pop_back();
        int line = e ? e->line : 0;
        xmlFreeParserCtxt(ctxt);
        return Error{fmt::format("XML is not well-formed: line {}: {}", line, msg)};
    }
    xmlFreeParserCtxt(ctxt);
    if (doc->intSubset || doc->extSubset) {
        xmlFreeDoc(doc);
        return Error{"XML with a DOCTYPE/DTD is not accepted (a CIB never needs one)"};
    }
    xmlNode* root = xmlDocGetRootElement(doc);
    if (!root) {
        xmlFreeDoc(doc);
        return Error{"XML document has no root element"};
    }
    Converter conv{limits, {}};
    Node out;
    bool ok = conv.convert(root, out, 1);
    xmlFreeDoc(doc);
    if (!ok)
        return Error{conv.error};
    return out;
}

Result<Node> parse_file(const std::string& path, const ParseLimits& limits) {
    // An oversized file is refused before it is read, and a file whose size
    // cannot be known up front (a pipe, a device) is read only up to one byte
    // past the limit: reading a hostile file must not cost unbounded memory.
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && size > limits.max_bytes) {
            return Error{fmt::format("{}: document is {} bytes, over the limit of {} bytes", path,
                                     size, limits.max_bytes)};
        }
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{fmt::format("cannot open '{}'", path)};
    std::string text;
    std::string chunk(1u << 16, '\0');
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
        if (text.size() > limits.max_bytes) {
            return Error{
                fmt::format("{}: document is over the limit of {} bytes", path, limits.max_bytes)};
        }
    }
    if (in.bad())
        return Error{fmt::format("cannot read '{}'", path)};
    auto r = parse(text, limits);
    if (!r)
        return Error{fmt::format("{}: {}", path, r.error())};
    return r;
}

}  // namespace crm::xml
