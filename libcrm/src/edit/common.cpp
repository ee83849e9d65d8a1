#include "crm/edit/common.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace crm::edit {

xml::Node& configuration(xml::Node& cib) {
    return cib.ensure_child("configuration");
}

xml::Node& section(xml::Node& cib, std::string_view name) {
    return configuration(cib).ensure_child(name);
}

const xml::Node* find_section(const xml::Node& cib, std::string_view name) {
    const xml::Node* conf = cib.first_child("configuration");
    return conf ? conf->first_child(name) : nullptr;
}

bool is_resource_element(std::string_view n) {
    return n == "primitive" || n == "group" || n == "clone" || n == "master" || n == "bundle";
}

namespace {

xml::Node* find_in(xml::Node& parent, std::string_view id, xml::Node** out_parent) {
    for (auto& c : parent.children) {
        if (!is_resource_element(c.name))
            continue;
        if (c.attr("id") == id) {
            if (out_parent)
                *out_parent = &parent;
            return &c;
        }
        if (xml::Node* found = find_in(c, id, out_parent))
            return found;
    }
    return nullptr;
}

void collect_ids(const xml::Node& parent, std::vector<std::string>& out) {
    for (const auto& c : parent.children) {
        if (!is_resource_element(c.name))
            continue;
        out.push_back(c.attr("id"));
        collect_ids(c, out);
    }
}

}  // namespace

xml::Node* find_resource(xml::Node& cib, std::string_view id, xml::Node** parent) {
    xml::Node* conf = cib.first_child("configuration");
    xml::Node* resources = conf ? conf->first_child("resources") : nullptr;
    return resources ? find_in(*resources, id, parent) : nullptr;
}

const xml::Node* find_resource(const xml::Node& cib, std::string_view id) {
    return find_resource(const_cast<xml::Node&>(cib), id, nullptr);
}

std::vector<std::string> resource_ids(const xml::Node& cib) {
    std::vector<std::string> out;
    if (const xml::Node* r = find_section(cib, "resources"))
        collect_ids(*r, out);
    return out;
}

const xml::Node* find_config_id(const xml::Node& cib, std::string_view id) {
    const xml::Node* conf = cib.first_child("configuration");
    return conf ? conf->find_by_id(id) : nullptr;
}

namespace {

std::size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string closest(std::string_view name, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = 0;
    int best_gap = 0;
    // Ties go to the candidate whose differing characters are nearest, so
    // 'IPVirtual_3' suggests 'IPVirtual_2' rather than 'IPVirtual_1'.
    auto gap = [&](const std::string& c) {
        int sum = 0;
        for (std::size_t i = 0; i < std::min(name.size(), c.size()); ++i)
            sum += std::abs(static_cast<int>(name[i]) - static_cast<int>(c[i]));
        return sum;
    };
    for (const auto& c : candidates) {
        std::size_t d = distance(name, c);
        int g = gap(c);
        if (best.empty() || d < best_d || (d == best_d && g < best_gap)) {
            best = c;
            best_d = d;
            best_gap = g;
        }
    }
    // A third of the name (at least 2 edits) is about where a typo ends and
    // a different word begins.
    std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
    return best_d <= limit ? best : std::string();
}

Error not_found(std::string_view what, std::string_view name,
                const std::vector<std::string>& candidates) {
    std::string msg =
        std::string(kNotFoundPrefix) + std::string(what) + " '" + std::string(name) + "'";
    std::string near = closest(name, candidates);
    if (!near.empty())
        msg += "; did you mean '" + near + "'?";
    else if (candidates.empty())
        msg += " (there are none)";
    else if (candidates.size() <= 8) {
        msg += "; known: ";
        for (std::size_t i = 0; i < candidates.size(); ++i)
            msg += (i ? ", " : "") + candidates[i];
    }
    return Error{msg};
}

namespace {
bool id_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool id_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}
}  // namespace

Status check_id(std::string_view id, std::string_view what) {
    if (id.empty())
        return Error{std::string(what) + " id is empty; give a name such as 'web-ip'"};
    if (!id_start(id[0]))
        return Error{std::string(what) + " id '" + std::string(id) +
                     "' must start with a letter or '_'"};
    for (char c : id)
        if (!id_char(c))
            return Error{std::string(what) + " id '" + std::string(id) + "' contains '" +
                         std::string(1, c) + "'; use only letters, digits, '_', '-' and '.'"};
    return ok_status();
}

std::string sanitize_id(std::string_view text) {
    std::string out;
    for (char c : text)
        out += id_char(c) ? c : '_';
    if (out.empty() || !id_start(out[0]))
        out.insert(out.begin(), '_');
    return out;
}

std::string unique_id(const xml::Node& cib, const std::string& base) {
    std::string id = sanitize_id(base);
    if (!find_config_id(cib, id))
        return id;
    for (int i = 1;; ++i) {
        std::string candidate = id + "-" + std::to_string(i);
        if (!find_config_id(cib, candidate))
            return candidate;
    }
}

void set_nvpair(xml::Node& set, const std::string& name, const std::string& value,
                const xml::Node& cib) {
    for (auto it = set.children.begin(); it != set.children.end(); ++it) {
        if (it->name != "nvpair" || it->attr("name") != name)
            continue;
        if (value.empty())
            set.children.erase(it);
        else
            it->set_attr("value", value);
        return;
    }
    if (value.empty())
        return;
    xml::Node pair("nvpair");
    pair.set_attr("id", unique_id(cib, set.attr("id") + "-" + name));
    pair.set_attr("name", name);
    pair.set_attr("value", value);
    set.add_child(std::move(pair));
}

xml::Node& ensure_set(xml::Node& parent, std::string_view element, const std::string& id) {
    if (xml::Node* s = parent.first_child(element))
        return *s;
    xml::Node set{std::string(element)};
    set.set_attr("id", id);
    return parent.add_child(std::move(set));
}

}  // namespace crm::edit
