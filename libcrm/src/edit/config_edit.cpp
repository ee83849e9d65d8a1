#include "crm/edit/config_edit.h"

#include <algorithm>

namespace crm::edit {

namespace {

Status check_configuration(const xml::Node& configuration) {
    if (configuration.name != "configuration")
        return Error{"expected a <configuration> element, got <" + configuration.name + ">"};
    return ok_status();
}

// Replaces the child with the same element name and id, or appends.
void merge_by_id(xml::Node& into, const xml::Node& from) {
    for (const auto& c : from.children) {
        if (c.is_comment())
            continue;
        std::string id = c.attr("id");
        auto it = std::find_if(into.children.begin(), into.children.end(), [&](const xml::Node& x) {
            return !id.empty() && x.attr("id") == id;
        });
        if (it != into.children.end())
            *it = c;
        else
            into.children.push_back(c);
    }
}

// Sets by id, and inside a set nvpairs by name.
void merge_sets(xml::Node& into, const xml::Node& from) {
    for (const auto& set : from.children) {
        if (set.is_comment())
            continue;
        std::string id = set.attr("id");
        auto it = std::find_if(into.children.begin(), into.children.end(), [&](const xml::Node& x) {
            return x.name == set.name && x.attr("id") == id;
        });
        if (it == into.children.end()) {
            into.children.push_back(set);
            continue;
        }
        for (const auto& p : set.children) {
            if (p.name != "nvpair")
                continue;
            auto pit =
                std::find_if(it->children.begin(), it->children.end(), [&](const xml::Node& x) {
                    return x.name == "nvpair" && x.attr("name") == p.attr("name");
                });
            if (pit != it->children.end())
                *pit = p;
            else
                it->children.push_back(p);
        }
    }
}

}  // namespace

Result<xml::Node> replace_configuration(const xml::Node& cib_in, const xml::Node& configuration) {
    if (auto s = check_configuration(configuration); !s)
        return Error{s.error()};
    xml::Node cib = cib_in;
    for (auto& c : cib.children)
        if (c.name == "configuration") {
            c = configuration;
            return cib;
        }
    cib.children.insert(cib.children.begin(), configuration);
    return cib;
}

Result<xml::Node> update_configuration(const xml::Node& cib_in, const xml::Node& configuration) {
    if (auto s = check_configuration(configuration); !s)
        return Error{s.error()};
    xml::Node cib = cib_in;
    for (const auto& sec : configuration.children) {
        if (sec.is_comment())
            continue;
        xml::Node& target = section(cib, sec.name);
        if (sec.name == "crm_config" || sec.name == "rsc_defaults" || sec.name == "op_defaults")
            merge_sets(target, sec);
        else
            merge_by_id(target, sec);
    }
    return cib;
}

}  // namespace crm::edit
