// The driver of the printer: the sections in `crm configure show` order,
// each kind sorted by id. Given the CIB's XML, an object the language (or
// the model) cannot carry is printed as an `xml` line in its place, as
// crmsh does; without the XML that is an error naming it.
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

// The order of `crm configure show`.
enum Category {
    kNode,
    kPrimitive,
    kGroup,
    kMaster,
    kClone,
    kConstraint,
    kOther,  // elements outside the model, as xml lines
    kProperty,
    kRscDefaults,
    kOpDefaults,
};

struct Entry {
    Category category;
    std::string id;
    Block block;
};

class Printer {
  public:
    Printer(const cib::Cib& cib, const xml::Node* cib_xml) : cib_(cib) {
        if (cib_xml)
            conf_ = cib_xml->first_child("configuration");
        if (cib_xml && !conf_)
            detail::cannot_print("the CIB XML has no <configuration>");
    }

    std::string run() {
        const cib::Configuration& c = cib_.configuration;
        for (const auto& entry : c.unsupported)
            unsupported(entry);
        for (const auto& n : c.nodes)
            add(kNode, n.id, [&] {
                return std::vector<Entry>{{kNode, n.id, detail::print_node(n)}};
            });
        for (const auto& r : c.resources)
            resource(r);
        for (const auto& l : c.locations)
            add(kConstraint, l.id,
                [&] { return one(kConstraint, l.id, detail::print_location(l)); });
        for (const auto& o : c.orders)
            add(kConstraint, o.id, [&] { return one(kConstraint, o.id, detail::print_order(o)); });
        for (const auto& k : c.colocations)
            add(kConstraint, k.id,
                [&] { return one(kConstraint, k.id, detail::print_colocation(k)); });
        sets(kProperty, "property", c.crm_config);
        sets(kRscDefaults, "rsc_defaults", c.rsc_defaults);
        sets(kOpDefaults, "op_defaults", c.op_defaults);

        // Stable: xml lines for unsupported elements keep the XML's order.
        std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
            if (a.category != b.category)
                return a.category < b.category;
            if (a.category == kOther)
                return false;
            return a.id < b.id;
        });
        std::string out;
        for (const auto& e : entries_)
            out += e.block.render() + "\n";
        return out;
    }

  private:
    static std::vector<Entry> one(Category cat, const std::string& id, Block b) {
        return {Entry{cat, id, std::move(b)}};
    }

    // Prints one top-level object (with what it contains); with the XML at
    // hand, an object that cannot be printed becomes one xml line.
    void add(Category cat, const std::string& id, const std::function<std::vector<Entry>()>& make) {
        const xml::Node* element = find(cat, id);
        try {
            if (element)
                detail::check_model_holds(*element);
            for (auto& e : make())
                entries_.push_back(std::move(e));
        } catch (const detail::PrintError&) {
            if (!element)
                throw;
            entries_.push_back(Entry{cat, id, Block{"xml " + xml::to_string(*element, false), {}}});
        }
    }

    // The object's own element, looked up in its section only (a node and a
    // resource may share an id).
    const xml::Node* find(Category cat, const std::string& id) {
        if (!conf_)
            return nullptr;
        if (index_.empty()) {
            for (const auto& section : conf_->children)
                for (const auto& c : section.children)
                    if (!c.is_comment())
                        index_.emplace(section.name + " " + c.attr("id"), &c);
        }
        const char* section = "constraints";
        switch (cat) {
            case kNode:
                section = "nodes";
                break;
            case kPrimitive:
            case kGroup:
            case kMaster:
            case kClone:
                section = "resources";
                break;
            case kProperty:
                section = "crm_config";
                break;
            case kRscDefaults:
                section = "rsc_defaults";
                break;
            case kOpDefaults:
                section = "op_defaults";
                break;
            default:
                break;
        }
        auto it = index_.find(std::string(section) + " " + id);
        return it == index_.end() ? nullptr : it->second;
    }

    void resource(const cib::Resource& r) {
        if (const auto* p = std::get_if<cib::Primitive>(&r)) {
            // A primitive built from a template is in `unsupported`: printed there.
            if (!p->template_ref.empty())
                return;
            add(kPrimitive, p->id,
                [&] { return one(kPrimitive, p->id, detail::print_primitive(*p)); });
        } else if (const auto* g = std::get_if<cib::Group>(&r)) {
            add(kGroup, g->id, [&] { return group(*g); });
        } else {
            const auto& c = std::get<cib::Clone>(r);
            Category cat = c.legacy_master ? kMaster : kClone;
            add(cat, c.id, [&] {
                std::vector<Entry> out = one(cat, c.id, detail::print_clone(c));
                if (const auto* cp = std::get_if<cib::Primitive>(&c.child)) {
                    out.push_back(Entry{kPrimitive, cp->id, detail::print_primitive(*cp)});
                } else {
                    for (auto& e : group(std::get<cib::Group>(c.child)))
                        out.push_back(std::move(e));
                }
                return out;
            });
        }
    }

    static std::vector<Entry> group(const cib::Group& g) {
        std::vector<Entry> out = one(kGroup, g.id, detail::print_group(g));
        for (const auto& m : g.members)
            out.push_back(Entry{kPrimitive, m.id, detail::print_primitive(m)});
        return out;
    }

    void sets(Category cat, const std::string& keyword, const std::vector<cib::NvSet>& v) {
        for (const auto& s : v)
            add(cat, s.id, [&] { return one(cat, s.id, detail::print_defaults(keyword, s)); });
    }

    // An entry of Configuration::unsupported: "element id", "element id
    // (note)" or a section name. Needs the XML to be carried over.
    void unsupported(const std::string& entry) {
        if (entry.rfind("node ", 0) == 0)
            return;  // remote nodes print from the model
        if (!conf_)
            detail::cannot_print(
                fmt::format("'{}' is not held by the model (print it with the "
                            "CIB's XML to carry it over as an xml line)",
                            entry));
        auto space = entry.find(' ');
        std::string element = entry.substr(0, space);
        const xml::Node* n = nullptr;
        if (space == std::string::npos) {
            n = conf_->first_child(element);
        } else {
            std::string id = entry.substr(space + 1);
            id = id.substr(0, id.find(' '));
            n = conf_->find_by_id(id);
            if (n && n->name != element)
                n = nullptr;
        }
        if (!n)
            detail::cannot_print(
                fmt::format("unsupported element '{}' not found in the XML", entry));
        // An empty section (<fencing-topology/>) says nothing: print nothing.
        if (n->attributes.empty() &&
            std::all_of(n->children.begin(), n->children.end(),
                        [](const xml::Node& ch) { return ch.is_comment(); }))
            return;
        entries_.push_back(Entry{kOther, "", Block{"xml " + xml::to_string(*n, false), {}}});
    }

    const cib::Cib& cib_;
    const xml::Node* conf_ = nullptr;
    std::map<std::string, const xml::Node*> index_;  // "section id" -> element
    std::vector<Entry> entries_;
};

Result<std::string> print(const cib::Cib& cib, const xml::Node* cib_xml) {
    try {
        return Printer(cib, cib_xml).run();
    } catch (const detail::PrintError& e) {
        return Error{"cannot print in crm syntax: " + e.message};
    }
}

}  // namespace

Result<std::string> print_configure(const cib::Cib& cib) {
    return print(cib, nullptr);
}

Result<std::string> print_configure(const cib::Cib& cib, const xml::Node& cib_xml) {
    return print(cib, &cib_xml);
}

}  // namespace crm::syntax
