#include "crm/xml/xml_node.h"

#include <algorithm>

namespace crm::xml {

const std::string* Node::find_attr(std::string_view key) const {
    for (const auto& [k, v] : attributes)
        if (k == key)
            return &v;
    return nullptr;
}

std::string Node::attr(std::string_view key) const {
    const std::string* v = find_attr(key);
    return v ? *v : std::string();
}

Node& Node::set_attr(std::string_view key, std::string_view value) {
    for (auto& [k, v] : attributes) {
        if (k == key) {
            v = std::string(value);
            return *this;
        }
    }
    attributes.emplace_back(std::string(key), std::string(value));
    return *this;
}

bool Node::remove_attr(std::string_view key) {
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        if (it->first == key) {
            attributes.erase(it);
            return true;
        }
    }
    return false;
}

const Node* Node::first_child(std::string_view element_name) const {
    for (const auto& c : children)
        if (c.name == element_name)
            return &c;
    return nullptr;
}

Node* Node::first_child(std::string_view element_name) {
    for (auto& c : children)
        if (c.name == element_name)
            return &c;
    return nullptr;
}

std::vector<const Node*> Node::children_named(std::string_view element_name) const {
    std::vector<const Node*> out;
    for (const auto& c : children)
        if (c.name == element_name)
            out.push_back(&c);
    return out;
}

Node& Node::add_child(Node child) {
    children.push_back(std::move(child));
    return children.back();
}

Node& Node::ensure_child(std::string_view element_name) {
    if (Node* c = first_child(element_name))
        return *c;
    return add_child(Node(std::string(element_name)));
}

const Node* Node::find_by_id(std::string_view id) const {
    if (!is_comment()) {
        const std::string* own = find_attr("id");
        if (own && *own == id)
            return this;
    }
    for (const auto& c : children)
        if (const Node* hit = c.find_by_id(id))
            return hit;
    return nullptr;
}

Node* Node::find_by_id(std::string_view id) {
    return const_cast<Node*>(static_cast<const Node*>(this)->find_by_id(id));
}

Node canonical(const Node& node) {
    Node out(node.name);
    out.attributes = node.attributes;
    std::sort(out.attributes.begin(), out.attributes.end());
    out.text = node.text;
    for (const auto& c : node.children)
        if (!c.is_comment())
            out.children.push_back(canonical(c));
    return out;
}

}  // namespace crm::xml
