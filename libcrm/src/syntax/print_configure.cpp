// The driver of the printer: the sections in `crm configure show` order,
// each kind sorted by id, and `xml` lines for what the model does not hold.
#include <algorithm>
#include <functional>
#include <map>
#include <variant>

#include <fmt/format.h>

#include "crm/syntax/configure.h"
#include "crm/syntax/printer.h"

namespace crm::syntax {

namespace {

using detail::Block;

struct Collected {
    std::vector<const cib::Primitive*> primitives;
    std::vector<const cib::Group*> groups;
    std::vector<const cib::Clone*> masters;
    std::vector<const cib::Clone*> clones;

    void add(const cib::Group& g) {
        groups.push_back(&g);
        for (const auto& m : g.members)
            primitives.push_back(&m);
    }
    void add(const cib::Resource& r) {
        if (const auto* p = std::get_if<cib::Primitive>(&r)) {
            // A top-level primitive built from a template is listed in
            // `unsupported` and printed as an xml line instead.
            if (p->template_ref.empty())
                primitives.push_back(p);
        } else if (const auto* g = std::get_if<cib::Group>(&r)) {
            add(*g);
        } else {
            const auto& c = std::get<cib::Clone>(r);
            (c.legacy_master ? masters : clones).push_back(&c);
            if (const auto* cp = std::get_if<cib::Primitive>(&c.child)) {
                primitives.push_back(cp);
            } else {
                add(std::get<cib::Group>(c.child));
            }
        }
    }
};

template <typename T>
void by_id(std::vector<const T*>& v) {
    std::stable_sort(v.begin(), v.end(), [](const T* a, const T* b) { return a->id < b->id; });
}

template <typename T>
std::vector<const T*> pointers(const std::vector<T>& v) {
    std::vector<const T*> out;
    for (const auto& x : v)
        out.push_back(&x);
    by_id(out);
    return out;
}

// `xml <element .../>` for one entry of Configuration::unsupported
// ("element id", "element id (note)" or a section name).
std::string xml_line(const std::string& entry, const xml::Node& cib_xml) {
    const xml::Node* conf = cib_xml.first_child("configuration");
    if (!conf)
        detail::cannot_print("the CIB XML has no <configuration>");
    auto space = entry.find(' ');
    std::string element = entry.substr(0, space);
    const xml::Node* n = nullptr;
    if (space == std::string::npos) {
        n = conf->first_child(element);
    } else {
        std::string id = entry.substr(space + 1);
        id = id.substr(0, id.find(' '));
        n = conf->find_by_id(id);
        if (n && n->name != element)
            n = nullptr;
    }
    if (!n)
        detail::cannot_print(fmt::format("unsupported element '{}' not found in the XML", entry));
    // An empty section (<fencing-topology/>) says nothing: print nothing.
    if (n->attributes.empty() && std::all_of(n->children.begin(), n->children.end(),
                                             [](const xml::Node& ch) { return ch.is_comment(); }))
        return {};
    return "xml " + xml::to_string(*n, false);
}

// Unsupported entries the printer still prints from the model.
bool printed_from_model(const std::string& entry) {
    return entry.rfind("node ", 0) == 0;
}

std::string print(const cib::Cib& cib, const xml::Node* cib_xml) {
    const cib::Configuration& c = cib.configuration;
    if (cib_xml)
        detail::check_model_holds(*cib_xml);
    std::vector<std::string> xml_lines;
    for (const auto& entry : c.unsupported) {
        if (printed_from_model(entry))
            continue;
        if (!cib_xml)
            detail::cannot_print(
                fmt::format("'{}' is not held by the model (print it with the "
                            "CIB's XML to carry it over as an xml line)",
                            entry));
        if (auto line = xml_line(entry, *cib_xml); !line.empty())
            xml_lines.push_back(line);
    }

    std::vector<Block> blocks;
    for (const auto* n : pointers(c.nodes))
        blocks.push_back(detail::print_node(*n));

    Collected r;
    for (const auto& res : c.resources)
        r.add(res);
    by_id(r.primitives);
    by_id(r.groups);
    by_id(r.masters);
    by_id(r.clones);
    for (const auto* p : r.primitives)
        blocks.push_back(detail::print_primitive(*p));
    for (const auto* g : r.groups)
        blocks.push_back(detail::print_group(*g));
    for (const auto* m : r.masters)
        blocks.push_back(detail::print_clone(*m));
    for (const auto* k : r.clones)
        blocks.push_back(detail::print_clone(*k));

    // crmsh lists all constraints together, sorted by id whatever their kind.
    std::vector<std::pair<std::string, std::function<Block()>>> constraints;
    for (const auto& l : c.locations)
        constraints.emplace_back(l.id, [&l] { return detail::print_location(l); });
    for (const auto& o : c.orders)
        constraints.emplace_back(o.id, [&o] { return detail::print_order(o); });
    for (const auto& k : c.colocations)
        constraints.emplace_back(k.id, [&k] { return detail::print_colocation(k); });
    std::stable_sort(constraints.begin(), constraints.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [id, make] : constraints)
        blocks.push_back(make());

    for (const auto& line : xml_lines)
        blocks.push_back(Block{line, {}});

    for (const auto* s : pointers(c.crm_config))
        blocks.push_back(detail::print_defaults("property", *s));
    for (const auto* s : pointers(c.rsc_defaults))
        blocks.push_back(detail::print_defaults("rsc_defaults", *s));
    for (const auto* s : pointers(c.op_defaults))
        blocks.push_back(detail::print_defaults("op_defaults", *s));

    std::string out;
    for (const auto& b : blocks)
        out += b.render() + "\n";
    return out;
}

}  // namespace

Result<std::string> print_configure(const cib::Cib& cib) {
    try {
        return print(cib, nullptr);
    } catch (const detail::PrintError& e) {
        return Error{"cannot print in crm syntax: " + e.message};
    }
}

Result<std::string> print_configure(const cib::Cib& cib, const xml::Node& cib_xml) {
    try {
        return print(cib, &cib_xml);
    } catch (const detail::PrintError& e) {
        return Error{"cannot print in crm syntax: " + e.message};
    }
}

}  // namespace crm::syntax
