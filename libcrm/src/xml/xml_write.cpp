#include <string>

#include "crm/xml/xml_node.h"

namespace crm::xml {
namespace {

void escape(std::string& out, std::string_view s, bool attribute) {
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                if (attribute) {
                    out += "&quot;";
                } else {
                    out += c;
                }
                break;
            case '\n':
                if (attribute) {
                    out += "&#10;";
                } else {
                    out += c;
                }
                break;
            case '\t':
                if (attribute) {
                    out += "&#9;";
                } else {
                    out += c;
                }
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                out += c;
        }
    }
}

void write(std::string& out, const Node& n, bool pretty, int depth) {
    if (pretty)
        out.append(static_cast<std::size_t>(depth) * 2, ' ');
    if (n.is_comment()) {
        out += "<!--";
        out += n.text;
        out += "-->";
        if (pretty)
            out += '\n';
        return;
    }
    out += '<';
    out += n.name;
    for (const auto& [k, v] : n.attributes) {
        out += ' ';
        out += k;
        out += "=\"";
        escape(out, v, true);
        out += '"';
    }
    if (n.children.empty() && n.text.empty()) {
        out += "/>";
        if (pretty)
            out += '\n';
        return;
    }
    out += '>';
    if (!n.text.empty())
        escape(out, n.text, false);
    if (!n.children.empty()) {
        if (pretty)
            out += '\n';
        for (const auto& c : n.children)
            write(out, c, pretty, depth + 1);
        if (pretty)
            out.append(static_cast<std::size_t>(depth) * 2, ' ');
    }
    out += "</";
    out += n.name;
    out += '>';
    if (pretty)
        out += '\n';
}

}  // namespace

std::string to_string(const Node& node, bool pretty) {
    std::string out;
    write(out, node, pretty, 0);
    return out;
}

}  // namespace crm::xml
