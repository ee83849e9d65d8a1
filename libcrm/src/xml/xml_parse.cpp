// Hardened XML reading through libxml2: no network, no DTD, no entity
// expansion, bounded size and depth. A CIB never needs any of those, so
// refusing them outright is simpler and safer than trying to sandbox them.
//
// libxml2 reports the document as SAX events and the tree is built from
// them directly: building libxml2's own tree first and converting it cost
// more than half of `vigil simulate` on a large CIB (two trees alive at
// once, every node and attribute allocated and freed twice). The tree is
// the one libxml2's would convert to: a text node is a run of adjacent
// character data, dropped when blank, CDATA sections are runs of their
// own, and attribute names drop a declared namespace prefix.
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "crm/xml/xml_node.h"

namespace crm::xml {
namespace {

const char* chars(const xmlChar* s) {
    return s ? reinterpret_cast<const char*>(s) : "";
}

bool is_blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// "prefix:local", or "local" without a prefix.
std::string qualified(const xmlChar* prefix, const xmlChar* local) {
    std::string out;
    if (prefix) {
        out = chars(prefix);
        out += ':';
    }
    out += chars(local);
    return out;
}

// An attribute value as the SAX callback hands it over. Without entity
// substitution libxml2 leaves an escaped '&' as the character reference
// "&#38;" for the tree builder to decode (no other reference can remain:
// any other entity is undeclared, which is a fatal error).
std::string attribute_value(const xmlChar* begin, const xmlChar* end) {
    std::string_view raw(reinterpret_cast<const char*>(begin),
                         static_cast<std::size_t>(end - begin));
    if (raw.find('&') == std::string_view::npos)
        return std::string(raw);
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw.compare(i, 5, "&#38;") == 0) {
            out += '&';
            i += 4;
        } else {
            out += raw[i];
        }
    }
    return out;
}

// Builds the tree from libxml2's SAX2 events. `open` is the path from the
// root to the element being read: an element's address is stable while it
// is open, since its parent gains no sibling before it closes.
struct Builder {
    Builder(const ParseLimits& l, xmlParserCtxtPtr c) : limits(l), ctxt(c) {}

    const ParseLimits& limits;
    xmlParserCtxtPtr ctxt;
    std::string error;  // ours (DTD, entity, depth); libxml2's are read from ctxt
    Node root;
    bool have_root = false;
    std::vector<Node*> open;
    std::string text;         // character data not yet attached to its element
    bool text_cdata = false;  // it is a CDATA section's

    void fail(std::string message) {
        if (error.empty())
            error = std::move(message);
        xmlStopParser(ctxt);
    }
    int line() const { return xmlSAX2GetLineNumber(ctxt); }

    // Ends the current run of character data: a run that is not blank
    // belongs to the element's text.
    void flush_text() {
        if (!text.empty() && !open.empty() && !is_blank(text))
            open.back()->text += text;
        text.clear();
    }
    void add_text(const xmlChar* s, int len, bool cdata) {
        if (text_cdata != cdata)
            flush_text();
        text_cdata = cdata;
        text.append(reinterpret_cast<const char*>(s), static_cast<std::size_t>(len));
    }

    void start(const xmlChar* local, const xmlChar* prefix, int nb_attributes,
               const xmlChar** attributes) {
        flush_text();
        if (open.size() + 1 > limits.max_depth) {
            fail(fmt::format("line {}: elements nest deeper than {} levels", line(),
                             limits.max_depth));
            return;
        }
        Node* n = nullptr;
        if (open.empty()) {
            n = &root;
            have_root = true;
        } else {
            n = &open.back()->children.emplace_back();
        }
        n->name = qualified(prefix, local);
        n->attributes.reserve(static_cast<std::size_t>(nb_attributes));
        for (int i = 0; i < nb_attributes; ++i) {
            const xmlChar** a = attributes + 5 * i;  // local, prefix, URI, value, end
            // A declared prefix is dropped (the name is namespaced); an
            // undeclared one stays part of the name.
            std::string name = a[1] && !a[2] ? qualified(a[1], a[0]) : std::string(chars(a[0]));
            n->attributes.emplace_back(std::move(name), attribute_value(a[3], a[4]));
        }
        open.push_back(n);
    }
    void end() {
        flush_text();
        if (!open.empty())
            open.pop_back();
    }
    void comment(const xmlChar* value) {
        flush_text();
        if (open.empty())
            return;  // outside the root element: no place in the tree
        Node& c = open.back()->children.emplace_back("#comment");
        c.text = chars(value);
    }

    static Builder& of(void* ctx) { return *static_cast<Builder*>(ctx); }
    static void on_start(void* ctx, const xmlChar* local, const xmlChar* prefix, const xmlChar*,
                         int, const xmlChar**, int nb_attributes, int, const xmlChar** attributes) {
        of(ctx).start(local, prefix, nb_attributes, attributes);
    }
    static void on_end(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) { of(ctx).end(); }
    static void on_characters(void* ctx, const xmlChar* s, int len) {
        of(ctx).add_text(s, len, false);
    }
    static void on_cdata(void* ctx, const xmlChar* s, int len) { of(ctx).add_text(s, len, true); }
    static void on_comment(void* ctx, const xmlChar* value) { of(ctx).comment(value); }
    // Processing instructions carry no CIB meaning, but they end a text run.
    static void on_pi(void* ctx, const xmlChar*, const xmlChar*) { of(ctx).flush_text(); }
    static void on_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
        of(ctx).fail("XML with a DOCTYPE/DTD is not accepted (a CIB never needs one)");
    }
    static void on_reference(void* ctx, const xmlChar* name) {
        Builder& b = of(ctx);
        b.fail(
            fmt::format("line {}: entity reference '&{};' is not allowed", b.line(), chars(name)));
    }
    static void on_error(void*, xmlErrorPtr) {}  // read back from the context instead

    static xmlSAXHandler handler() {
        xmlSAXHandler h{};
        h.initialized = XML_SAX2_MAGIC;
        h.startElementNs = on_start;
        h.endElementNs = on_end;
        h.characters = on_characters;
        h.ignorableWhitespace = on_characters;
        h.cdataBlock = on_cdata;
        h.comment = on_comment;
        h.processingInstruction = on_pi;
        h.internalSubset = on_doctype;
        h.externalSubset = on_doctype;
        h.reference = on_reference;
        h.serror = on_error;
        return h;
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
    if (text.empty())
        return Error{"XML is not well-formed: line 1: Document is empty"};
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(text.data(), static_cast<int>(text.size()));
    if (!ctxt)
        return Error{"out of memory creating XML parser"};
    Builder b(limits, ctxt);
    xmlSAXHandler sax = Builder::handler();
    xmlSAXHandlerPtr own_sax = ctxt->sax;
    ctxt->sax = &sax;
    ctxt->userData = &b;
    // NONET: never fetch anything. No NOENT/DTDLOAD/DTDATTR: entities stay
    // unexpanded, and a DTD stops the parser as soon as it is declared.
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    xmlParseDocument(ctxt);
    const bool well_formed = ctxt->wellFormed != 0;
    std::string message;
    int line = 0;
    if (const xmlError* e = xmlCtxtGetLastError(ctxt)) {
        message = e->message ? e->message : "";
        line = e->line;
    }
    ctxt->sax = own_sax;
    xmlFreeParserCtxt(ctxt);
    if (!b.error.empty())
        return Error{b.error};
    if (!well_formed) {
        if (message.empty())
            message = "unknown error";
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        return Error{fmt::format("XML is not well-formed: line {}: {}", line, message)};
    }
    if (!b.have_root)
        return Error{"XML document has no root element"};
    return std::move(b.root);
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
