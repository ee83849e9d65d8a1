#pragma once
// A plain value-type XML tree. The CIB's XML is the source of truth in
// Vigil: it is read into this tree, edited as a tree, and written back, so
// nothing Vigil does not model is ever lost. Typed views (crm/cib) are
// derived from it.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crm/common/result.h"

namespace crm::xml {

struct Node {
    // Element name, or "#comment" for a comment (its text in `text`).
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;  // document order
    std::vector<Node> children;
    std::string text;  // character data of a leaf element (rare in a CIB)

    Node() = default;
    explicit Node(std::string element_name) : name(std::move(element_name)) {}

    bool is_comment() const { return name == "#comment"; }

    // Attribute access; attr() returns "" when absent.
    const std::string* find_attr(std::string_view key) const;
    std::string attr(std::string_view key) const;
    bool has_attr(std::string_view key) const { return find_attr(key) != nullptr; }
    // Sets (replacing in place, or appending) an attribute.
    Node& set_attr(std::string_view key, std::string_view value);
    bool remove_attr(std::string_view key);

    // Child elements by name (comments skipped).
    const Node* first_child(std::string_view element_name) const;
    Node* first_child(std::string_view element_name);
    std::vector<const Node*> children_named(std::string_view element_name) const;
    Node& add_child(Node child);
    // Finds or creates the first child with that name.
    Node& ensure_child(std::string_view element_name);

    // Depth-first search for an element with this id attribute.
    const Node* find_by_id(std::string_view id) const;
    Node* find_by_id(std::string_view id);

    friend bool operator==(const Node&, const Node&) = default;
};

struct ParseLimits {
    std::size_t max_bytes = 64u << 20;  // a CIB of thousands of resources is a few MB
    std::size_t max_depth = 64;         // the CIB schema nests to about 12
};

// Parses a document. Refuses DTDs, entity declarations, external entities
// and anything over the limits; never touches the network. On error, the
// message says what and where (line) and no tree is returned.
Result<Node> parse(std::string_view text, const ParseLimits& limits = {});
Result<Node> parse_file(const std::string& path, const ParseLimits& limits = {});

// Serialises with two-space indentation (pretty) or on one line.
std::string to_string(const Node& node, bool pretty = true);

// A form for comparing documents: attributes sorted by name, comments and
// whitespace dropped.
Node canonical(const Node& node);

}  // namespace crm::xml
